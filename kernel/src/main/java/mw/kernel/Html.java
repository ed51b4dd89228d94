package mw.kernel;

import java.util.Locale;

/** Small HTML helpers for the renderers. */
final class Html {
    private Html() {
    }

    static String escape(String s) {
        return mw.view.HtmlReport.escape(s);
    }

    /** A number for a table cell: two decimals for everyday magnitudes, four significant digits otherwise. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+inf" : "-inf";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e9) {
            return String.valueOf((long) v);
        }
        if (a >= 1e5 || a < 1e-2) {
            return String.format(Locale.ROOT, "%.4g", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
