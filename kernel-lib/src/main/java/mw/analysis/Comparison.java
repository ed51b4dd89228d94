package mw.analysis;

import java.util.List;

/**
 * A mix compared with one or more references. Made by {@link Compare#of}.
 *
 * @param mixName            name of the mix
 * @param referenceNames     names of the references
 * @param features           feature-by-feature figures of the mix against the references' mean
 * @param bands              level-normalised one-third-octave spectra of the mix and the references
 * @param eq                 EQ suggestions per octave band, with reasons (the reference-matching starting point)
 * @param loudness           integrated loudness of each programme and the gain that matches it to the references' mean
 * @param notes              remarks (missing loudness meter, references that disagree); empty when none
 */
public record Comparison(String mixName, List<String> referenceNames, List<FeatureDifference> features,
                         List<BandComparison> bands, List<EqSuggestion> eq, List<LoudnessMatch> loudness,
                         String notes) {

    /**
     * One feature of the mix against the references.
     *
     * @param feature         feature name, with its unit
     * @param mix             the mix's value
     * @param referenceMean   mean over the references
     * @param referenceMin    lowest reference value
     * @param referenceMax    highest reference value
     * @param difference      {@code mix - referenceMean}
     */
    public record FeatureDifference(String feature, double mix, double referenceMean, double referenceMin,
                                    double referenceMax, double difference) {
    }

    /**
     * One one-third-octave band, each spectrum relative to its own total power from 20 Hz to 20 kHz
     * (so the overlay compares tonal balance, not level), the mix shifted by the median band difference
     * (see {@link Compare}).
     *
     * @param band               nominal band label
     * @param centreHz           exact mid-band frequency
     * @param mixDb              the mix's normalised band level
     * @param referenceDb        mean of the references' normalised band levels (dB mean)
     * @param referenceSpreadDb  half the range of the references' levels (0 with one reference)
     * @param differenceDb       {@code mixDb - referenceDb}
     * @param referencesDb       each reference's normalised level
     */
    public record BandComparison(String band, double centreHz, double mixDb, double referenceDb,
                                 double referenceSpreadDb, double differenceDb, double[] referencesDb) {
    }

    /**
     * A suggested EQ move in one octave band.
     *
     * @param band       nominal octave band label
     * @param centreHz   exact mid-band frequency
     * @param gainDb     suggested gain (0 when no move is suggested)
     * @param reason     why, in words
     */
    public record EqSuggestion(String band, double centreHz, double gainDb, String reason) {
    }

    /**
     * Loudness of one programme.
     *
     * @param name            programme name
     * @param role            "mix" or "reference"
     * @param integratedLufs  integrated loudness (NaN when the meter is unavailable)
     * @param gainToMatchDb   gain that brings it to the references' mean integrated loudness
     */
    public record LoudnessMatch(String name, String role, double integratedLufs, double gainToMatchDb) {
    }
}
