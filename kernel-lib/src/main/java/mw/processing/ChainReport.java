package mw.processing;

import java.util.List;
import java.util.Locale;

/**
 * What a chain did to the audio it rendered: the input's sample peak and, per stage, its output sample
 * peak and (for dynamics stages) its gain-reduction statistics.
 *
 * @param inputPeakDbfs sample peak of the chain's input, dBFS
 * @param stages        one entry per stage, in order
 */
public record ChainReport(double inputPeakDbfs, List<Stage> stages) {

    /**
     * One stage's figures.
     *
     * @param index         1-based position in the chain
     * @param processor     the stage's description ({@code toString()})
     * @param peakOutDbfs   sample peak of the stage's output, dBFS
     * @param gainReduction gain-reduction statistics, or {@code null} for stages that do not reduce gain
     */
    public record Stage(int index, String processor, double peakOutDbfs, GainReduction.Stats gainReduction) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d. %s: peak out %.2f dBFS%s", index, processor, peakOutDbfs,
                    gainReduction == null ? "" : ", " + gainReduction);
        }
    }

    public ChainReport {
        stages = List.copyOf(stages);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "input peak %.2f dBFS", inputPeakDbfs));
        for (Stage s : stages) {
            sb.append('\n').append(s);
        }
        return sb.toString();
    }
}
