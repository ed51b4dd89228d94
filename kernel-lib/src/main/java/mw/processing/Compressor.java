package mw.processing;

import java.util.Arrays;
import java.util.Locale;
import mw.WorkbenchException;

/**
 * A feed-forward compressor after D. Giannoulis, M. Massberg and J. D. Reiss, "Digital Dynamic Range
 * Compressor Design — A Tutorial and Analysis", JAES 60(6), 2012: level detection (peak, or RMS over
 * {@code rmsMs}) on a channel-linked side chain (optionally high-passed), a static curve with a
 * quadratic soft knee of width {@code kneeDb}, and gain smoothing in dB with separate attack and
 * release time constants (a step in the static gain reaches 63.2 % of its final value after
 * {@code attackMs} or {@code releaseMs}). Lookahead delays the audio against the side chain; makeup
 * gain and a dry/wet {@code mix} (parallel compression) follow.
 *
 * <pre>{@code
 * Compressor.ratio(2).thresholdDb(-18).attackMs(10).releaseMs(120).kneeDb(6)
 * }</pre>
 *
 * <p>Threshold and ratio changes while running pass through the attack/release smoothing; makeup and
 * mix glide over 20 ms. A lookahead change takes effect at the next {@link #prepare}.
 */
public final class Compressor extends DynamicsBase<Compressor> {
    /** Side-chain level detector. */
    public enum Detector { PEAK, RMS;
        static Detector parse(String s) {
            for (Detector d : values()) {
                if (d.name().equalsIgnoreCase(s)) {
                    return d;
                }
            }
            throw new WorkbenchException("detector = " + s + " is not accepted; accepted: peak, rms");
        }
    }

    /** The parameters, declared once. */
    public static final ParamSet<Compressor> PARAMS = ParamSet.<Compressor>of("compressor", v -> new Compressor())
            .number("thresholdDb", "dB", -80, 0, -18, "%.1f", c -> c.thresholdDb, (c, v) -> c.thresholdDb = v)
            .number("ratio", ":1", 1, 100, 2, "%.2f", c -> c.ratio, (c, v) -> c.ratio = v)
            .number("kneeDb", "dB", 0, 24, 6, "%.1f", c -> c.kneeDb, (c, v) -> c.kneeDb = v)
            .number("attackMs", "ms", MIN_ATTACK_MS, MAX_ATTACK_MS, 10, "%.2f", c -> c.attackMs, (c, v) -> c.attackMs = v)
            .number("releaseMs", "ms", MIN_RELEASE_MS, MAX_RELEASE_MS, 120, "%.1f", c -> c.releaseMs, (c, v) -> c.releaseMs = v)
            .number("lookaheadMs", "ms", 0, 20, 0, "%.2f", c -> c.lookaheadMs, (c, v) -> c.lookaheadMs = v)
            .change(Param.Change.ON_PREPARE)
            .number("sidechainHpfHz", "Hz", 0, 2000, 0, "%.0f", c -> c.sidechainHpfHz, (c, v) -> c.sidechainHpfHz = v)
            .change(Param.Change.IMMEDIATE)
            .number("makeupDb", "dB", -24, 24, 0, "%.2f", c -> c.makeupDb, (c, v) -> c.makeupDb = v)
            .number("mix", "", 0, 1, 1, "%.2f", c -> c.mix, (c, v) -> c.mix = v)
            .choice("detector", Detector.PEAK, d -> d.name().toLowerCase(Locale.ROOT), Detector::parse,
                    c -> c.detector, (c, v) -> c.detector = v)
            .number("rmsMs", "ms", 1, 1000, 10, "%.1f", c -> c.rmsMs, (c, v) -> c.rmsMs = v);

    private double thresholdDb;
    private double ratio;
    private double kneeDb;
    private double attackMs;
    private double releaseMs;
    private double lookaheadMs;
    private double sidechainHpfHz;
    private double makeupDb;
    private double mix;
    private Detector detector;
    private double rmsMs;

    private int sampleRate;
    private int channels;
    private double alphaA;
    private double alphaR;
    private double alphaRms;
    private double gs;
    private double ms;
    private double[][] delay = new double[0][0];
    private int delayLen;
    private int delayPos;
    private Biquad hpf;
    private double[] h1 = new double[0];
    private double[] h2 = new double[0];
    private final Ramp makeup = new Ramp(0.020, 1);
    private final Ramp wet = new Ramp(0.020, 1);

    private Compressor() {
        super(PARAMS);
        PARAMS.applyDefaults(this);
    }

    /** A compressor with default settings (threshold -18 dB, ratio 2, knee 6 dB, attack 10 ms, release 120 ms). */
    public static Compressor create() {
        return new Compressor();
    }

    /** A compressor of the given ratio (1 to 100) and default other settings. */
    public static Compressor ratio(double ratio) {
        return new Compressor().withRatio(ratio);
    }

    /** Threshold in dBFS of the detected level, -80 to 0. */
    public Compressor thresholdDb(double db) {
        return set("thresholdDb", db);
    }

    /**
     * Ratio of input to output level change above the threshold, 1 to 100 (100 acts as a limiter). Named
     * {@code withRatio} because {@link #ratio(double)} makes a new compressor; {@code set("ratio", r)} does the same.
     */
    public Compressor withRatio(double r) {
        return set("ratio", r);
    }

    /** Width of the soft knee in dB, 0 (hard) to 24. */
    public Compressor kneeDb(double db) {
        return set("kneeDb", db);
    }

    /** Attack time constant in ms, 0.01 to 1000. */
    public Compressor attackMs(double v) {
        return set("attackMs", v);
    }

    /** Release time constant in ms, 1 to 5000. */
    public Compressor releaseMs(double v) {
        return set("releaseMs", v);
    }

    /** Lookahead in ms, 0 to 20; adds the same latency. Takes effect at the next prepare. */
    public Compressor lookaheadMs(double v) {
        return set("lookaheadMs", v);
    }

    /** Corner of a 12 dB/octave high-pass in the side chain, 0 (off) to 2000 Hz. */
    public Compressor sidechainHpfHz(double hz) {
        return set("sidechainHpfHz", hz);
    }

    /** Makeup gain in dB, -24 to +24. */
    public Compressor makeupDb(double db) {
        return set("makeupDb", db);
    }

    /** Share of compressed signal in the output, 0 (dry) to 1 (fully compressed). */
    public Compressor mix(double m) {
        return set("mix", m);
    }

    /** Peak or RMS detection. */
    public Compressor detector(Detector d) {
        return set("detector", java.util.Objects.requireNonNull(d, "detector"));
    }

    /** Time constant of the RMS detector in ms, 1 to 1000. */
    public Compressor rmsMs(double v) {
        return set("rmsMs", v);
    }

    @Override
    protected void changed(String name) {
        switch (name) {
            case "attackMs", "releaseMs", "rmsMs" -> updateCoefficients();
            case "makeupDb" -> makeup.target(Render.dbToLinear(makeupDb));
            case "mix" -> wet.target(mix);
            default -> { }
        }
    }

    @Override
    protected void validate() {
        if (sampleRate > 0) {
            designHpf();
        }
    }

    public double thresholdDb() { return thresholdDb; }
    public double ratio() { return ratio; }
    public double kneeDb() { return kneeDb; }
    public double attackMs() { return attackMs; }
    public double releaseMs() { return releaseMs; }
    public double lookaheadMs() { return lookaheadMs; }
    public double sidechainHpfHz() { return sidechainHpfHz; }
    public double makeupDb() { return makeupDb; }
    public double mix() { return mix; }
    public Detector detector() { return detector; }
    public double rmsMs() { return rmsMs; }

    /**
     * The static curve: output level in dB for a steady input level in dB (before makeup), per
     * Giannoulis et al. (2012), eq. 4.
     */
    public double staticCurveDb(double inputDb) {
        double over = inputDb - thresholdDb;
        if (2 * over < -kneeDb) {
            return inputDb;
        }
        if (kneeDb > 0 && 2 * Math.abs(over) <= kneeDb) {
            double t = over + kneeDb / 2;
            return inputDb + (1 / ratio - 1) * t * t / (2 * kneeDb);
        }
        return thresholdDb + over / ratio;
    }

    @Override
    public String type() {
        return "compressor";
    }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        updateCoefficients();
        delayLen = (int) Math.round(lookaheadMs / 1000 * sampleRate);
        delay = new double[channels][Math.max(1, delayLen)];
        h1 = new double[channels];
        h2 = new double[channels];
        designHpf();
        makeup.prepare(sampleRate);
        wet.prepare(sampleRate);
        gr.prepare(sampleRate);
        reset();
    }

    private void designHpf() {
        if (sidechainHpfHz > 0) {
            if (sidechainHpfHz >= 0.45 * sampleRate) {
                throw new WorkbenchException("sidechainHpfHz = " + sidechainHpfHz + " is too close to Nyquist for "
                        + sampleRate + " Hz audio; accepted: 0 to " + (int) (0.45 * sampleRate));
            }
            hpf = new Biquad();
            hpf.highPass(sampleRate, sidechainHpfHz, Eq.BUTTERWORTH_Q);
        } else {
            hpf = null;
        }
    }

    private void updateCoefficients() {
        if (sampleRate == 0) {
            return;
        }
        alphaA = coefficient(attackMs, sampleRate);
        alphaR = coefficient(releaseMs, sampleRate);
        alphaRms = coefficient(rmsMs, sampleRate);
    }

    @Override
    public int latencySamples() {
        return delayLen;
    }

    @Override
    public void process(double[][] block, int frames) {
        Render.checkPrepared(sampleRate > 0, type());
        final double t = thresholdDb;
        final double knee = kneeDb;
        final double slope = 1 / ratio - 1;
        // below this squared level the static curve does not act, so no logarithm is needed
        final double quietSq = Math.pow(10, (t - knee / 2) / 10);
        final boolean rms = detector == Detector.RMS;
        final Biquad f = hpf;
        final double ln10over20 = Math.log(10) / 20;
        for (int i = 0; i < frames; i++) {
            double lvl = 0;
            for (int c = 0; c < channels; c++) {
                double s = block[c][i];
                if (f != null) {
                    double o = f.b0 * s + h1[c];
                    h1[c] = f.b1 * s - f.a1 * o + h2[c];
                    h2[c] = f.b2 * s - f.a2 * o;
                    s = o;
                }
                double sq = s * s;
                if (sq > lvl) {
                    lvl = sq;
                }
            }
            if (rms) {
                ms = smooth(alphaRms, ms, lvl);
                lvl = ms;
            }
            double gc = 0;
            if (lvl > quietSq) {
                double xdb = 10 * Math.log10(lvl);
                double over = xdb - t;
                if (knee > 0 && 2 * over <= knee) {
                    double u = over + knee / 2;
                    gc = slope * u * u / (2 * knee);
                } else {
                    gc = slope * over;
                }
            }
            gs = settle(smooth(gc < gs ? alphaA : alphaR, gs, gc));
            gr.add(-gs);
            double g = (gs == 0 ? 1 : Math.exp(gs * ln10over20)) * makeup.next();
            double m = wet.next();
            if (delayLen == 0) {
                for (int c = 0; c < channels; c++) {
                    double d = block[c][i];
                    block[c][i] = m == 1 ? d * g : m * d * g + (1 - m) * d;
                }
            } else {
                for (int c = 0; c < channels; c++) {
                    double d = delay[c][delayPos];
                    delay[c][delayPos] = block[c][i];
                    block[c][i] = m == 1 ? d * g : m * d * g + (1 - m) * d;
                }
                if (++delayPos == delayLen) {
                    delayPos = 0;
                }
            }
        }
    }

    @Override
    public void reset() {
        gs = 0;
        ms = 0;
        delayPos = 0;
        for (double[] d : delay) {
            Arrays.fill(d, 0);
        }
        Arrays.fill(h1, 0);
        Arrays.fill(h2, 0);
        makeup.jump();
        wet.jump();
        gr.reset();
    }
}
