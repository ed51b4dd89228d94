package mw.repair;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mw.WorkbenchException;
import mw.analysis.Ar;
import mw.analysis.Clicks;

/**
 * Click removal: AR prediction-error detection ({@link Clicks}) and least-squares AR interpolation of
 * the flagged samples ({@link Ar#interpolate}), after Godsill &amp; Rayner, <i>Digital Audio
 * Restoration</i> (1998), ch. 5. Each 46 ms hop is modelled with 12 ms of context either side; the
 * model is fitted, clicks found and filled, then the model is fitted again to the filled segment (no
 * longer biased by the clicks) and detection and filling run once more on the original samples.
 *
 * <p>{@code sensitivity} (1 to 10, default 5) sets the detection threshold: 1 flags errors above 12
 * robust standard deviations, 10 above 3 ({@code 13 - sensitivity} sigma). {@code maxClickMs} (0.1 to
 * 5 ms, default 2) is the longest burst treated as a click. Latency: 58 ms at 44.1 kHz.
 */
public final class Declick extends Segmented {
    public static final double DEFAULT_SENSITIVITY = 5;
    public static final double DEFAULT_MAX_CLICK_MS = 2;
    public static final int DEFAULT_ORDER = 32;
    private double sensitivity = DEFAULT_SENSITIVITY;
    private double maxClickMs = DEFAULT_MAX_CLICK_MS;
    private int order = DEFAULT_ORDER;
    private long clicks;
    private long samplesRepaired;
    private final List<Long> positions = new ArrayList<>();
    /** Positions kept in {@link #positions()} at most. */
    public static final int MAX_POSITIONS = 100_000;

    private Declick() {
    }

    /** A declicker with default settings. */
    public static Declick create() {
        return new Declick();
    }

    /** Sets the sensitivity, 1 (only loud clicks) to 10 (faint ones too). */
    public Declick sensitivity(double s) {
        sensitivity = WorkbenchException.checkRange("sensitivity", s, 1, 10);
        return this;
    }

    public double sensitivity() {
        return sensitivity;
    }

    /** Sets the longest burst treated as a click, 0.1 to 5 ms. */
    public Declick maxClickMs(double ms) {
        maxClickMs = WorkbenchException.checkRange("maxClickMs", ms, 0.1, 5);
        return this;
    }

    public double maxClickMs() {
        return maxClickMs;
    }

    /** Sets the AR model order, 8 to 64. */
    public Declick order(int p) {
        order = (int) WorkbenchException.checkRange("order", p, 8, 64);
        return this;
    }

    public int order() {
        return order;
    }

    /** Detection threshold in robust standard deviations of the prediction error. */
    public double thresholdSigma() {
        return 13 - sensitivity;
    }

    /** Clicks repaired since the last prepare or reset. */
    public long clicks() {
        return clicks;
    }

    /** Samples replaced since the last prepare or reset. */
    public long samplesRepaired() {
        return samplesRepaired;
    }

    /** Stream positions (frames) of the first sample of each repaired click, all channels, in order found. */
    public List<Long> positions() {
        return List.copyOf(positions);
    }

    @Override
    public String type() {
        return "declick";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sensitivity", sensitivity);
        m.put("maxClickMs", maxClickMs);
        m.put("order", order);
        return m;
    }

    @Override
    int hopSamples(int sampleRate) {
        return Math.max(256, (int) Math.round(sampleRate * 0.0464));
    }

    @Override
    int marginSamples(int sampleRate) {
        return Math.max(2 * order + 8, (int) Math.round(sampleRate * 0.0116));
    }

    @Override
    void resetState() {
        clicks = 0;
        samplesRepaired = 0;
        positions.clear();
    }

    @Override
    void repair(double[] w, int channel, int keepFrom, int keepTo, long absStart) {
        int n = w.length;
        int p = order;
        int maxLen = Math.max(2, (int) Math.round(maxClickMs * 1e-3 * sampleRate)) + 2;
        double k = thresholdSigma();
        double[] orig = w.clone();
        double[] a = Ar.fit(w, 0, n, p);
        List<Clicks.Event> events = Clicks.detect(w, 0, n, a, k, maxLen);
        if (events.isEmpty()) {
            return;
        }
        fill(w, a, events, p);
        // second pass: a model fitted to the repaired segment, detection on the original samples
        double[] a2 = Ar.fit(w, 0, n, p);
        events = Clicks.detect(orig, 0, n, a2, k, maxLen);
        System.arraycopy(orig, 0, w, 0, n);
        fill(w, a2, events, p);
        for (Clicks.Event e : events) {
            if (e.start() >= keepFrom && e.start() < keepTo && e.start() >= p && e.end() <= n - p) {
                clicks++;
                samplesRepaired += e.length();
                if (positions.size() < MAX_POSITIONS) {
                    positions.add(absStart + e.start());
                }
            }
        }
    }

    private static void fill(double[] w, double[] a, List<Clicks.Event> events, int p) {
        int[] idx = new int[w.length];
        int m = 0;
        for (Clicks.Event e : events) {
            for (int t = Math.max(p, e.start()); t < Math.min(w.length - p, e.end()); t++) {
                idx[m++] = t;
            }
        }
        Ar.interpolate(w, a, idx, m);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Declick[sensitivity=%.1f, maxClickMs=%.2f, order=%d]", sensitivity, maxClickMs, order);
    }
}
