package mw.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Click detection by AR prediction error (Godsill &amp; Rayner, <i>Digital Audio Restoration</i>,
 * ch. 5.3): a click is a short burst that an AR model of the surrounding music cannot predict.
 *
 * <p>The model is fitted to the segment, and the forward error {@code e_f[n]} (predicting each sample
 * from the {@code p} before it) and the backward error {@code e_b[n]} (from the {@code p} after it)
 * are compared with {@code thresholdSigma} times their robust standard deviation (1.4826 times the
 * median absolute value, so the clicks themselves do not raise the threshold). A click disturbs the
 * forward error from its first sample on and the backward error up to its last sample; flags closer
 * than {@code p} samples are merged into one event that runs from its first forward flag to its last
 * backward flag, padded by one sample each side. Events longer than {@code maxSamples} are taken to be
 * music (an onset) rather than a click and left alone.
 */
public final class Clicks {
    private Clicks() {
    }

    /** One detected click: samples {@code [start, end)} of the segment. */
    public record Event(int start, int end) {
        public int length() {
            return end - start;
        }
    }

    /**
     * Finds clicks in {@code x[from, to)} with an AR model {@code a} fitted to it.
     *
     * @param thresholdSigma error threshold in robust standard deviations (lower finds more)
     * @param maxSamples longest event treated as a click
     */
    public static List<Event> detect(double[] x, int from, int to, double[] a, double thresholdSigma, int maxSamples) {
        int p = a.length - 1;
        List<Event> out = new ArrayList<>();
        if (to - from < 4 * p + 8) {
            return out;
        }
        double[] ef = Ar.forwardError(x, from, to, a);
        double[] eb = Ar.backwardError(x, from, to, a);
        double sf = Ar.robustSigma(ef, from + p, to);
        double sb = Ar.robustSigma(eb, from, to - p);
        if (sf <= 0 || sb <= 0) {
            return out;
        }
        double tf = thresholdSigma * sf;
        double tb = thresholdSigma * sb;
        int clusterStart = -1;
        int last = -1;
        int firstF = -1;
        int lastB = -1;
        for (int n = from; n < to; n++) {
            boolean f = n >= from + p && Math.abs(ef[n]) > tf;
            boolean b = n < to - p && Math.abs(eb[n]) > tb;
            if (!f && !b) {
                continue;
            }
            if (clusterStart >= 0 && n - last > p) {
                emit(out, clusterStart, last, firstF, lastB, from, to, maxSamples);
                clusterStart = -1;
                firstF = -1;
                lastB = -1;
            }
            if (clusterStart < 0) {
                clusterStart = n;
            }
            last = n;
            if (f && firstF < 0) {
                firstF = n;
            }
            if (b) {
                lastB = n;
            }
        }
        if (clusterStart >= 0) {
            emit(out, clusterStart, last, firstF, lastB, from, to, maxSamples);
        }
        return out;
    }

    private static void emit(List<Event> out, int first, int last, int firstF, int lastB, int from, int to, int maxSamples) {
        int s = firstF >= 0 ? firstF : first;
        int e = lastB >= 0 ? lastB + 1 : last + 1;
        if (e <= s) {
            s = first;
            e = last + 1;
        }
        s = Math.max(from, s - 1);
        e = Math.min(to, e + 1);
        if (e - s <= maxSamples) {
            out.add(new Event(s, e));
        }
    }
    /** Default threshold of {@link #scan}, robust standard deviations (the declicker at sensitivity 3: fewer notes taken for clicks). */
    public static final double SCAN_THRESHOLD_SIGMA = 10;
    /** Default AR order and longest click of {@link #scan}. */
    public static final int SCAN_ORDER = 32;
    public static final double SCAN_MAX_CLICK_MS = 2;

    /**
     * Finds the clicks of a whole signal, as the declicker does: 46 ms hops with 12 ms of context either
     * side; per hop an AR model is fitted, clicks are detected, filled by least-squares AR interpolation,
     * the model is refitted to the filled hop and detection runs again on the original samples. Each
     * candidate is then kept only if it passes the local tests of {@link #confirmed} (not an onset,
     * standing out from the music around it, isolated), so that clean masters report no clicks.
     *
     * @return the clicks, each {@code [start, end)} in samples of {@code x}, in order
     */
    public static List<Event> scan(double[] x, int sampleRate, double thresholdSigma, int order, double maxClickMs) {
        int n = x.length;
        int p = order;
        int hop = Math.max(256, (int) Math.round(sampleRate * 0.0464));
        int margin = Math.max(2 * p + 8, (int) Math.round(sampleRate * 0.0116));
        int maxLen = Math.max(2, (int) Math.round(maxClickMs * 1e-3 * sampleRate)) + 2;
        List<Event> out = new ArrayList<>();
        for (int s = 0; s < n; s += hop) {
            int from = Math.max(0, s - margin);
            int to = Math.min(n, s + hop + margin);
            if (to - from < 4 * p + 8) {
                continue;
            }
            double[] w = java.util.Arrays.copyOfRange(x, from, to);
            double[] a = Ar.fit(w, 0, w.length, p);
            List<Event> events = detect(w, 0, w.length, a, thresholdSigma, maxLen);
            if (events.isEmpty()) {
                continue;
            }
            fill(w, a, events, p);
            double[] a2 = Ar.fit(w, 0, w.length, p);
            double[] orig = java.util.Arrays.copyOfRange(x, from, to);
            List<Event> found = detect(orig, 0, orig.length, a2, thresholdSigma, maxLen);
            double[] ef = found.isEmpty() ? null : Ar.forwardError(orig, 0, orig.length, a2);
            for (Event e : found) {
                int at = from + e.start();
                boolean inside = e.start() >= p && e.end() <= w.length - p;
                if (at >= s && at < s + hop && inside && confirmed(ef, e, found, p, sampleRate)) {
                    out.add(new Event(at, from + e.end()));
                }
            }
        }
        return out;
    }

    /**
     * Whether a candidate of {@link #scan} is a click rather than a sharp sound of the music. Three
     * tests on the forward error {@code e} of the refitted model, each against the music around it:
     * <ul>
     *   <li>not an onset: the error's RMS over the {@link #LOCAL_MS} after the event (past the model's
     *       reach) is at most {@link #ONSET_RATIO} times its RMS over the same span before it: a click
     *       leaves the music as it was, a drum hit or a new note leaves a signal the old model cannot
     *       predict;</li>
     *   <li>standing out locally: the event's peak error is at least {@link #LOCAL_RATIO} times the
     *       larger of those two RMS values (both leave out the reach of other candidates). The global threshold alone (robust standard deviations
     *       over the whole hop) flags the edges of synthetic waveforms and hi-hats in dense electronic
     *       mixes, whose peaks reach 35 times the local RMS at most on the bundled tracks; added clicks
     *       mostly reach hundreds;</li>
     *   <li>isolated: at most one other candidate within {@link #LOCAL_MS} times two either side
     *       (periodic bursts are a waveform, not damage).</li>
     * </ul>
     */
    static boolean confirmed(double[] e, Event ev, List<Event> all, int p, int sampleRate) {
        int n = e.length;
        int span = Math.max(16, (int) Math.round(LOCAL_MS * 1e-3 * sampleRate));
        double peak = 0;
        for (int i = ev.start(); i < Math.min(n, ev.end() + p); i++) {
            peak = Math.max(peak, Math.abs(e[i]));
        }
        double before = rms(e, Math.max(p, ev.start() - span), ev.start(), ev, all, p);
        double after = rms(e, Math.min(n, ev.end() + p), Math.min(n, ev.end() + p + span), ev, all, p);
        if (after > ONSET_RATIO * before || peak < LOCAL_RATIO * Math.max(before, after)) {
            return false;
        }
        int near = 0;
        for (Event o : all) {
            if (o != ev && Math.abs(o.start() - ev.start()) < 2 * span) {
                near++;
            }
        }
        return near < 2;
    }

    /** RMS of {@code e[from, to)} leaving out the reach of the other candidates (a neighbouring click does not raise the level). */
    private static double rms(double[] e, int from, int to, Event self, List<Event> all, int p) {
        double s = 0;
        int count = 0;
        for (int i = from; i < to; i++) {
            boolean other = false;
            for (Event o : all) {
                if (o != self && i >= o.start() - 1 && i < o.end() + p) {
                    other = true;
                    break;
                }
            }
            if (!other) {
                s += e[i] * e[i];
                count++;
            }
        }
        return count > 0 ? Math.sqrt(s / count) : 0;
    }

    /** Span of the local error level a click is compared with, ms. */
    public static final double LOCAL_MS = 5;
    /** A click's peak error over the local RMS error, at least. */
    public static final double LOCAL_RATIO = 30;
    /** Error RMS after over before an event above which it is an onset, not a click (6 dB). */
    public static final double ONSET_RATIO = 2;

    private static void fill(double[] w, double[] a, List<Event> events, int p) {
        int[] idx = new int[w.length];
        int m = 0;
        for (Event e : events) {
            for (int t = Math.max(p, e.start()); t < Math.min(w.length - p, e.end()); t++) {
                idx[m++] = t;
            }
        }
        Ar.interpolate(w, a, idx, m);
    }
}
