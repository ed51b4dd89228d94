package mw.live;

import java.util.Locale;
import mw.WorkbenchException;

/**
 * The shape of a transition: how far (0 to 1) a parameter has moved towards its target at a fraction
 * {@code t} (0 to 1) of the transition time. Each shape rises monotonically from exactly 0 at the start
 * to exactly 1 at the end, so a value interpolated with it stays between the two states' values.
 * These are the interpolation shapes game audio middleware offers for state changes and parameter
 * curves (Wwise: linear, S-curve, logarithmic, exponential, sine / constant power).
 */
public enum TransitionCurve {
    /** Straight line: {@code w = t}. */
    LINEAR("linear"),
    /** Raised cosine, slow at both ends: {@code w = (1 - cos(pi t)) / 2}. */
    S_CURVE("scurve"),
    /** Fast start, slow end (like a logarithm): {@code w = 1 - (1 - t)^2}. */
    LOG("log"),
    /** Slow start, fast end (like an exponential): {@code w = t^2}. */
    EXP("exp"),
    /**
     * The fade-in half of a constant-power crossfade: {@code w = sin(pi t / 2)}; together with its
     * mirror {@code cos(pi t / 2)} the summed power {@code sin^2 + cos^2} is constant.
     */
    CONSTANT_POWER("constantPower");

    private final String id;

    TransitionCurve(String id) {
        this.id = id;
    }

    /** The name used in states files and timelines. */
    public String id() {
        return id;
    }

    /** The share of the way to the target, 0 to 1, at the fraction {@code t} of the transition. */
    public double at(double t) {
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return 1;
        }
        return switch (this) {
            case LINEAR -> t;
            case S_CURVE -> 0.5 - 0.5 * Math.cos(Math.PI * t);
            case LOG -> 1 - (1 - t) * (1 - t);
            case EXP -> t * t;
            case CONSTANT_POWER -> Math.sin(0.5 * Math.PI * t);
        };
    }

    /** Parses a curve name: linear, scurve (or s-curve), log, exp, constantPower (or sine). */
    public static TransitionCurve parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (TransitionCurve c : values()) {
            if (c.id.toLowerCase(Locale.ROOT).equals(k) || c.name().replace("_", "").toLowerCase(Locale.ROOT).equals(k)) {
                return c;
            }
        }
        if (k.equals("sine")) {
            return CONSTANT_POWER;
        }
        throw new WorkbenchException("curve = " + s + " is not a transition curve; accepted: linear, scurve, log, exp, constantPower");
    }
}
