package mw.processing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import mw.WorkbenchException;

/**
 * One equaliser band built from biquad sections per R. Bristow-Johnson's "Audio EQ Cookbook":
 * peak, low/high shelf, low/high pass (6 to 48 dB per octave, Butterworth), band-pass (0 dB peak),
 * notch and tilt (a low shelf and a high shelf of opposite half gains meeting at the centre).
 *
 * <pre>{@code
 * Eq.highShelf(8000, 1.5)   Eq.peak(250, -3, 1.4)   Eq.highPass(30, 24)   Eq.tilt(1000, -2)
 * }</pre>
 *
 * <p>Changes of frequency, gain or Q while running glide over 20 ms (frequency and Q on a log scale,
 * gain in dB), with the coefficients recomputed every 16 samples, so sweeps do not click.
 * {@link #response(int, double...)} gives magnitude and phase for plots.
 */
public final class Eq extends AbstractProcessor<Eq> {
    /** The filter shapes. */
    public enum Shape {
        PEAK("peak"), LOW_SHELF("lowShelf"), HIGH_SHELF("highShelf"), LOW_PASS("lowPass"),
        HIGH_PASS("highPass"), BAND_PASS("bandPass"), NOTCH("notch"), TILT("tilt");

        private final String id;

        Shape(String id) {
            this.id = id;
        }

        /** The name used in presets and chain specs. */
        public String id() {
            return id;
        }

        /** Parses a shape name as used in presets, for example {@code highShelf}. */
        public static Shape parse(String s) {
            for (Shape sh : values()) {
                if (sh.id.equalsIgnoreCase(s) || sh.name().equalsIgnoreCase(s)) {
                    return sh;
                }
            }
            throw new WorkbenchException("shape = " + s + " is not a filter shape; accepted: " + accepted());
        }

        static String accepted() {
            StringBuilder sb = new StringBuilder();
            for (Shape sh : values()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(sh.id);
            }
            return sb.toString();
        }
    }

    /** Q of a second-order Butterworth section, 1/sqrt(2). */
    public static final double BUTTERWORTH_Q = Math.sqrt(0.5);
    private static final long[] SLOPES = {6, 12, 18, 24, 36, 48};
    private static final int UPDATE_EVERY = 16;
    private static final double GLIDE_SECONDS = 0.020;

    /** The parameters, declared once ({@code q} defaults to 0.5 for a tilt). */
    public static final ParamSet<Eq> PARAMS = ParamSet.<Eq>of("eq", v -> new Eq(shapeOf(v)))
            .choice("shape", Shape.PEAK, Shape::id, Shape::parse, e -> e.shape, (e, v) -> e.shape = v).unnamed()
            .number("frequencyHz", "Hz", 10, 40_000, 1000, "%.1f", e -> e.frequencyHz, (e, v) -> e.frequencyHz = v)
            .number("gainDb", "dB", -30, 30, 0, "%.2f", e -> e.gainDb, (e, v) -> e.gainDb = v)
            .shownIf(e -> e.usesGain())
            .number("q", "", 0.1, 20, BUTTERWORTH_Q, "%.3f", e -> e.q, (e, v) -> e.q = v)
            .integer("slopeDbPerOct", "dB/oct", 6, 48, 12, e -> e.slopeDbPerOct, (e, v) -> e.slopeDbPerOct = (int) v)
            .only(SLOPES).change(Param.Change.IMMEDIATE)
            .shownIf(e -> e.shape == Shape.LOW_PASS || e.shape == Shape.HIGH_PASS);

    private Shape shape;
    private double frequencyHz;
    private double gainDb;
    private double q;
    private int slopeDbPerOct;
    private int designedSlope;

    private int sampleRate;
    private int channels;
    private Biquad[] sections = new Biquad[0];
    private double[][] z1 = new double[0][0];
    private double[][] z2 = new double[0][0];
    // glide state: current (smoothed) log-frequency, gain, log-Q
    private double curLogF;
    private double curGain;
    private double curLogQ;
    private int glideLeft;
    private int sinceUpdate;

    private Eq(Shape shape) {
        super(PARAMS);
        PARAMS.applyDefaults(this);
        set("shape", shape);
        if (shape == Shape.TILT) {
            set("q", 0.5);
        }
    }

    private Eq(Shape shape, double frequencyHz, double gainDb, double q) {
        this(shape);
        frequencyHz(frequencyHz);
        gainDb(gainDb);
        q(q);
    }

    private static Shape shapeOf(Map<String, Object> values) {
        Object v = values.get("shape");
        return v == null ? Shape.PEAK : v instanceof Shape sh ? sh : Shape.parse(v.toString().trim());
    }

    private boolean usesGain() {
        return switch (shape) {
            case PEAK, LOW_SHELF, HIGH_SHELF, TILT -> true;
            default -> false;
        };
    }

    /** A peaking (bell) filter: {@code gainDb} at {@code frequencyHz}, bandwidth set by {@code q}. */
    public static Eq peak(double frequencyHz, double gainDb, double q) {
        return new Eq(Shape.PEAK, frequencyHz, gainDb, q);
    }

    /** A low shelf of {@code gainDb} below {@code frequencyHz} (half the gain at that frequency), Q 1/sqrt(2). */
    public static Eq lowShelf(double frequencyHz, double gainDb) {
        return new Eq(Shape.LOW_SHELF, frequencyHz, gainDb, BUTTERWORTH_Q);
    }

    /** A high shelf of {@code gainDb} above {@code frequencyHz} (half the gain at that frequency), Q 1/sqrt(2). */
    public static Eq highShelf(double frequencyHz, double gainDb) {
        return new Eq(Shape.HIGH_SHELF, frequencyHz, gainDb, BUTTERWORTH_Q);
    }

    /** A 12 dB/octave Butterworth low-pass (-3 dB at {@code frequencyHz}). */
    public static Eq lowPass(double frequencyHz) {
        return new Eq(Shape.LOW_PASS, frequencyHz, 0, BUTTERWORTH_Q);
    }

    /** A Butterworth low-pass of 6, 12, 18, 24, 36 or 48 dB per octave (-3 dB at {@code frequencyHz}). */
    public static Eq lowPass(double frequencyHz, int slopeDbPerOct) {
        return new Eq(Shape.LOW_PASS, frequencyHz, 0, BUTTERWORTH_Q).slopeDbPerOct(slopeDbPerOct);
    }

    /** A 12 dB/octave Butterworth high-pass (-3 dB at {@code frequencyHz}). */
    public static Eq highPass(double frequencyHz) {
        return new Eq(Shape.HIGH_PASS, frequencyHz, 0, BUTTERWORTH_Q);
    }

    /** A Butterworth high-pass of 6, 12, 18, 24, 36 or 48 dB per octave (-3 dB at {@code frequencyHz}). */
    public static Eq highPass(double frequencyHz, int slopeDbPerOct) {
        return new Eq(Shape.HIGH_PASS, frequencyHz, 0, BUTTERWORTH_Q).slopeDbPerOct(slopeDbPerOct);
    }

    /** A band-pass with 0 dB gain at {@code frequencyHz}. */
    public static Eq bandPass(double frequencyHz, double q) {
        return new Eq(Shape.BAND_PASS, frequencyHz, 0, q);
    }

    /** A notch at {@code frequencyHz}. */
    public static Eq notch(double frequencyHz, double q) {
        return new Eq(Shape.NOTCH, frequencyHz, 0, q);
    }

    /**
     * A spectral tilt: {@code gainDb} is the difference between the top and the bottom of the spectrum
     * (-gainDb/2 at DC, +gainDb/2 towards Nyquist, 0 dB at {@code frequencyHz}).
     */
    public static Eq tilt(double frequencyHz, double gainDb) {
        return new Eq(Shape.TILT, frequencyHz, gainDb, 0.5);
    }

    /** A band of the given shape with all parameters. */
    public static Eq of(Shape shape, double frequencyHz, double gainDb, double q, int slopeDbPerOct) {
        return new Eq(shape, frequencyHz, gainDb, q).slopeDbPerOct(slopeDbPerOct);
    }

    public Shape shape() { return shape; }
    public double frequencyHz() { return frequencyHz; }
    public double gainDb() { return gainDb; }
    public double q() { return q; }
    public int slopeDbPerOct() { return slopeDbPerOct; }

    /** Centre or corner frequency, 10 Hz to 40 kHz (and below the audio's Nyquist frequency). */
    public Eq frequencyHz(double hz) {
        return set("frequencyHz", hz);
    }

    /** Gain in dB, -30 to +30 (used by peak, shelves and tilt). */
    public Eq gainDb(double db) {
        return set("gainDb", db);
    }

    /** Quality factor, 0.1 to 20 (for pass filters it shapes only the 12 dB/octave slope). */
    public Eq q(double value) {
        return set("q", value);
    }

    /** Slope of low/high pass filters: 6, 12, 18, 24, 36 or 48 dB per octave. */
    public Eq slopeDbPerOct(int slope) {
        return set("slopeDbPerOct", slope);
    }

    @Override
    protected void changed(String name) {
        switch (name) {
            case "frequencyHz", "gainDb", "q" -> startGlide();
            case "shape", "slopeDbPerOct" -> {
                if (sampleRate > 0 && (name.equals("shape") || slopeDbPerOct != designedSlope)) {
                    allocate();
                    jumpGlide();
                }
            }
            default -> { }
        }
    }

    @Override
    protected void validate() {
        if (sampleRate > 0) {
            checkNyquist(frequencyHz, sampleRate);
        }
    }

    private static void checkNyquist(double hz, int fs) {
        if (hz >= 0.499 * fs) {
            throw new WorkbenchException(String.format(Locale.ROOT,
                    "frequencyHz = %s is at or above the Nyquist frequency of %d Hz audio; accepted: below %.0f Hz",
                    hz, fs, 0.499 * fs));
        }
    }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        checkNyquist(frequencyHz, sampleRate);
        this.sampleRate = sampleRate;
        this.channels = channels;
        allocate();
        jumpGlide();
    }

    private int sectionCount() {
        return switch (shape) {
            case LOW_PASS, HIGH_PASS -> (slopeDbPerOct / 6 + 1) / 2;
            case TILT -> 2;
            default -> 1;
        };
    }

    private void allocate() {
        designedSlope = slopeDbPerOct;
        int n = sectionCount();
        sections = new Biquad[n];
        for (int i = 0; i < n; i++) {
            sections[i] = new Biquad();
        }
        z1 = new double[channels][n];
        z2 = new double[channels][n];
    }

    private void startGlide() {
        if (sampleRate == 0) {
            return;
        }
        glideLeft = (int) Math.round(GLIDE_SECONDS * sampleRate);
        sinceUpdate = 0;
    }

    private void jumpGlide() {
        curLogF = Math.log(frequencyHz);
        curGain = gainDb;
        curLogQ = Math.log(q);
        glideLeft = 0;
        design(sections, sampleRate, frequencyHz, gainDb, q);
    }

    /** Designs the sections for the given (possibly gliding) parameters. */
    private void design(Biquad[] s, double fs, double f, double g, double qq) {
        switch (shape) {
            case PEAK -> s[0].peak(fs, f, g, qq);
            case LOW_SHELF -> s[0].lowShelf(fs, f, g, qq);
            case HIGH_SHELF -> s[0].highShelf(fs, f, g, qq);
            case BAND_PASS -> s[0].bandPass(fs, f, qq);
            case NOTCH -> s[0].notch(fs, f, qq);
            case TILT -> {
                s[0].lowShelf(fs, f, -g / 2, qq);
                s[1].highShelf(fs, f, g / 2, qq);
            }
            case LOW_PASS, HIGH_PASS -> {
                boolean low = shape == Shape.LOW_PASS;
                int order = slopeDbPerOct / 6;
                int i = 0;
                if (order % 2 == 1) {
                    if (low) {
                        s[i++].lowPass1(fs, f);
                    } else {
                        s[i++].highPass1(fs, f);
                    }
                }
                for (int k = 1; k <= order / 2; k++) {
                    // Butterworth pole pairs: Q_k = 1 / (2 sin((2k-1) pi / (2N))); the 12 dB/oct case uses q
                    double qk = order == 2 ? qq : 1 / (2 * Math.sin((2 * k - 1) * Math.PI / (2 * order)));
                    if (low) {
                        s[i++].lowPass(fs, f, qk);
                    } else {
                        s[i++].highPass(fs, f, qk);
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private void glideStep(int samples) {
        double total = Math.max(1, glideLeft);
        double frac = Math.min(1.0, samples / total);
        curLogF += (Math.log(frequencyHz) - curLogF) * frac;
        curGain += (gainDb - curGain) * frac;
        curLogQ += (Math.log(q) - curLogQ) * frac;
        glideLeft = Math.max(0, glideLeft - samples);
        if (glideLeft == 0) {
            curLogF = Math.log(frequencyHz);
            curGain = gainDb;
            curLogQ = Math.log(q);
        }
        double f = glideLeft == 0 ? frequencyHz : Math.exp(curLogF);
        double qq = glideLeft == 0 ? q : Math.exp(curLogQ);
        design(sections, sampleRate, f, curGain, qq);
    }

    @Override
    public void process(double[][] block, int frames) {
        Render.checkPrepared(sampleRate > 0, type());
        int pos = 0;
        while (pos < frames) {
            int len = frames - pos;
            if (glideLeft > 0) {
                if (sinceUpdate == 0) {
                    glideStep(UPDATE_EVERY);
                }
                len = Math.min(len, UPDATE_EVERY - sinceUpdate);
                sinceUpdate = (sinceUpdate + len) % UPDATE_EVERY;
            } else {
                sinceUpdate = 0;
            }
            run(block, pos, len);
            pos += len;
        }
    }

    private void run(double[][] block, int from, int len) {
        int end = from + len;
        for (int s = 0; s < sections.length; s++) {
            Biquad bq = sections[s];
            double b0 = bq.b0, b1 = bq.b1, b2 = bq.b2, a1 = bq.a1, a2 = bq.a2;
            for (int c = 0; c < block.length; c++) {
                double[] x = block[c];
                double s1 = z1[c][s];
                double s2 = z2[c][s];
                for (int i = from; i < end; i++) {
                    double in = x[i];
                    double out = b0 * in + s1;
                    s1 = b1 * in - a1 * out + s2;
                    s2 = b2 * in - a2 * out;
                    x[i] = out;
                }
                // flush denormals: below 1e-30 the state is inaudible and slow to compute with
                z1[c][s] = Math.abs(s1) < 1e-30 ? 0 : s1;
                z2[c][s] = Math.abs(s2) < 1e-30 ? 0 : s2;
            }
        }
    }

    @Override
    public void reset() {
        for (double[] z : z1) {
            Arrays.fill(z, 0);
        }
        for (double[] z : z2) {
            Arrays.fill(z, 0);
        }
        if (sampleRate > 0) {
            jumpGlide();
        }
    }

    /** Magnitude (dB) and phase (degrees) of the band with its current settings at the given frequencies. */
    public FrequencyResponse response(int sampleRate, double... frequenciesHz) {
        checkNyquist(frequencyHz, sampleRate);
        int n = sectionCount();
        Biquad[] s = new Biquad[n];
        for (int i = 0; i < n; i++) {
            s[i] = new Biquad();
        }
        design(s, sampleRate, frequencyHz, gainDb, q);
        double[] mag = new double[frequenciesHz.length];
        double[] ph = new double[frequenciesHz.length];
        for (int k = 0; k < frequenciesHz.length; k++) {
            double w = 2 * Math.PI * frequenciesHz[k] / sampleRate;
            double re = 1;
            double im = 0;
            for (Biquad b : s) {
                double[] h = b.response(w);
                double r = re * h[0] - im * h[1];
                im = re * h[1] + im * h[0];
                re = r;
            }
            mag[k] = 10 * Math.log10(re * re + im * im);
            ph[k] = Math.toDegrees(Math.atan2(im, re));
        }
        return new FrequencyResponse(frequenciesHz.clone(), mag, ph);
    }

    /** Response on 256 log-spaced points from 10 Hz to just below Nyquist. */
    public FrequencyResponse response(int sampleRate) {
        return response(sampleRate, FrequencyResponse.logGrid(10, 0.49 * sampleRate, 256));
    }
}
