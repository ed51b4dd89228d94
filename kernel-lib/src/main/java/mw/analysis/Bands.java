package mw.analysis;

import java.util.ArrayList;
import java.util.List;
import mw.WorkbenchException;

/**
 * Octave and one-third-octave bands per IEC 61260-1:2014 with base-10 ratios: the octave ratio is
 * {@code G = 10^(3/10)}, the exact mid-band frequencies are {@code 1000 * G^(x/b)} for band number
 * {@code x} and fraction {@code b} (1 or 3), and the edges are {@code fm * G^(-1/(2b))} and
 * {@code fm * G^(1/(2b))}. Nominal labels are the preferred numbers of ISO 266 as IEC 61260-1 lists them.
 */
public final class Bands {
    /** The base-10 octave ratio {@code 10^(3/10)} = 1.99526. */
    public static final double G = Math.pow(10, 0.3);

    private static final String[] THIRD_NOMINAL = {
        "10", "12.5", "16", "20", "25", "31.5", "40", "50", "63", "80", "100", "125", "160", "200", "250", "315",
        "400", "500", "630", "800", "1k", "1.25k", "1.6k", "2k", "2.5k", "3.15k", "4k", "5k", "6.3k", "8k", "10k",
        "12.5k", "16k", "20k"};

    private Bands() {
    }

    /** The ten octave bands 31.5 Hz to 16 kHz. */
    public static List<Band> octaves() {
        return bands(1, -5, 4);
    }

    /** The 31 one-third-octave bands 20 Hz to 20 kHz. */
    public static List<Band> thirdOctaves() {
        return bands(3, -17, 13);
    }

    /** Bands of fraction {@code b} (1 or 3) with band numbers {@code from..to} (0 is 1 kHz). */
    public static List<Band> bands(int b, int from, int to) {
        if (b != 1 && b != 3) {
            throw new WorkbenchException("band fraction 1/" + b + " is not offered; accepted: 1 (octave) or 3 (one-third octave)");
        }
        List<Band> out = new ArrayList<>();
        for (int x = from; x <= to; x++) {
            double fm = 1000 * Math.pow(G, (double) x / b);
            double half = Math.pow(G, 1.0 / (2 * b));
            int idx = 20 + x * (3 / b);
            String nominal = idx >= 0 && idx < THIRD_NOMINAL.length ? THIRD_NOMINAL[idx]
                    : String.format(java.util.Locale.ROOT, "%.3g", fm);
            out.add(new Band(fm, fm / half, fm * half, nominal));
        }
        return out;
    }

    /**
     * The power of a one-sided power spectral density within a band: each bin {@code k} is taken to
     * cover {@code [(k - 1/2) df, (k + 1/2) df)} and contributes in proportion to its overlap with the
     * band, so bands narrower than a bin still get a sensible value.
     *
     * @param psd power per Hz for bins {@code 0..n-1}
     * @param binHz bin spacing {@code df}
     */
    public static double power(double[] psd, double binHz, Band band) {
        int first = Math.max(0, (int) Math.floor(band.lowHz() / binHz - 0.5));
        int last = Math.min(psd.length - 1, (int) Math.ceil(band.highHz() / binHz + 0.5));
        double sum = 0;
        for (int k = first; k <= last; k++) {
            double lo = Math.max(band.lowHz(), (k - 0.5) * binHz);
            double hi = Math.min(band.highHz(), (k + 0.5) * binHz);
            if (hi > lo) {
                sum += psd[k] * (hi - lo);
            }
        }
        return sum;
    }
}
