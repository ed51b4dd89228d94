package mw.kernel;

/** Small HTML helpers for the renderers. */
final class Html {
    private Html() {
    }

    static String escape(String s) {
        return mw.view.HtmlReport.escape(s);
    }

    /** A number for a table cell ({@code mw.view.Format}: one formatter everywhere). */
    static String number(double v) {
        return mw.view.Format.number(v);
    }
}
