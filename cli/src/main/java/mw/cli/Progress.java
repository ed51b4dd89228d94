package mw.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on standard error. It draws only when standard error is a terminal-like
 * stream (not when output is captured by CI logs, unless {@code MW_PROGRESS=1}), and always finishes
 * its line.
 */
public final class Progress implements AutoCloseable {
    private final PrintStream err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long done;
    private int lastPermille = -1;

    public Progress(String label, long total) {
        this(System.err, label, total, System.console() != null || "1".equals(System.getenv("MW_PROGRESS")));
    }

    Progress(PrintStream err, String label, long total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
        this.enabled = enabled;
    }

    public void step(long amount, String what) {
        done = Math.min(total, done + amount);
        draw(what);
    }

    public void set(long value, String what) {
        done = Math.min(total, value);
        draw(what);
    }

    /**
     * A line that stays, whether or not the bar is drawn: one per finished item, so a long batch is
     * never silent ({@code [2/5] name: what}).
     */
    public void item(long index, String name, String what) {
        if (enabled) {
            err.print("\r\u001b[K");
        }
        err.printf(Locale.ROOT, "%s [%d/%d] %s%s%n", label, index, total, name, what == null || what.isEmpty() ? "" : ": " + what);
        err.flush();
        lastPermille = -1;
    }

    private void draw(String what) {
        if (!enabled) {
            return;
        }
        int permille = (int) (1000 * done / total);
        if (permille == lastPermille && done < total) {
            return;
        }
        lastPermille = permille;
        int width = 30;
        int fill = (int) ((long) width * done / total);
        double secs = (System.nanoTime() - start) / 1e9;
        String bar = "#".repeat(fill) + "-".repeat(width - fill);
        String tail = what == null ? "" : " " + (what.length() > 40 ? "..." + what.substring(what.length() - 37) : what);
        err.printf(Locale.ROOT, "\r%s [%s] %5.1f%% %5.1fs%s\u001b[K", label, bar, permille / 10.0, secs, tail);
        err.flush();
    }

    @Override
    public void close() {
        if (enabled) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
