package mw.platforms;

import java.util.Locale;

/** How a master fares on a platform or against a specification. */
public enum Verdict {
    /** Plays as intended / meets the specification. */
    OK,
    /** Plays, but something deserves attention (quieter than others, the platform's limiter acts, peaks above the recommendation). */
    WARN,
    /** Fails a specification, or will clip at playback. */
    FAIL;

    /** Lower-case name used in tables and JSON. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of two verdicts. */
    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
