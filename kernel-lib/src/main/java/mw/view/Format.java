package mw.view;

import java.util.Locale;

/**
 * The one number formatter of every human-readable output (terminal text, Markdown, HTML reports, notebook
 * tables): {@link Locale#ROOT}, a figure that does not exist shown as {@value #MISSING}, infinities as
 * {@code inf} and {@code -inf}. Data files keep their own conventions: CSV leaves a missing figure empty,
 * JSON writes {@code null}.
 */
public final class Format {
    /** How a figure that does not exist (NaN: the reference of a platform that does not normalise) is shown. */
    public static final String MISSING = "n/a";

    private Format() {
    }

    /** A number rounded for reading: up to 2 decimals, 3 significant digits below 0.01, none from 10 000. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return MISSING;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a != 0 && a < 0.01) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (a >= 10_000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }

    /** A number with a fixed count of decimals (for columns of one unit, such as LUFS to 0.01). */
    public static String number(double v, int decimals) {
        if (Double.isNaN(v)) {
            return MISSING;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }

    /** A value for reading: numbers by {@link #number(double)}, null as {@value #MISSING}, others as text. */
    public static String value(Object v) {
        if (v == null) {
            return MISSING;
        }
        if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        }
        return String.valueOf(v);
    }
}
