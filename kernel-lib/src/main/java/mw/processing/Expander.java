package mw.processing;

import java.util.Arrays;
import java.util.Locale;
import mw.WorkbenchException;

/**
 * A downward expander and gate: below {@code thresholdDb} the level falls {@code ratio} times faster
 * than the input ({@code out = T + (in - T) * ratio}), with the attenuation limited to
 * {@code rangeDb}; a gate is an expander with a large ratio. Peak detection linked across channels,
 * attack (gain opening) and release (gain closing) as one-pole smoothing of the gain in dB, and a
 * hold time before closing.
 *
 * <pre>{@code
 * Expander.ratio(2).thresholdDb(-50).rangeDb(12)      Expander.gate(-60).holdMs(50)
 * }</pre>
 */
public final class Expander extends DynamicsBase<Expander> {
    /** The parameters, declared once. */
    public static final ParamSet<Expander> PARAMS = ParamSet.<Expander>of("expander", v -> new Expander())
            .number("thresholdDb", "dB", -100, 0, -50, "%.1f", x -> x.thresholdDb, (x, v) -> x.thresholdDb = v)
            .number("ratio", ":1", 1, 100, 2, "%.2f", x -> x.ratio, (x, v) -> x.ratio = v)
            .number("rangeDb", "dB", 0, 100, 40, "%.1f", x -> x.rangeDb, (x, v) -> x.rangeDb = v)
            .number("attackMs", "ms", MIN_ATTACK_MS, MAX_ATTACK_MS, 1, "%.2f", x -> x.attackMs, (x, v) -> x.attackMs = v)
            .number("releaseMs", "ms", MIN_RELEASE_MS, MAX_RELEASE_MS, 100, "%.1f", x -> x.releaseMs, (x, v) -> x.releaseMs = v)
            .number("holdMs", "ms", 0, 2000, 0, "%.1f", x -> x.holdMs, (x, v) -> x.holdMs = v);

    private double thresholdDb;
    private double ratio;
    private double rangeDb;
    private double attackMs;
    private double releaseMs;
    private double holdMs;

    private int sampleRate;
    private double alphaA;
    private double alphaR;
    private int holdSamples;
    private int holdLeft;
    private double gs;

    private Expander() {
        super(PARAMS);
        PARAMS.applyDefaults(this);
    }

    /** An expander of the given ratio (1 to 100). */
    public static Expander ratio(double ratio) {
        return new Expander().withRatio(ratio);
    }

    /** A gate: ratio 100, 80 dB range, 1 ms attack, 50 ms hold, 100 ms release. */
    public static Expander gate(double thresholdDb) {
        return new Expander().withRatio(100).rangeDb(80).thresholdDb(thresholdDb).holdMs(50);
    }

    /** Ratio below the threshold, 1 to 100 ({@code withRatio} because {@link #ratio(double)} makes a new expander). */
    public Expander withRatio(double r) {
        return set("ratio", r);
    }

    /** Threshold in dBFS, -100 to 0. */
    public Expander thresholdDb(double db) {
        return set("thresholdDb", db);
    }

    /** Largest attenuation, 0 to 100 dB. */
    public Expander rangeDb(double db) {
        return set("rangeDb", db);
    }

    /** Attack (gain opening) time constant, 0.01 to 1000 ms. */
    public Expander attackMs(double ms) {
        return set("attackMs", ms);
    }

    /** Release (gain closing) time constant, 1 to 5000 ms. */
    public Expander releaseMs(double ms) {
        return set("releaseMs", ms);
    }

    /** Hold time before closing, 0 to 2000 ms. */
    public Expander holdMs(double ms) {
        return set("holdMs", ms);
    }

    @Override
    protected void changed(String name) {
        coefficients();
    }

    public double thresholdDb() { return thresholdDb; }
    public double ratio() { return ratio; }
    public double rangeDb() { return rangeDb; }
    public double attackMs() { return attackMs; }
    public double releaseMs() { return releaseMs; }
    public double holdMs() { return holdMs; }

    /** Static curve: the output level in dB for a steady input level in dB. */
    public double staticCurveDb(double inputDb) {
        if (inputDb >= thresholdDb) {
            return inputDb;
        }
        double att = Math.min(rangeDb, (thresholdDb - inputDb) * (ratio - 1));
        return inputDb - att;
    }

    private void coefficients() {
        if (sampleRate == 0) {
            return;
        }
        alphaA = coefficient(attackMs, sampleRate);
        alphaR = coefficient(releaseMs, sampleRate);
        holdSamples = (int) Math.round(holdMs / 1000 * sampleRate);
    }

    @Override
    public String type() {
        return "expander";
    }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        this.sampleRate = sampleRate;
        coefficients();
        gr.prepare(sampleRate);
        reset();
    }

    @Override
    public void process(double[][] block, int frames) {
        Render.checkPrepared(sampleRate > 0, type());
        double thrSq = Math.pow(10, thresholdDb / 10);
        double ln10over20 = Math.log(10) / 20;
        for (int i = 0; i < frames; i++) {
            double lvl = 0;
            for (double[] c : block) {
                double sq = c[i] * c[i];
                if (sq > lvl) {
                    lvl = sq;
                }
            }
            double gc = 0;
            if (lvl < thrSq) {
                double xdb = lvl > 0 ? 10 * Math.log10(lvl) : -400;
                gc = -Math.min(rangeDb, (thresholdDb - xdb) * (ratio - 1));
            }
            if (gc >= gs) {
                gs = smooth(alphaA, gs, gc); // opening (or open)
                holdLeft = holdSamples;
            } else if (holdLeft > 0) {
                holdLeft--;
            } else {
                gs = smooth(alphaR, gs, gc); // closing
            }
            gs = settle(gs);
            gr.add(-gs);
            if (gs != 0) {
                double g = Math.exp(gs * ln10over20);
                for (double[] c : block) {
                    c[i] *= g;
                }
            }
        }
    }

    @Override
    public void reset() {
        gs = 0;
        holdLeft = 0;
        gr.reset();
    }
}
