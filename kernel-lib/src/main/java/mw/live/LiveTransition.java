package mw.live;

import java.util.Locale;
import java.util.Objects;
import mw.WorkbenchException;

/**
 * How a change of state moves: its duration and curve.
 *
 * @param seconds duration, more than 0 and at most 600 s
 * @param curve   shape of the movement
 */
public record LiveTransition(double seconds, TransitionCurve curve) {
    /** The default when a states file does not say: two seconds, linear (the source's preset lerp). */
    public static final LiveTransition DEFAULT = new LiveTransition(2.0, TransitionCurve.LINEAR);

    public LiveTransition {
        Objects.requireNonNull(curve, "curve");
        if (!(seconds > 0 && seconds <= 600)) {
            throw new WorkbenchException("transition duration " + seconds
                    + " s is out of range; accepted: more than 0 and at most 600 s");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.3g s %s", seconds, curve.id());
    }
}
