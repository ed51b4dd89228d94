package mw.processing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;

/**
 * An audio processor: the small contract every effect of the workbench keeps, so that effects compose
 * into a {@link Chain} and render the same offline and block by block.
 *
 * <ol>
 *   <li>{@link #prepare(int, int, int)} once for a stream (sample rate, largest block, channel count);
 *       it also clears the state.</li>
 *   <li>{@link #process(double[][], int)} for each block, in place, keeping state between blocks.</li>
 *   <li>{@link #reset()} to start a new stream with the same settings.</li>
 *   <li>{@link #latencySamples()} says how many samples the output lags the input (lookahead), so a
 *       chain and {@link #process(AudioBuffer)} can compensate it.</li>
 * </ol>
 *
 * <p>{@link #process(AudioBuffer)} renders a whole buffer with latency removed: the result has the same
 * length as the input and is sample-identical to a block-by-block render shifted by the latency.
 * Parameters are validated in setters (a {@link mw.WorkbenchException} names the parameter, its value
 * and the accepted range); changes made while running are smoothed.
 */
public interface Processor {
    /** The type name used in presets and chain specs, for example {@code "compressor"}. */
    String type();

    /**
     * Every parameter by name, in display order (values are numbers, names or lists, as presets write
     * them).
     */
    default Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Param p : params()) {
            m.put(p.name(), get(p.name()));
        }
        return m;
    }

    /** The declared parameters: name, unit, kind, accepted values, default, how a change takes effect. */
    default List<Param> params() {
        return List.of();
    }

    /**
     * Sets one parameter by name, with the same checks as its setter; a {@link WorkbenchException} names
     * the parameter, the value and what is accepted (or lists the valid names).
     */
    default Processor set(String name, Object value) {
        throw new WorkbenchException(type() + " has no parameter " + name + "; accepted: "
                + String.join(", ", params().stream().map(Param::name).toList()));
    }

    /** Sets several parameters at once, all or none. */
    default Processor set(Map<String, ?> values) {
        values.forEach(this::set);
        return this;
    }

    /** One parameter's value by name (a number, a name or a list). */
    default Object get(String name) {
        throw new WorkbenchException(type() + " has no parameter " + name + "; accepted: "
                + String.join(", ", params().stream().map(Param::name).toList()));
    }

    /** Prepares for a stream and clears the state. */
    void prepare(int sampleRate, int maxBlockFrames, int channels);

    /** Processes {@code frames} frames of {@code block[channel][frame]} in place. */
    void process(double[][] block, int frames);

    /** Clears the state (delay lines, envelopes) without changing parameters. */
    void reset();

    /** How many samples the output lags the input after {@link #prepare}; 0 when none. */
    default int latencySamples() {
        return 0;
    }

    /** Renders a whole buffer: prepares, processes block by block, and removes the latency. */
    default AudioBuffer process(AudioBuffer audio) {
        return Render.whole(this, audio);
    }
}
