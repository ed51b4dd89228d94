package mw.processing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
    private double thresholdDb = -50;
    private double ratio = 2;
    private double rangeDb = 40;
    private double attackMs = 1;
    private double releaseMs = 100;
    private double holdMs;

    private int sampleRate;
    private double alphaA;
    private double alphaR;
    private int holdSamples;
    private int holdLeft;
    private double gs;

    private Expander() {
    }

    /** An expander of the given ratio (1 to 100). */
    public static Expander ratio(double ratio) {
        return new Expander().withRatio(ratio);
    }

    /** A gate: ratio 100, 80 dB range, 1 ms attack, 50 ms hold, 100 ms release. */
    public static Expander gate(double thresholdDb) {
        return new Expander().withRatio(100).rangeDb(80).thresholdDb(thresholdDb).holdMs(50);
    }

    public Expander withRatio(double r) {
        ratio = WorkbenchException.checkRange("ratio", r, 1, 100);
        return this;
    }

    public Expander thresholdDb(double db) {
        thresholdDb = WorkbenchException.checkRange("thresholdDb", db, -100, 0);
        return this;
    }

    /** Largest attenuation, 0 to 100 dB. */
    public Expander rangeDb(double db) {
        rangeDb = WorkbenchException.checkRange("rangeDb", db, 0, 100);
        return this;
    }

    public Expander attackMs(double ms) {
        attackMs = checkAttackMs(ms);
        coefficients();
        return this;
    }

    public Expander releaseMs(double ms) {
        releaseMs = checkReleaseMs(ms);
        coefficients();
        return this;
    }

    public Expander holdMs(double ms) {
        holdMs = WorkbenchException.checkRange("holdMs", ms, 0, 2000);
        coefficients();
        return this;
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
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("thresholdDb", thresholdDb);
        m.put("ratio", ratio);
        m.put("rangeDb", rangeDb);
        m.put("attackMs", attackMs);
        m.put("releaseMs", releaseMs);
        m.put("holdMs", holdMs);
        return m;
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

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Expander[thresholdDb=%.1f ratio=%.2f rangeDb=%.1f attackMs=%.2f releaseMs=%.1f holdMs=%.1f]",
                thresholdDb, ratio, rangeDb, attackMs, releaseMs, holdMs);
    }
}
