package mw.processing;

import java.util.Locale;

/**
 * The gain in front of the true-peak {@link Limiter} that brings a signal to a loudness target, searched on
 * {@link LimitedLoudness}'s prediction instead of by rendering trials; the real render is measured and the
 * prediction's small remaining offset corrected. The reference matcher's render and the master to a target
 * both reach their targets this way.
 *
 * <p>At most {@value #MAX_RENDERS} renders are made: the chosen gain, and up to two corrections when the
 * measured loudness is more than {@value #AIM_LU} LU from the target (the prediction leaves out the limiter's
 * guard stage, and the writer's dither and quantisation, by a few hundredths of a LU at most).
 */
@mw.Internal
public final class TargetSearch {
    /** Distance from the target a render may end at without a correction, LU (the promise is 0.1 LU). */
    public static final double AIM_LU = 0.03;
    /** Most renders a search makes. */
    public static final int MAX_RENDERS = 3;
    /** Gain above the unlimited one the first detection covers, dB (what a master usually needs). */
    static final double NEAR_DB = 4;

    private TargetSearch() {
    }

    /** Renders the signal at a gain (dB) and returns the integrated loudness it measured (LUFS). */
    @FunctionalInterface
    public interface Render {
        double render(double gainDb);
    }

    /**
     * The outcome: the gain of the last render, its measured loudness, the renders made, and why the target
     * was not reached (empty when it was).
     */
    public record Outcome(double gainDb, double lufs, int renders, boolean reached, String reason) {
    }

    /** A render already made, measured: its gain, loudness and the limiter's largest gain reduction. */
    public record Measured(double gainDb, double lufs, double maxReductionDb) {
    }

    /**
     * Searches the gain on the prediction for planar {@code x[channel][0..frames)} and renders it (then
     * corrects). {@code first}, when not null, is a render already made: if it is on target within the
     * limiting allowed, nothing more is analysed or rendered, and otherwise it counts as one of the renders
     * and its offset from the prediction is corrected from the start.
     */
    public static Outcome run(float[][] x, int frames, int sampleRate, Limiter limiter, double targetLufs,
                              double maxLimitingDb, Measured first, Render render) {
        if (first != null && Double.isFinite(first.lufs()) && Math.abs(targetLufs - first.lufs()) <= AIM_LU
                && first.maxReductionDb() <= maxLimitingDb) {
            return outcome(first.gainDb(), first.lufs(), 1, "", targetLufs);
        }
        if (first != null && !Double.isFinite(first.lufs())) {
            return outcome(first.gainDb(), first.lufs(), 1, SILENT, targetLufs);
        }
        // peaks are detected for gains up to NEAR_DB above the unlimited one; a search that needs more detects
        // again for the whole limiting allowed
        LimitedLoudness ll = LimitedLoudness.of(x, frames, sampleRate, limiter, targetLufs, NEAR_DB);
        Choice c = search(ll, targetLufs, maxLimitingDb);
        if (!c.reason().isEmpty() || c.gainDb() > ll.maxGainDb() - 0.5) {
            ll = LimitedLoudness.of(x, frames, sampleRate, limiter, targetLufs, maxLimitingDb + 6);
            c = search(ll, targetLufs, maxLimitingDb);
        }
        double g = c.gainDb();
        double lufs;
        int renders;
        if (first != null && Double.isFinite(first.lufs()) && c.reason().isEmpty()) {
            // the first render tells the prediction's offset: the chosen gain is corrected before rendering
            double offset = first.lufs() - ll.at(first.gainDb()).lufs();
            g = correct(ll, g, targetLufs - offset);
            lufs = render.render(g);
            renders = 2;
        } else {
            lufs = render.render(g);
            renders = first == null ? 1 : 2;
        }
        if (c.reason().isEmpty()) {
            while (renders < MAX_RENDERS && Double.isFinite(lufs) && Math.abs(targetLufs - lufs) > AIM_LU) {
                double offset = lufs - ll.at(g).lufs();
                double next = correct(ll, g, targetLufs - offset);
                if (Math.abs(next - g) < 1e-4) {
                    break;
                }
                g = next;
                lufs = render.render(g);
                renders++;
            }
        }
        String reason = c.reason().isEmpty() ? "" : String.format(Locale.ROOT, c.reason(), lufs);
        return outcome(g, lufs, renders, reason, targetLufs);
    }

    private static Outcome outcome(double g, double lufs, int renders, String reason, double targetLufs) {
        if (!Double.isFinite(lufs) && reason.isEmpty()) {
            reason = SILENT;
        }
        boolean reached = reason.isEmpty() && Math.abs(targetLufs - lufs) <= 0.1;
        if (reason.isEmpty() && !reached) {
            reason = String.format(Locale.ROOT, "ended %.2f LU from the target", lufs - targetLufs);
        }
        return new Outcome(g, lufs, renders, reached, reason);
    }

    static final String SILENT = "the audio is silent or too quiet to measure (every 400 ms block is below the -70 LUFS gate)";

    /** The outcome of the search on the prediction; a reason may hold one {@code %.2f} for the loudness reached. */
    record Choice(double gainDb, String reason) {
    }

    /** The gain whose predicted loudness is {@code target} (within the limiting allowed). */
    static Choice search(LimitedLoudness ll, double target, double maxLimitingDb) {
        double unl = ll.unlimitedLufs();
        if (!Double.isFinite(unl)) {
            return new Choice(0, SILENT);
        }
        double hi = Math.min(ll.maxGainDb(), Gain.MAX_DB);
        double g = Math.max(Gain.MIN_DB, Math.min(hi, target - unl));
        LimitedLoudness.Trial cur = ll.at(g);
        LimitedLoudness.Trial prev = null;
        LimitedLoudness.Trial best = cur;
        for (int k = 0; k < 30 && Math.abs(target - cur.lufs()) > 0.002; k++) {
            double slope = 1;
            if (prev != null && Math.abs(cur.gainDb() - prev.gainDb()) > 1e-9) {
                slope = Math.max(0.05, Math.min(1.5, (cur.lufs() - prev.lufs()) / (cur.gainDb() - prev.gainDb())));
            }
            double next = Math.max(Gain.MIN_DB, Math.min(hi, cur.gainDb() + (target - cur.lufs()) / slope));
            if (next == cur.gainDb()) {
                break;
            }
            prev = cur;
            cur = ll.at(next);
            if (Math.abs(target - cur.lufs()) < Math.abs(target - best.lufs())) {
                best = cur;
            }
        }
        if (best.maxReductionDb() > maxLimitingDb) {
            LimitedLoudness.Trial m = best;
            for (int k = 0; k < 8 && m.maxReductionDb() > maxLimitingDb + 0.05; k++) {
                m = ll.at(m.gainDb() - (m.maxReductionDb() - maxLimitingDb));
            }
            return new Choice(m.gainDb(), String.format(Locale.ROOT,
                    "reaching %.1f LUFS under the ceiling needs more than the %.1f dB of limiting allowed; "
                            + "stopped at %%.2f LUFS with %.1f dB of limiting", target, maxLimitingDb, m.maxReductionDb()));
        }
        return new Choice(best.gainDb(), "");
    }

    /** The gain whose predicted loudness is {@code target}, starting from {@code g}. */
    static double correct(LimitedLoudness ll, double g, double target) {
        LimitedLoudness.Trial cur = ll.at(g);
        LimitedLoudness.Trial prev = null;
        for (int k = 0; k < 20 && Math.abs(target - cur.lufs()) > 0.002; k++) {
            double slope = 1;
            if (prev != null && Math.abs(cur.gainDb() - prev.gainDb()) > 1e-9) {
                slope = Math.max(0.05, Math.min(1.5, (cur.lufs() - prev.lufs()) / (cur.gainDb() - prev.gainDb())));
            }
            double next = Math.max(Gain.MIN_DB, Math.min(ll.maxGainDb(), cur.gainDb() + (target - cur.lufs()) / slope));
            if (next == cur.gainDb()) {
                break;
            }
            prev = cur;
            cur = ll.at(next);
        }
        return cur.gainDb();
    }
}
