package mw.workflow;

import java.nio.file.Path;
import java.util.List;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.platforms.Outcome;
import mw.platforms.Outcomes;
import mw.platforms.Profile;

/**
 * A study of a folder of tracks: what was measured on each, what every platform and specification does to
 * each, and which files could not be read.
 *
 * <pre>{@code
 * StudyResult s = Study.of(Path.of("sample-audio"));
 * s                                   // in a notebook: the tracks table and the charts
 * s.outcomes("rock-hedgewars-rock.flac")
 * s.excerpt(s.tracks().get(0), "spotify_normal")   // 15 s as Spotify plays it
 * }</pre>
 *
 * @param source    the folder (or file) studied
 * @param files     the audio files found, in order
 * @param tracks    the analysed tracks, in order
 * @param failed    the files that could not be analysed
 * @param outcomes  every track on every profile of the settings (album gains when the settings say album)
 * @param settings  what the study measured against
 */
public record StudyResult(Path source, List<Path> files, List<StudyTrack> tracks, List<StudyFailure> failed,
                          Outcomes outcomes, StudySettings settings) {
    public StudyResult {
        files = List.copyOf(files);
        tracks = List.copyOf(tracks);
        failed = List.copyOf(failed);
    }

    /** The track of that file name. */
    public StudyTrack track(String name) {
        return tracks.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new WorkbenchException(
                "no track '" + name + "' in this study; tracks: " + String.join(", ", tracks.stream().map(StudyTrack::name).toList())));
    }

    /** What every profile does to one track, in the order of the profile set. */
    public List<Outcome> outcomes(String trackName) {
        return outcomes.of(trackName);
    }

    /** What every profile does to one track. */
    public List<Outcome> outcomes(StudyTrack t) {
        return outcomes.of(t.name());
    }

    /** The outcomes on streaming platforms only (music first: what listeners get). */
    public List<Outcome> streaming(StudyTrack t) {
        return outcomes(t).stream().filter(o -> o.kind() == Profile.Kind.STREAMING).toList();
    }

    /** The outcomes against delivery specifications and style targets (broadcast, film, games, podcasts). */
    public List<Outcome> specifications(StudyTrack t) {
        return outcomes(t).stream().filter(o -> o.kind() != Profile.Kind.STREAMING).toList();
    }

    /**
     * The listening excerpt of a track as a platform plays it: {@link StudySettings#excerptSeconds} from
     * {@link StudyTrack#excerptStartSeconds}, with the platform's playback gain (see {@link Study#excerpt}).
     */
    public AudioBuffer excerpt(StudyTrack t, String profileId) {
        Outcome o = outcomes.get(t.name(), profileId);
        return Study.excerpt(t, settings.excerptSeconds(), o.gainDb(), settings.profiles().get(profileId));
    }

    @Override
    public String toString() {
        return "StudyResult[" + source + ": " + tracks.size() + " tracks, " + failed.size() + " failed, "
                + settings.profiles().size() + " profiles" + (settings.album() ? ", album" : "") + "]";
    }
}
