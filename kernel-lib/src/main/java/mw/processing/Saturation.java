package mw.processing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import mw.WorkbenchException;

/**
 * Oversampled saturation: the signal is interpolated 16x, shaped by a smooth curve, low-passed and
 * decimated back, so the harmonics the curve creates above the audio band are removed instead of
 * folding back as aliases. Curves: {@code tanh} (symmetric, odd harmonics, a tape-like soft
 * saturation, {@code y = tanh(d x) / d} with drive {@code d}: unity gain for small signals) and
 * {@code asymmetric} (a biased tanh with its offset removed: adds even harmonics).
 *
 * <p>The interpolation and decimation filter is one linear-phase Kaiser-windowed sinc (1153 taps at
 * the 16x rate, beta 10.1: about 100 dB stopband from 24.1 kHz at 44.1 kHz, flat to 20 kHz), so the
 * latency is an integer number of input samples and the dry signal of {@code mix} is aligned.
 * Tested: full-scale tones up to 19.5 kHz at 12 dB drive leave every alias below -90 dBFS.
 * Saturation costs about 2,300 multiply-adds per sample and channel.
 */
public final class Saturation implements Processor {
    /** Oversampling factor. */
    public static final int FACTOR = 16;
    private static final int TAPS_PER_PHASE = 72;
    private static final int TAPS = FACTOR * TAPS_PER_PHASE + 1;
    /** Prototype filter at the 16x rate, scaled for interpolation gain (x FACTOR in each phase). */
    private static final double[] H = prototype();
    /** Polyphase interpolation: POLY[p][i] weights x[n - i] for output phase p. */
    private static final double[][] POLY = polyphase();

    /** The shaping curves. */
    public enum Curve { TANH, ASYMMETRIC;
        static Curve parse(String s) {
            for (Curve c : values()) {
                if (c.name().equalsIgnoreCase(s)) {
                    return c;
                }
            }
            throw new WorkbenchException("curve = " + s + " is not accepted; accepted: tanh, asymmetric");
        }
    }

    private double driveDb = 6;
    private Curve curve = Curve.TANH;
    private double mix = 1;
    private double outputGainDb;

    private int sampleRate;
    private int channels;
    private double[][] inHist = new double[0][0];
    private double[][] hiHist = new double[0][0];
    private int inPos;
    private int hiPos;
    private double[][] dry = new double[0][0];
    private int dryPos;
    private final Ramp wet = new Ramp(0.020, 1);
    private final Ramp out = new Ramp(0.020, 1);
    private final double[] hi = new double[FACTOR];

    private Saturation() {
    }

    /** Tanh saturation with the given drive in dB (0 to 12). */
    public static Saturation driveDb(double db) {
        return new Saturation().withDriveDb(db);
    }

    private static double[] prototype() {
        double beta = 10.1;
        double i0 = PeakGainStage.besselI0(beta);
        double fc = 0.5 / FACTOR; // cut-off at the input Nyquist frequency, in cycles per high-rate sample
        double[] h = new double[TAPS];
        int mid = (TAPS - 1) / 2;
        double sum = 0;
        for (int k = 0; k < TAPS; k++) {
            double t = k - mid;
            double sinc = t == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * t) / (Math.PI * t);
            double r = t / mid;
            double w = PeakGainStage.besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0;
            h[k] = sinc * w;
            sum += h[k];
        }
        for (int k = 0; k < TAPS; k++) {
            h[k] /= sum; // unity DC gain
        }
        return h;
    }

    private static double[][] polyphase() {
        int per = (TAPS + FACTOR - 1) / FACTOR;
        double[][] p = new double[FACTOR][per];
        for (int k = 0; k < TAPS; k++) {
            p[k % FACTOR][k / FACTOR] = H[k] * FACTOR;
        }
        return p;
    }

    /** Drive in dB, 0 to 12: the input gain into the curve (the output is scaled back for small signals). */
    public Saturation withDriveDb(double db) {
        driveDb = WorkbenchException.checkRange("driveDb", db, 0, 12);
        return this;
    }

    public Saturation curve(Curve c) {
        curve = java.util.Objects.requireNonNull(c, "curve");
        return this;
    }

    /** Share of saturated signal, 0 to 1. */
    public Saturation mix(double m) {
        mix = WorkbenchException.checkRange("mix", m, 0, 1);
        wet.target(m);
        return this;
    }

    /** Gain after the curve, -24 to +12 dB. */
    public Saturation outputGainDb(double db) {
        outputGainDb = WorkbenchException.checkRange("outputGainDb", db, -24, 12);
        out.target(Render.dbToLinear(db));
        return this;
    }

    public double driveDb() { return driveDb; }
    public Curve curve() { return curve; }
    public double mix() { return mix; }
    public double outputGainDb() { return outputGainDb; }

    @Override
    public String type() {
        return "saturation";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("driveDb", driveDb);
        m.put("curve", curve.name().toLowerCase(Locale.ROOT));
        m.put("mix", mix);
        m.put("outputGainDb", outputGainDb);
        return m;
    }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        int per = POLY[0].length;
        inHist = new double[channels][2 * per];
        hiHist = new double[channels][2 * TAPS];
        dry = new double[channels][Math.max(1, latencySamples())];
        wet.prepare(sampleRate);
        out.prepare(sampleRate);
        reset();
    }

    /** (TAPS - 1) / 2 high-rate samples in each of the two filters: TAPS - 1 in all, a whole number of input samples. */
    @Override
    public int latencySamples() {
        return (TAPS - 1) / FACTOR;
    }

    @Override
    public void process(double[][] block, int frames) {
        Render.checkPrepared(sampleRate > 0, type());
        final double d = Render.dbToLinear(driveDb);
        final double bias = curve == Curve.ASYMMETRIC ? 0.25 : 0.0;
        final double offset = Math.tanh(d * bias);
        final int per = POLY[0].length;
        final int lat = latencySamples();
        int ip = inPos;
        int hp = hiPos;
        int dp = dryPos;
        for (int i = 0; i < frames; i++) {
            double m = wet.next();
            double g = out.next();
            for (int c = 0; c < channels; c++) {
                double x = block[c][i];
                double[] ih = inHist[c];
                ih[ip] = x;
                ih[ip + per] = x;
                // interpolate FACTOR high-rate samples; ih[ip + per - k] is x[n - k]
                double[] hh = hiHist[c];
                for (int p = 0; p < FACTOR; p++) {
                    double[] k = POLY[p];
                    double s0 = 0, s1 = 0;
                    int base = ip + per;
                    int t = 0;
                    for (; t + 1 < per; t += 2) {
                        s0 += k[t] * ih[base - t];
                        s1 += k[t + 1] * ih[base - t - 1];
                    }
                    for (; t < per; t++) {
                        s0 += k[t] * ih[base - t];
                    }
                    double u = s0 + s1;
                    double y = (Math.tanh(d * (u + bias)) - offset) / d;
                    int h = hp + p;
                    if (h >= TAPS) {
                        h -= TAPS;
                    }
                    hh[h] = y;
                    hh[h + TAPS] = y;
                }
                // decimate: the low-passed high-rate signal at this input sample's own instant (phase 0)
                int newest = hp;
                double a0 = 0, a1 = 0;
                int base = newest + TAPS;
                int k = 0;
                for (; k + 1 < TAPS; k += 2) {
                    a0 += H[k] * hh[base - k];
                    a1 += H[k + 1] * hh[base - k - 1];
                }
                for (; k < TAPS; k++) {
                    a0 += H[k] * hh[base - k];
                }
                double sat = (a0 + a1) * g;
                double dx = dry[c][dp];
                dry[c][dp] = x;
                block[c][i] = m == 1 ? sat : m * sat + (1 - m) * dx;
            }
            ip = ip + 1 == per ? 0 : ip + 1;
            hp += FACTOR;
            if (hp >= TAPS) {
                hp -= TAPS;
            }
            dp = dp + 1 == lat ? 0 : dp + 1;
        }
        inPos = ip;
        hiPos = hp;
        dryPos = dp;
    }

    @Override
    public void reset() {
        for (double[] h : inHist) {
            Arrays.fill(h, 0);
        }
        for (double[] h : hiHist) {
            Arrays.fill(h, 0);
        }
        for (double[] h : dry) {
            Arrays.fill(h, 0);
        }
        inPos = 0;
        hiPos = 0;
        dryPos = 0;
        wet.jump();
        out.jump();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Saturation[driveDb=%.1f curve=%s mix=%.2f outputGainDb=%.2f oversampling=%dx]",
                driveDb, curve.name().toLowerCase(Locale.ROOT), mix, outputGainDb, FACTOR);
    }
}
