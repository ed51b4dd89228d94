package mw.processing;

import java.util.List;
import java.util.Locale;

/**
 * One declared parameter of a processor: its name (with the unit in it, {@code thresholdDb}), unit,
 * kind, accepted values, default, and how a change while running takes effect. Every processor lists
 * its parameters with {@link Processor#params()}; setters, {@link Processor#set(String, Object)},
 * presets, chain specs and {@code toString()} all follow this declaration.
 *
 * @param name         the parameter's name in setters, presets and specs
 * @param unit         its unit ("dB", "ms", "Hz", "dBTP", "" for a plain factor)
 * @param kind         number, whole number, one of a list of names, list of numbers, list of stages, or a nested chain
 * @param min          smallest accepted value (for lists: of each element); NaN for names
 * @param max          largest accepted value (for lists: of each element); NaN for names
 * @param defaultValue the value of a new processor (a Double, Long, String or List)
 * @param choices      the accepted names (for {@link Kind#CHOICE}) or whole numbers (for {@link Kind#INTEGER}
 *                     when only some are accepted), else empty
 * @param accepted     what is accepted, as error messages say it
 * @param change       how a change while the processor runs takes effect
 */
public record Param(String name, String unit, Kind kind, double min, double max, Object defaultValue,
                    List<String> choices, String accepted, Change change) {
    /** What a parameter holds. */
    public enum Kind {
        /** a real number within {@code min..max} */
        NUMBER,
        /** a whole number within {@code min..max} (or one of {@code choices}) */
        INTEGER,
        /** one of {@code choices} */
        CHOICE,
        /** a list of numbers, each within {@code min..max} (in a spec: {@code 120/2000}) */
        NUMBERS,
        /** a list of nested stages of one type (JSON objects; in a spec {@code (compressor:ratio=2; compressor)}) */
        STAGES,
        /** a nested chain of any stages (a JSON array of stage objects; in a spec {@code (gain:gainDb=3; eq:...)}) */
        CHAIN
    }

    /** How a change made while the processor runs reaches the output. */
    public enum Change {
        /** glides (gains, frequencies, mixes) or passes through the processor's own smoothing (attack/release) */
        SMOOTH,
        /** takes effect at once (a seed, a curve shape, a detector) */
        IMMEDIATE,
        /** takes effect at the next {@link Processor#prepare} (lookahead, filter length, crossovers) */
        ON_PREPARE
    }

    public Param {
        choices = List.copyOf(choices);
    }

    /** Whether {@code value} (of this kind) is the default. */
    public boolean isDefault(Object value) {
        return java.util.Objects.equals(defaultValue, value);
    }

    @Override
    public String toString() {
        String u = unit.isEmpty() ? "" : " " + unit;
        return String.format(Locale.ROOT, "%s (%s%s; accepted: %s; default %s; %s)", name,
                kind.name().toLowerCase(Locale.ROOT), u, accepted, defaultValue, change.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
}
