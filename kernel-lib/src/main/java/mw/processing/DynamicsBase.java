package mw.processing;

/**
 * What the single-band dynamics processors (compressor, expander, limiter) share: the gain-reduction
 * record behind {@link Dynamics}, and the one-pole smoothing of a gain in dB with attack and release
 * time constants that the compressor and the expander both use.
 *
 * @param <T> the concrete processor, returned by the fluent {@link #traceGainReduction(boolean)}
 */
abstract class DynamicsBase<T extends DynamicsBase<T>> extends AbstractProcessor<T> implements Dynamics {
    /** Gain changes smaller than this (dB) count as none, so a settled processor is bit-transparent. */
    static final double SETTLED_DB = -1e-12;

    /** Gain reduction of every processed frame, in dB (positive = reduction). */
    final GainReduction gr = new GainReduction();

    /** Accepted attack time constants, ms. */
    static final double MIN_ATTACK_MS = 0.01;
    static final double MAX_ATTACK_MS = 1000;
    /** Accepted release time constants, ms. */
    static final double MIN_RELEASE_MS = 1;
    static final double MAX_RELEASE_MS = 5000;

    DynamicsBase(ParamSet<T> declared) {
        super(declared);
    }

    /**
     * The pole of a one-pole smoother whose step response reaches 63.2 % (1 - 1/e) of a step after
     * {@code ms} milliseconds at {@code sampleRate}.
     */
    static double coefficient(double ms, int sampleRate) {
        return Math.exp(-1000.0 / (ms * sampleRate));
    }

    /** One step of a one-pole smoother with pole {@code alpha} from {@code state} towards {@code target}. */
    static double smooth(double alpha, double state, double target) {
        return alpha * state + (1 - alpha) * target;
    }

    /** A smoothed gain in dB (at most 0), snapped to exactly 0 once it is within {@link #SETTLED_DB}. */
    static double settle(double gainDb) {
        return gainDb > SETTLED_DB ? 0 : gainDb;
    }

    @Override
    public GainReduction.Stats gainReductionStats() {
        return gr.stats();
    }

    @Override
    public GainReduction.Trace gainReductionTrace() {
        return gr.trace();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T traceGainReduction(boolean on) {
        gr.tracing(on);
        return (T) this;
    }
}
