package mw.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import mw.processing.GainReduction;

/**
 * What one stage of a master did.
 *
 * @param index         1-based position in the chain as rendered
 * @param name          the processor's class name ({@code Compressor}, {@code Gain}, {@code Limiter})
 * @param type          its type in chain specs and presets ({@code compressor})
 * @param parameters    its parameters as rendered, by name (numbers, names or lists, as presets write them)
 * @param role          why the stage is there: the user's chain, or added by the target
 * @param description   the stage as its {@code toString()} shows it, for reading
 * @param peakOutDbfs   sample peak of its output, dBFS
 * @param gainReduction gain-reduction statistics of a dynamics stage, {@code null} for others
 */
public record MasterStage(int index, String name, String type, Map<String, Object> parameters, Role role,
                          String description, double peakOutDbfs, GainReduction.Stats gainReduction) {

    /** Why a stage is in the chain. */
    public enum Role {
        /** A stage of the chain as given. */
        CHAIN,
        /** The gain a loudness target sets, in front of the final limiter. */
        TARGET_GAIN,
        /** The final true-peak limiter of a loudness target (the chain's own final limiter, or one added). */
        TARGET_LIMITER,
        /** The final true-peak limiter set to a ceiling given without a loudness target. */
        CEILING_LIMITER;

        /** The role in words. */
        public String key() {
            return switch (this) {
                case CHAIN -> "chain";
                case TARGET_GAIN -> "target gain";
                case TARGET_LIMITER -> "target limiter";
                case CEILING_LIMITER -> "ceiling limiter";
            };
        }
    }

    public MasterStage {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Largest gain reduction (dB), or NaN for a stage that does not reduce gain. */
    public double gainReductionMaxDb() {
        return gainReduction == null ? Double.NaN : gainReduction.maxDb();
    }
}
