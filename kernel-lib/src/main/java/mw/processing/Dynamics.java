package mw.processing;

/** A processor that reduces gain (compressor, limiter) and reports by how much. */
public interface Dynamics extends Processor {
    /** Statistics of the gain reduction since the last prepare or reset. */
    GainReduction.Stats gainReductionStats();

    /**
     * The gain-reduction trace since the last prepare or reset; empty unless
     * {@link #traceGainReduction(boolean)} was switched on.
     */
    GainReduction.Trace gainReductionTrace();

    /** Switches recording of the gain-reduction trace on or off (off by default, to keep memory flat). */
    Dynamics traceGainReduction(boolean on);
}
