package mw.analysis;

import java.util.ArrayList;
import java.util.List;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;

/**
 * Stereo analysis of a two-channel buffer: phase correlation overall and over time, balance, side-to-mid
 * energy (width) and mono fold-down loss overall and per one-third-octave band, and a goniometer
 * (vectorscope) point cloud. Band figures come from the Welch-averaged auto and cross spectra of L and R
 * (the long-term spectrum of {@link Spectrum#ltas}, 8192-point Hann frames, 50 % overlap); overall
 * figures from the samples.
 *
 * <pre>{@code
 * StereoReport s = StereoImage.of(mix);
 * s.correlation();   // +1 mono, 0 wide/unrelated, -1 out of phase
 * }</pre>
 */
public final class StereoImage {
    /** Correlation window hop. */
    public static final double HOP_SECONDS = 0.1;
    /** Hops per correlation window (a 0.4 s window). */
    public static final int WINDOW_HOPS = 4;
    /** Correlation window length. */
    public static final double WINDOW_SECONDS = WINDOW_HOPS * HOP_SECONDS;
    /** Most points in the goniometer cloud (taken at an even stride). */
    public static final int GONIOMETER_POINTS = 4000;

    private StereoImage() {
    }

    /** The stereo report of a two-channel buffer (channel 0 is L, channel 1 is R). */
    public static StereoReport of(AudioBuffer audio) {
        check(audio);
        return of(audio, Spectrum.ltas(audio));
    }

    private static void check(AudioBuffer audio) {
        if (audio.channels() != 2) {
            throw new WorkbenchException("stereo analysis needs 2 channels, the audio has " + audio.channels()
                    + " (" + audio.layout() + "); accepted: stereo");
        }
        Signals.requireFinite(audio, "stereo analysis");
    }

    /**
     * The stereo report, taking the band figures from an already computed long-term spectrum of the same
     * buffer (its L, R, M and S densities: the cross spectrum is {@code P_M - P_S}).
     */
    public static StereoReport of(AudioBuffer audio, Ltas ltas) {
        check(audio);
        if (!ltas.signals().containsAll(List.of("L", "R", "M", "S"))) {
            throw new WorkbenchException("the spectrum has signals " + ltas.signals() + "; accepted: one of stereo audio (L, R, M, S)");
        }
        int n = audio.frames();
        int sr = audio.sampleRate();
        // sums over hops of HOP_SECONDS; a window is WINDOW_HOPS consecutive hops
        int hop = Math.max(1, (int) Math.round(HOP_SECONDS * sr));
        int blocks = Math.max(1, (n + hop - 1) / hop);
        double[] bl = new double[blocks];
        double[] br = new double[blocks];
        double[] blr = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            int end = Math.min(n, (b + 1) * hop);
            double sl = 0;
            double sr2 = 0;
            double slr = 0;
            for (int i = b * hop; i < end; i++) {
                double l = audio.sample(0, i);
                double r = audio.sample(1, i);
                sl += l * l;
                sr2 += r * r;
                slr += l * r;
            }
            bl[b] = sl;
            br[b] = sr2;
            blr[b] = slr;
        }
        double ll = 0;
        double rr = 0;
        double lr = 0;
        for (int b = 0; b < blocks; b++) {
            ll += bl[b];
            rr += br[b];
            lr += blr[b];
        }
        double mm = (ll + rr + 2 * lr) / 4;
        double ss = (ll + rr - 2 * lr) / 4;
        if (Math.abs(mm) < 1e-15 * (ll + rr)) {
            mm = 0;
        }
        if (Math.abs(ss) < 1e-15 * (ll + rr)) {
            ss = 0;
        }
        int windows = Math.max(1, blocks - WINDOW_HOPS + 1);
        double[] times = new double[windows];
        double[] corr = new double[windows];
        double minCorr = Double.POSITIVE_INFINITY;
        for (int w = 0; w < windows; w++) {
            double wl = 0;
            double wr = 0;
            double wlr = 0;
            int last = Math.min(blocks, w + WINDOW_HOPS);
            for (int b = w; b < last; b++) {
                wl += bl[b];
                wr += br[b];
                wlr += blr[b];
            }
            corr[w] = correlation(wl, wr, wlr);
            times[w] = (w * hop + Math.min(n, (double) last * hop)) / 2.0 / sr;
            minCorr = Math.min(minCorr, corr[w]);
        }
        int stride = Math.max(1, (int) Math.ceil((double) n / GONIOMETER_POINTS));
        int points = (n + stride - 1) / stride;
        double[] gx = new double[points];
        double[] gy = new double[points];
        double s2 = Math.sqrt(0.5);
        for (int p = 0; p < points; p++) {
            int i = p * stride;
            double l = audio.sample(0, i);
            double r = audio.sample(1, i);
            gx[p] = (r - l) * s2;
            gy[p] = (l + r) * s2;
        }
        double[] psdL = ltas.psd("L");
        double[] psdR = ltas.psd("R");
        double[] cross = ltas.psd("M");
        double[] psdS = ltas.psd("S");
        for (int k = 0; k < cross.length; k++) {
            cross[k] -= psdS[k];
        }
        List<StereoBand> bands = new ArrayList<>();
        for (Band band : Bands.thirdOctaves()) {
            if (band.highHz() > sr / 2.0) {
                continue;
            }
            double pl = Bands.power(psdL, ltas.binHz(), band);
            double pr = Bands.power(psdR, ltas.binHz(), band);
            double c = Bands.power(cross, ltas.binHz(), band);
            double pm = Math.max(0, (pl + pr + 2 * c) / 4);
            double ps = Math.max(0, (pl + pr - 2 * c) / 4);
            if (pm < 1e-12 * (pl + pr)) {
                pm = 0;
            }
            if (ps < 1e-12 * (pl + pr)) {
                ps = 0;
            }
            bands.add(new StereoBand(band.nominal(), band.centreHz(), correlation(pl, pr, c),
                    ratioDb(ps, pm), ratioDb((pl + pr) / 2, pm), ratioDb(pl, pr)));
        }
        return new StereoReport(correlation(ll, rr, lr), minCorr, ratioDb(ll, rr), ratioDb(ss, mm),
                ratioDb((ll + rr) / 2, mm), List.copyOf(bands), WINDOW_SECONDS, times, corr, gx, gy);
    }

    static double correlation(double ll, double rr, double lr) {
        if (ll <= 0 || rr <= 0) {
            return 0;
        }
        return Math.max(-1, Math.min(1, lr / Math.sqrt(ll * rr)));
    }

    /** {@code 10 log10(a / b)}, with 0/0 as NaN, a/0 as +inf and 0/b as -inf. */
    static double ratioDb(double a, double b) {
        if (a <= 0 && b <= 0) {
            return Double.NaN;
        }
        if (b <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (a <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return 10 * Math.log10(a / b);
    }
}
