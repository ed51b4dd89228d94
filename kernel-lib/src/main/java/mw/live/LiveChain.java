package mw.live;

import java.util.List;
import java.util.Locale;
import mw.WorkbenchException;
import mw.processing.Compressor;
import mw.processing.Limiter;

/**
 * The live chain and the one place that maps parameter names onto its processors: a three-band
 * equaliser (low shelf, bell, high shelf; {@link SvfBand}), the workbench's {@link Compressor}, a
 * stereo width and output gain stage, and the workbench's true-peak {@link Limiter}.
 *
 * <p>The compressor and the limiter are driven by parameter name through their declared parameters
 * ({@code setNumber}, the allocation-free form of {@code set(name, value)}) at every control point: the
 * compressor's threshold and ratio act through its attack/release gain smoothing, so its envelope is
 * carried across any change; the limiter follows a ceiling change with its look-ahead attack ramp or its
 * release. Width and output gain are plain multipliers and are interpolated per sample here.
 */
final class LiveChain {
    static final int EQ_LOW_HZ = 0;
    static final int EQ_LOW_DB = 1;
    static final int EQ_MID_HZ = 2;
    static final int EQ_MID_DB = 3;
    static final int EQ_MID_Q = 4;
    static final int EQ_HIGH_HZ = 5;
    static final int EQ_HIGH_DB = 6;
    static final int COMP_THRESHOLD = 7;
    static final int COMP_RATIO = 8;
    static final int COMP_KNEE = 9;
    static final int COMP_ATTACK = 10;
    static final int COMP_RELEASE = 11;
    static final int WIDTH = 12;
    static final int OUTPUT_DB = 13;
    static final int LIM_CEILING = 14;
    static final int LIM_RELEASE = 15;

    /** Every parameter, in index order. Defaults of the preset fields are those of the source's preset class. */
    static final List<LiveParameter> PARAMETERS = List.of(
            new LiveParameter("eq.lowFrequencyHz", "Hz", 20, 1000, 120, null, true),
            new LiveParameter("eq.lowGainDb", "dB", -24, 24, 0, "eqLowGain", false),
            new LiveParameter("eq.midFrequencyHz", "Hz", 100, 10_000, 1000, null, true),
            new LiveParameter("eq.midGainDb", "dB", -24, 24, 0, "eqMidGain", false),
            new LiveParameter("eq.midQ", "", 0.1, 10, 0.7, null, true),
            new LiveParameter("eq.highFrequencyHz", "Hz", 1000, 20_000, 8000, null, true),
            new LiveParameter("eq.highGainDb", "dB", -24, 24, 0, "eqHighGain", false),
            new LiveParameter("compressor.thresholdDb", "dB", -60, 0, -18, "compressionThreshold", false),
            new LiveParameter("compressor.ratio", ":1", 1, 20, 3, "compressionRatio", true),
            new LiveParameter("compressor.kneeDb", "dB", 0, 24, 6, null, false),
            new LiveParameter("compressor.attackMs", "ms", 0.1, 500, 10, null, true),
            new LiveParameter("compressor.releaseMs", "ms", 5, 3000, 120, null, true),
            new LiveParameter("stereo.width", "x", 0, 2, 1, "stereoWidth", false),
            new LiveParameter("output.gainDb", "dB", -24, 24, 0, null, false),
            new LiveParameter("limiter.ceilingDbtp", "dBTP", -20, 0, -1, "limiterCeiling", false),
            new LiveParameter("limiter.releaseMs", "ms", 1, 2000, 60, null, true));

    static final int COUNT = PARAMETERS.size();
    /** Q of the shelves: 1/sqrt(2), the cookbook's shelf slope S = 1. */
    static final double SHELF_Q = Math.sqrt(0.5);

    private final SvfBand low = new SvfBand(SvfBand.Kind.LOW_SHELF);
    private final SvfBand mid = new SvfBand(SvfBand.Kind.BELL);
    private final SvfBand high = new SvfBand(SvfBand.Kind.HIGH_SHELF);
    final Compressor compressor = Compressor.create().kneeDb(6);
    final Limiter limiter = Limiter.truePeak(-1);
    private int sampleRate;
    private final double[] applied = new double[COUNT];

    /** The index of a parameter name, or -1. */
    static int index(String name) {
        for (int i = 0; i < COUNT; i++) {
            if (PARAMETERS.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Checks that a set of values can run at a sample rate (filter frequencies below Nyquist). */
    static void checkRate(String where, double[] v, int sampleRate) {
        for (int i : new int[] {EQ_LOW_HZ, EQ_MID_HZ, EQ_HIGH_HZ}) {
            if (v[i] >= 0.45 * sampleRate) {
                throw new WorkbenchException(String.format(Locale.ROOT,
                        "%s: %s = %s is too close to the Nyquist frequency of %d Hz audio; accepted: below %.0f Hz",
                        where, PARAMETERS.get(i).name(), LiveParameter.fmt(v[i]), sampleRate, 0.45 * sampleRate));
            }
        }
    }

    void prepare(int sampleRate, int maxBlockFrames, int channels, double[] initial) {
        this.sampleRate = sampleRate;
        low.prepare(channels);
        mid.prepare(channels);
        high.prepare(channels);
        java.util.Arrays.fill(applied, Double.NaN);
        low.design(sampleRate, initial[EQ_LOW_HZ], initial[EQ_LOW_DB], SHELF_Q);
        mid.design(sampleRate, initial[EQ_MID_HZ], initial[EQ_MID_DB], initial[EQ_MID_Q]);
        high.design(sampleRate, initial[EQ_HIGH_HZ], initial[EQ_HIGH_DB], SHELF_Q);
        apply(initial, 0);
        compressor.prepare(sampleRate, maxBlockFrames, channels);
        limiter.prepare(sampleRate, maxBlockFrames, channels);
    }

    int latencySamples() {
        return compressor.latencySamples() + limiter.latencySamples();
    }

    /**
     * Sets every processor to the values (audio thread; no allocation); the equaliser glides there over the
     * next {@code frames} frames, 0 for at once. Unchanged stages are not touched.
     */
    void apply(double[] v, int frames) {
        if (changed(v, EQ_LOW_HZ, EQ_LOW_DB)) {
            low.glide(sampleRate, v[EQ_LOW_HZ], v[EQ_LOW_DB], SHELF_Q, frames);
        }
        if (changed(v, EQ_MID_HZ, EQ_MID_Q)) {
            mid.glide(sampleRate, v[EQ_MID_HZ], v[EQ_MID_DB], v[EQ_MID_Q], frames);
        }
        if (changed(v, EQ_HIGH_HZ, EQ_HIGH_DB)) {
            high.glide(sampleRate, v[EQ_HIGH_HZ], v[EQ_HIGH_DB], SHELF_Q, frames);
        }
        if (v[COMP_THRESHOLD] != applied[COMP_THRESHOLD]) {
            compressor.setNumber("thresholdDb", v[COMP_THRESHOLD]);
        }
        if (v[COMP_RATIO] != applied[COMP_RATIO]) {
            compressor.setNumber("ratio", v[COMP_RATIO]);
        }
        if (v[COMP_KNEE] != applied[COMP_KNEE]) {
            compressor.setNumber("kneeDb", v[COMP_KNEE]);
        }
        if (v[COMP_ATTACK] != applied[COMP_ATTACK]) {
            compressor.setNumber("attackMs", v[COMP_ATTACK]);
        }
        if (v[COMP_RELEASE] != applied[COMP_RELEASE]) {
            compressor.setNumber("releaseMs", v[COMP_RELEASE]);
        }
        if (v[LIM_CEILING] != applied[LIM_CEILING]) {
            limiter.setNumber("ceilingDbtp", v[LIM_CEILING]);
        }
        if (v[LIM_RELEASE] != applied[LIM_RELEASE]) {
            limiter.setNumber("releaseMs", v[LIM_RELEASE]);
        }
        System.arraycopy(v, 0, applied, 0, COUNT);
    }

    private boolean changed(double[] v, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (v[i] != applied[i]) {
                return true;
            }
        }
        return false;
    }

    /** Runs the equaliser on frames {@code from..to}. */
    void equalise(double[][] x, int from, int to) {
        if (low.still() && mid.still() && high.still()) {
            SvfBand.processStill(low, mid, high, x, from, to);
            return;
        }
        low.process(x, from, to);
        mid.process(x, from, to);
        high.process(x, from, to);
    }

    /**
     * Width and output gain on frames {@code from..to}. The frames are positions {@code k0 + 1 ...} of a
     * segment of {@code n} frames whose values move linearly from {@code w0, g0} (before its first frame)
     * to {@code w1, g1} (at its last frame, exactly).
     */
    static void widthAndGain(double[][] x, int from, int to, double w0, double w1, double g0, double g1, int k0, int n) {
        boolean still = w0 == w1 && g0 == g1;
        if (still && w0 == 1 && g0 == 1) {
            return;
        }
        double dw = (w1 - w0) / n;
        double dg = (g1 - g0) / n;
        if (x.length == 2) {
            double[] l = x[0];
            double[] r = x[1];
            for (int i = from, k = k0 + 1; i < to; i++, k++) {
                double w = still || k == n ? w1 : w0 + dw * k;
                double g = still || k == n ? g1 : g0 + dg * k;
                double m = 0.5 * (l[i] + r[i]);
                double s = 0.5 * (l[i] - r[i]) * w;
                l[i] = (m + s) * g;
                r[i] = (m - s) * g;
            }
        } else {
            for (double[] c : x) {
                for (int i = from, k = k0 + 1; i < to; i++, k++) {
                    c[i] *= still || k == n ? g1 : g0 + dg * k;
                }
            }
        }
    }

    /** The value a processor itself reports for a parameter it owns (for checks), or NaN for the engine's own stages. */
    double processorValue(int index) {
        return switch (index) {
            case COMP_THRESHOLD -> compressor.thresholdDb();
            case COMP_RATIO -> compressor.ratio();
            case COMP_KNEE -> compressor.kneeDb();
            case COMP_ATTACK -> compressor.attackMs();
            case COMP_RELEASE -> compressor.releaseMs();
            case LIM_CEILING -> limiter.ceilingDbtp();
            case LIM_RELEASE -> limiter.releaseMs();
            default -> applied[index];
        };
    }

    void reset() {
        low.reset();
        mid.reset();
        high.reset();
        compressor.reset();
        limiter.reset();
    }
}
