package mw.platforms;

import java.util.List;

/**
 * What one platform or specification does to (or says about) one master.
 *
 * @param track                  the track's name
 * @param integratedLufs         the master's integrated loudness (LUFS)
 * @param truePeakDbtp           the master's true peak (dBTP)
 * @param profileId              the profile's id
 * @param profileName            the profile's name
 * @param kind                   streaming platform, delivery spec or style target
 * @param referenceLufs          the platform's reference or the spec's target (LUFS); NaN when the platform does not normalize
 * @param gainDb                 the gain the platform applies at playback (dB); 0 for specs and targets, which apply nothing
 * @param playbackLufs           loudness as the listener gets it (LUFS)
 * @param playbackTruePeakDbtp   true peak as the listener gets it, after gain and the platform's limiter (dBTP)
 * @param limited                whether the platform's limiter acts on this track
 * @param limiterReductionDb     how far the peaks exceed the limiter, i.e. its largest gain reduction (dB, 0 when it does not act)
 * @param differenceLu           playback loudness minus reference (LU): negative plays quieter than other tracks; NaN without a reference
 * @param headroomDb             true-peak recommendation minus playback true peak (dB): negative means above the recommendation
 * @param albumGain              whether the gain is the album's gain rather than the track's own
 * @param codecTruePeakDbtp      true peak at playback after the platform's lossy codec (decoded, plus the gain), when a
 *                               codec check was run (dBTP); NaN otherwise
 * @param verdict                ok, warn or fail
 * @param reasons                the verdict's reasons in words, worst first
 */
public record Outcome(String track, double integratedLufs, double truePeakDbtp, String profileId, String profileName,
                      Profile.Kind kind, double referenceLufs, double gainDb, double playbackLufs,
                      double playbackTruePeakDbtp, boolean limited, double limiterReductionDb, double differenceLu,
                      double headroomDb, boolean albumGain, double codecTruePeakDbtp, Verdict verdict,
                      List<String> reasons) {
    public Outcome {
        reasons = List.copyOf(reasons);
    }

    /** The reasons joined into one sentence list. */
    public String reasonText() {
        return String.join("; ", reasons);
    }
}
