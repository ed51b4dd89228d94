/**
 * Mastering processors and chains.
 *
 * <p>Every effect implements {@link mw.processing.Processor} (prepare, process a block in place,
 * reset, latency) and renders whole buffers with the latency removed; {@link mw.processing.Chain}
 * strings them together and is itself a processor. Effects: {@link mw.processing.Gain},
 * {@link mw.processing.Eq} (RBJ cookbook biquads), {@link mw.processing.FirEq} (linear-phase FIR from a
 * magnitude curve), {@link mw.processing.Compressor}, {@link mw.processing.MultibandCompressor}
 * (Linkwitz-Riley crossovers), {@link mw.processing.Expander}, {@link mw.processing.Limiter} (true
 * peak), {@link mw.processing.Stereo}, {@link mw.processing.Saturation} (oversampled),
 * {@link mw.processing.DcBlock}, {@link mw.processing.Dither}; {@link mw.processing.Resample} converts
 * sample rates explicitly. {@link mw.processing.Presets} reads and writes chains as validated JSON
 * and one-line specs; {@link mw.processing.LoudnessTarget} renders to a loudness target under a
 * true-peak ceiling. See {@code docs/processing.md}.
 *
 * <pre>{@code
 * var chain = Chain.of(Eq.highShelf(8_000, 1.5),
 *                      Compressor.ratio(2).thresholdDb(-18).attackMs(10).releaseMs(120),
 *                      Limiter.truePeak(-1.0));
 * AudioBuffer master = chain.process(mix);
 * }</pre>
 */
package mw.processing;
