package mw.processing;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a dynamics processor did: statistics of its gain reduction and, when asked for, a trace for
 * plotting (the largest reduction in each 10 ms step). Reductions are positive dB.
 */
public final class GainReduction {
    /** Length of one trace step in seconds. */
    public static final double TRACE_STEP_SECONDS = 0.010;

    /**
     * Gain-reduction statistics.
     *
     * @param maxDb          largest reduction, dB (0 when none)
     * @param meanDb         reduction averaged over all samples, dB
     * @param activeFraction share of samples reduced by more than 0.1 dB
     * @param samples        number of samples seen
     */
    public record Stats(double maxDb, double meanDb, double activeFraction, long samples) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "GR max %.2f dB, mean %.2f dB, active %.1f%%", maxDb, meanDb, 100 * activeFraction);
        }
    }

    /**
     * A gain-reduction trace.
     *
     * @param stepSeconds time between points
     * @param reductionDb largest reduction in each step, positive dB
     */
    public record Trace(double stepSeconds, double[] reductionDb) {
        /** The time in seconds of each point (start of its step). */
        public double[] timesSeconds() {
            double[] t = new double[reductionDb.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = i * stepSeconds;
            }
            return t;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "GainReduction.Trace[%d points, %.3f s step]", reductionDb.length, stepSeconds);
        }
    }

    private double max;
    private double last;
    private double sum;
    private long active;
    private long count;
    private boolean tracing;
    private int stepSamples = 441;
    private int inStep;
    private double stepMax;
    private double[] trace = new double[0];
    private int traceLen;

    void prepare(int sampleRate) {
        stepSamples = Math.max(1, (int) Math.round(TRACE_STEP_SECONDS * sampleRate));
        reset();
    }

    void tracing(boolean on) {
        tracing = on;
    }

    boolean tracing() {
        return tracing;
    }

    void reset() {
        max = 0;
        last = 0;
        sum = 0;
        active = 0;
        count = 0;
        inStep = 0;
        stepMax = 0;
        traceLen = 0;
    }

    /** Records one sample's reduction in positive dB. */
    void add(double reductionDb) {
        last = reductionDb;
        if (reductionDb > max) {
            max = reductionDb;
        }
        sum += reductionDb;
        if (reductionDb > 0.1) {
            active++;
        }
        count++;
        if (tracing) {
            if (reductionDb > stepMax) {
                stepMax = reductionDb;
            }
            if (++inStep == stepSamples) {
                if (traceLen == trace.length) {
                    trace = Arrays.copyOf(trace, Math.max(1024, trace.length * 2));
                }
                trace[traceLen++] = stepMax;
                inStep = 0;
                stepMax = 0;
            }
        }
    }

    /** The reduction of the last sample recorded, positive dB. */
    double lastDb() {
        return last;
    }

    Stats stats() {
        return new Stats(max, count == 0 ? 0 : sum / count, count == 0 ? 0 : (double) active / count, count);
    }

    Trace trace() {
        double[] t = Arrays.copyOf(trace, traceLen + (inStep > 0 ? 1 : 0));
        if (inStep > 0) {
            t[traceLen] = stepMax;
        }
        return new Trace(stepSamples > 0 ? TRACE_STEP_SECONDS : 0, t);
    }
}
