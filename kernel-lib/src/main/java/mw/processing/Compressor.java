package mw.processing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

    private double thresholdDb = -18;
    private double ratio = 2;
    private double kneeDb = 6;
    private double attackMs = 10;
    private double releaseMs = 120;
    private double lookaheadMs;
    private double sidechainHpfHz;
    private double makeupDb;
    private double mix = 1;
    private Detector detector = Detector.PEAK;
    private double rmsMs = 10;

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
        thresholdDb = WorkbenchException.checkRange("thresholdDb", db, -80, 0);
        return this;
    }

    /** Ratio of input to output level change above the threshold, 1 to 100 (100 acts as a limiter). */
    public Compressor withRatio(double r) {
        ratio = WorkbenchException.checkRange("ratio", r, 1, 100);
        return this;
    }

    /** Width of the soft knee in dB, 0 (hard) to 24. */
    public Compressor kneeDb(double db) {
        kneeDb = WorkbenchException.checkRange("kneeDb", db, 0, 24);
        return this;
    }

    /** Attack time constant in ms, 0.01 to 1000. */
    public Compressor attackMs(double v) {
        attackMs = checkAttackMs(v);
        updateCoefficients();
        return this;
    }

    /** Release time constant in ms, 1 to 5000. */
    public Compressor releaseMs(double v) {
        releaseMs = checkReleaseMs(v);
        updateCoefficients();
        return this;
    }

    /** Lookahead in ms, 0 to 20; adds the same latency. Takes effect at the next prepare. */
    public Compressor lookaheadMs(double v) {
        lookaheadMs = WorkbenchException.checkRange("lookaheadMs", v, 0, 20);
        return this;
    }

    /** Corner of a 12 dB/octave high-pass in the side chain, 0 (off) to 2000 Hz. */
    public Compressor sidechainHpfHz(double hz) {
        sidechainHpfHz = WorkbenchException.checkRange("sidechainHpfHz", hz, 0, 2000);
        if (sampleRate > 0) {
            designHpf();
        }
        return this;
    }

    /** Makeup gain in dB, -24 to +24. */
    public Compressor makeupDb(double db) {
        makeupDb = WorkbenchException.checkRange("makeupDb", db, -24, 24);
        makeup.target(Render.dbToLinear(db));
        return this;
    }

    /** Share of compressed signal in the output, 0 (dry) to 1 (fully compressed). */
    public Compressor mix(double m) {
        mix = WorkbenchException.checkRange("mix", m, 0, 1);
        wet.target(m);
        return this;
    }

    /** Peak or RMS detection. */
    public Compressor detector(Detector d) {
        detector = java.util.Objects.requireNonNull(d, "detector");
        return this;
    }

    /** Time constant of the RMS detector in ms, 1 to 1000. */
    public Compressor rmsMs(double v) {
        rmsMs = WorkbenchException.checkRange("rmsMs", v, 1, 1000);
        updateCoefficients();
        return this;
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
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("thresholdDb", thresholdDb);
        m.put("ratio", ratio);
        m.put("kneeDb", kneeDb);
        m.put("attackMs", attackMs);
        m.put("releaseMs", releaseMs);
        m.put("lookaheadMs", lookaheadMs);
        m.put("sidechainHpfHz", sidechainHpfHz);
        m.put("makeupDb", makeupDb);
        m.put("mix", mix);
        m.put("detector", detector.name().toLowerCase(Locale.ROOT));
        m.put("rmsMs", rmsMs);
        return m;
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

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "Compressor[thresholdDb=%.1f ratio=%.2f kneeDb=%.1f attackMs=%.2f releaseMs=%.1f lookaheadMs=%.2f "
                        + "sidechainHpfHz=%.0f makeupDb=%.2f mix=%.2f detector=%s rmsMs=%.1f]",
                thresholdDb, ratio, kneeDb, attackMs, releaseMs, lookaheadMs, sidechainHpfHz, makeupDb, mix,
                detector.name().toLowerCase(Locale.ROOT), rmsMs);
    }
}
