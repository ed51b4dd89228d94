package mw.cli;

/**
 * What is left of the study's former HTML writer in the command line: the escape helper the delivery
 * report still calls. The study report itself is {@link mw.view.StudyReport}.
 */
final class StudyReport {
    private StudyReport() {
    }

    static String esc(String s) {
        return mw.view.HtmlReport.escape(s);
    }
}
