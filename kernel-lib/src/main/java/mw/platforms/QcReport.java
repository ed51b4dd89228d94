package mw.platforms;

import java.util.List;

/**
 * The quality-control checks of one file. The report passes only when every check passes: there is
 * no way to build a report that says pass while a check fails.
 *
 * @param subject what was checked (file name, or "master for spotify_normal")
 * @param checks  the checks in order
 */
public record QcReport(String subject, List<QcCheck> checks) {
    public QcReport {
        checks = List.copyOf(checks);
    }

    /** True when every check passed (and there is at least one check). */
    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(QcCheck::passed);
    }

    /** "pass" or "fail". */
    public String result() {
        return passed() ? "pass" : "fail";
    }

    /** The checks that failed. */
    public List<QcCheck> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
