package mw.live;

import java.util.Locale;
import mw.WorkbenchException;

/**
 * One parameter of the live chain: its name ({@code stage.parameter}, the parameter named as the
 * processor names it), unit, accepted range, default, the field of the source's preset layout that
 * maps onto it (or {@code null}), and whether transitions move it on a logarithmic scale (frequencies,
 * ratios, Q and times) or a linear one (levels in dB, width).
 *
 * @param name        name in states files, for example {@code compressor.thresholdDb}
 * @param unit        unit shown to people
 * @param min         smallest accepted value
 * @param max         largest accepted value
 * @param defaultValue value of a state that does not set it
 * @param presetField the field of the preset layout ({@code compressionThreshold} ...), or {@code null}
 * @param logScale    interpolated geometrically rather than linearly
 */
public record LiveParameter(String name, String unit, double min, double max, double defaultValue, String presetField,
        boolean logScale) {
    /** Checks a value for this parameter; the message names where it came from, the value and the range. */
    double check(String where, String field, double value) {
        if (!(value >= min && value <= max)) {
            throw new WorkbenchException(String.format(Locale.ROOT, "%s: %s = %s is out of range; accepted: %s to %s %s",
                    where, field, fmt(value), fmt(min), fmt(max), unit));
        }
        return value;
    }

    /** The value a share {@code w} (0 to 1) of the way from {@code from} to {@code to}; exactly {@code to} at 1. */
    double interpolate(double from, double to, double w) {
        if (w >= 1 || from == to) {
            return w >= 1 ? to : from;
        }
        double v = logScale ? from * Math.pow(to / from, w) : from + (to - from) * w;
        // rounding must never carry a value past either end (a setter would reject it)
        return Math.max(Math.min(from, to), Math.min(Math.max(from, to), v));
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
