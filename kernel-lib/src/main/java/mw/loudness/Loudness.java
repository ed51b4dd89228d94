package mw.loudness;

import java.nio.file.Path;
import mw.audio.AudioBuffer;

/** One call for a loudness report. */
public final class Loudness {
    private Loudness() {
    }

    /** The full loudness report of a buffer. */
    public static LoudnessReport of(AudioBuffer audio) {
        throw new UnsupportedOperationException("loudness meter not yet implemented");
    }

    /** The full loudness report of a file, streamed in bounded memory. */
    public static LoudnessReport of(Path file) {
        throw new UnsupportedOperationException("loudness meter not yet implemented");
    }
}
