package mw.processing;

import mw.WorkbenchException;

/**
 * Automatic gain riding toward a target short-term loudness: the K-weighted power (ITU-R BS.1770-4
 * filters, every channel weighted 1) over a 3 s window centred on the output sample (1.5 s look-ahead)
 * gives the short-term loudness; the gain that would bring it to {@code targetLufs}, held within
 * {@code -maxCutDb..+maxBoostDb}, is approached at no more than {@code speedDbPerSecond}. Where the
 * short-term loudness is below {@code gateLufs} (pauses, fades) the gain holds. At the start the gain
 * takes its first value at once; in the last 1.5 s the window reaches past the end, reads the silence
 * there as quieter programme and lifts the gain (by up to 3 dB, within the limits). With both limits at 0 the output is the input, delayed and
 * corrected for the delay, bit for bit. Latency: 1.5 s.
 */
public final class GainRider extends AbstractProcessor<GainRider> {
    /** The parameters, declared once. */
    public static final ParamSet<GainRider> PARAMS = ParamSet.<GainRider>of("rider", v -> new GainRider())
            .number("targetLufs", "LUFS", -50, 0, -18, "%.1f", r -> r.targetLufs, (r, v) -> r.targetLufs = v)
            .number("maxBoostDb", "dB", 0, 24, 6, "%.1f", r -> r.maxBoostDb, (r, v) -> r.maxBoostDb = v)
            .number("maxCutDb", "dB", 0, 24, 6, "%.1f", r -> r.maxCutDb, (r, v) -> r.maxCutDb = v)
            .number("speedDbPerSecond", "dB/s", 0.1, 20, 3, "%.1f", r -> r.speed, (r, v) -> r.speed = v)
            .number("gateLufs", "LUFS", -90, -10, -50, "%.1f", r -> r.gateLufs, (r, v) -> r.gateLufs = v);
    static final double WINDOW_SECONDS = 3;
    /** The gain target is recomputed every this many samples. */
    private static final int STEP = 32;
    private double targetLufs;
    private double maxBoostDb;
    private double maxCutDb;
    private double speed;
    private double gateLufs;
    private int channels;
    private int window;
    private int look;
    private double[][] delay = new double[0][];
    private double[] power = new double[0];
    private int pos;
    private long seen;
    private double sum;
    private double[][] k1 = new double[0][];
    private double[][] k2 = new double[0][];
    private double[] shelf;
    private double[] hp;
    private double gainDb;
    private double wantDb;
    private boolean started;
    private double stepDb;
    private boolean prepared;

    private GainRider() {
        super(PARAMS);
        PARAMS.applyDefaults(this);
    }

    /** A rider toward {@code targetLufs} short-term, within ±{@code rangeDb}. */
    public static GainRider toward(double targetLufs, double rangeDb) {
        return new GainRider().set(java.util.Map.of("targetLufs", targetLufs, "maxBoostDb", rangeDb, "maxCutDb", rangeDb));
    }

    public GainRider speedDbPerSecond(double v) {
        return set("speedDbPerSecond", v);
    }

    public GainRider gateLufs(double v) {
        return set("gateLufs", v);
    }

    /** The gain applied to the last output sample, dB. */
    public double gainDb() {
        return gainDb;
    }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        if (sampleRate < 8000) {
            throw new WorkbenchException("the gain rider needs a sample rate of 8000 Hz or more; got " + sampleRate);
        }
        this.channels = channels;
        window = (int) Math.round(WINDOW_SECONDS * sampleRate);
        look = window / 2;
        delay = new double[channels][look + 1];
        power = new double[window];
        shelf = mw.loudness.KWeighting.shelf(sampleRate);
        hp = mw.loudness.KWeighting.highPass(sampleRate);
        k1 = new double[channels][2];
        k2 = new double[channels][2];
        stepDb = speed / sampleRate;
        prepared = true;
        reset();
    }

    @Override
    public void reset() {
        for (double[] d : delay) {
            java.util.Arrays.fill(d, 0);
        }
        java.util.Arrays.fill(power, 0);
        for (int c = 0; c < k1.length; c++) {
            java.util.Arrays.fill(k1[c], 0);
            java.util.Arrays.fill(k2[c], 0);
        }
        pos = 0;
        seen = 0;
        sum = 0;
        gainDb = 0;
        wantDb = 0;
        started = false;
    }

    @Override
    public int latencySamples() {
        return prepared ? look : 0;
    }

    @Override
    public void process(double[][] block, int frames) {
        Render.checkPrepared(prepared, type());
        boolean neutral = maxBoostDb == 0 && maxCutDb == 0;
        int dl = look + 1;
        for (int i = 0; i < frames; i++) {
            double p = 0;
            int dpos = (int) (seen % dl);
            for (int c = 0; c < channels; c++) {
                double x = block[c][i];
                double y = biquad(shelf, k1[c], x);
                y = biquad(hp, k2[c], y);
                p += y * y;
                double out = delay[c][(dpos + 1) % dl];
                delay[c][dpos] = x;
                block[c][i] = out;
            }
            sum += p - power[pos];
            power[pos] = p;
            pos = pos + 1 == window ? 0 : pos + 1;
            seen++;
            if (neutral) {
                continue;
            }
            if (seen % STEP == 0 || !started) {
                if (pos == 0) {
                    // refresh the running sum against drift
                    sum = 0;
                    for (double v : power) {
                        sum += v;
                    }
                }
                double ms = Math.max(sum, 0) / Math.min(seen, window);
                double st = -0.691 + 10 * Math.log10(ms + 1e-300);
                if (st >= gateLufs && seen > look) {
                    wantDb = Math.max(-maxCutDb, Math.min(maxBoostDb, targetLufs - st));
                    if (!started) {
                        gainDb = wantDb;
                        started = true;
                    }
                }
            }
            if (gainDb < wantDb) {
                gainDb = Math.min(wantDb, gainDb + stepDb);
            } else if (gainDb > wantDb) {
                gainDb = Math.max(wantDb, gainDb - stepDb);
            }
            double g = Math.pow(10, gainDb / 20);
            for (int c = 0; c < channels; c++) {
                block[c][i] *= g;
            }
        }
    }

    private static double biquad(double[] q, double[] z, double x) {
        double y = q[0] * x + z[0];
        z[0] = q[1] * x - q[3] * y + z[1];
        z[1] = q[2] * x - q[4] * y;
        return y;
    }
}
