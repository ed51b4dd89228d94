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
}
