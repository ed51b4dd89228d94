package mw.analysis;

import java.util.Arrays;
import mw.audio.AudioBuffer;
import mw.loudness.Loudness;
import mw.loudness.LoudnessMeter;
import mw.loudness.LoudnessReport;

/**
 * Dynamics, measured properly rather than as a peak-to-peak difference: crest factor overall and per
 * window, PLR and PSR and LRA from the loudness meter, a histogram of short-term loudness, and the
 * familiar "DR" score.
 *
 * <p><b>DR score.</b> The algorithm of the Pleasurize Music Foundation's Dynamic Range Meter (the
 * "TT DR Offline Meter" and its foobar2000 port), as its documentation describes it: each channel is
 * cut into 3-second blocks (a shorter last block is dropped unless it is the only one); each block gets
 * {@code RMS = sqrt(2 * mean(x^2))} (the factor 2 makes a sine's RMS equal its peak) and its sample
 * peak; the loudest 20 % of the blocks by RMS (at least one) give {@code RMS_top = sqrt(mean(RMS^2))};
 * the second-highest block peak {@code P2} (the highest when there is one block) stands for the peak;
 * {@code DR_channel = 20 log10(P2 / RMS_top)} and the score is the mean over channels, rounded. A
 * steady sine scores DR0, a square wave about -3, typical modern masters 5 to 8, dynamic ones 12 or more.
 * It is a familiar figure, not a standard: prefer PLR and LRA when comparing with delivery specs.
 */
public final class DynamicsMeter {
    /** DR meter block length. */
    public static final double DR_BLOCK_SECONDS = 3.0;
    /** Default crest-factor window. */
    public static final double WINDOW_SECONDS = 1.0;

    private DynamicsMeter() {
    }

    /** Dynamics with loudness figures and the short-term series (100 ms hop) from {@link Loudness}. */
    public static DynamicsReport of(AudioBuffer audio) {
        Signals.requireFinite(audio, "dynamics");
        LoudnessMeter m = Loudness.meter(audio, 100);
        return of(audio, m.report(), m.series().shortTermLufs());
    }

    /**
     * Dynamics with the given loudness report (may be null) and short-term loudness series in LUFS (may
     * be empty), for callers that have already metered the programme.
     */
    public static DynamicsReport of(AudioBuffer audio, LoudnessReport loudness, double[] shortTermLufs) {
        return of(audio, loudness, shortTermLufs, loudness == null ? "no loudness report given" : "");
    }

    private static DynamicsReport of(AudioBuffer audio, LoudnessReport lr, double[] shortTerm, String note) {
        Signals.requireFinite(audio, "dynamics");
        int sr = audio.sampleRate();
        int ch = audio.channels();
        int n = audio.frames();
        // one pass: peak and energy of every channel in every 1 s window; the crest factors, the overall
        // figures and the DR blocks (three windows each) all follow from these
        int win = sr;
        double[][][] st = windowStats(audio, win);
        double[][] wp = st[0];
        double[][] we = st[1];
        int windows = wp[0].length;
        double peak = 0;
        double energy = 0;
        double[] times = new double[windows];
        double[] crests = new double[windows];
        for (int w = 0; w < windows; w++) {
            double p = 0;
            double e = 0;
            for (int c = 0; c < ch; c++) {
                p = Math.max(p, wp[c][w]);
                e += we[c][w];
            }
            peak = Math.max(peak, p);
            energy += e;
            int len = Math.min(n, (w + 1) * win) - w * win;
            double r = Math.sqrt(e / Math.max(1, (long) len * ch));
            times[w] = (double) w * win / sr;
            crests[w] = r > 0 ? 20 * Math.log10(p / r) : Double.NaN;
        }
        double rms = Math.sqrt(energy / Math.max(1, (long) n * ch));
        double crest = rms > 0 ? 20 * Math.log10(peak / rms) : Double.NaN;

        double[] dr = drFromWindows(wp, we, n, win);
        double mean = 0;
        for (double d : dr) {
            mean += d / dr.length;
        }
        int score = Double.isFinite(mean) ? (int) Math.round(mean) : 0;

        double plr = Double.NaN;
        double psr = Double.NaN;
        double lra = Double.NaN;
        double integrated = Double.NaN;
        double tp = Double.NaN;
        if (lr != null) {
            integrated = lr.integratedLufs();
            tp = lr.truePeakDbtp();
            lra = lr.loudnessRangeLu();
            plr = Double.isFinite(lr.plrDb()) ? lr.plrDb() : tp - integrated;
            psr = tp - lr.shortTermMaxLufs();
        }
        LevelHistogram hist = LevelHistogram.of("short-term loudness (LUFS)", shortTerm, 1.0);
        return new DynamicsReport(crest, score, dr, plr, psr, lra, integrated, tp, WINDOW_SECONDS, times, crests,
                shortTerm.clone(), hist, note);
    }

    /** The unrounded DR of each channel (see the class notes); NaN for a silent channel. */
    public static double[] drPerChannelDb(AudioBuffer audio) {
        int win = audio.sampleRate();
        double[][][] st = windowStats(audio, win);
        return drFromWindows(st[0], st[1], audio.frames(), win);
    }

    /** {@code [0][channel][window]} sample peaks and {@code [1][channel][window]} energies (sum of squares). */
    private static double[][][] windowStats(AudioBuffer audio, int win) {
        int n = audio.frames();
        int ch = audio.channels();
        int windows = Math.max(1, (n + win - 1) / win);
        double[][] peaks = new double[ch][windows];
        double[][] energies = new double[ch][windows];
        double[] buf = new double[win];
        for (int c = 0; c < ch; c++) {
            for (int w = 0; w < windows; w++) {
                int a = w * win;
                int len = Math.max(0, Math.min(n, a + win) - a);
                audio.copyTo(c, a, buf, 0, len);
                double p = 0;
                double e = 0;
                for (int i = 0; i < len; i++) {
                    double v = buf[i];
                    p = Math.max(p, Math.abs(v));
                    e += v * v;
                }
                peaks[c][w] = p;
                energies[c][w] = e;
            }
        }
        return new double[][][] {peaks, energies};
    }

    /** DR per channel from 1 s window statistics: a 3 s block is three windows. */
    private static double[] drFromWindows(double[][] wp, double[][] we, int n, int win) {
        int perBlock = (int) Math.round(DR_BLOCK_SECONDS / WINDOW_SECONDS);
        int block = perBlock * win;
        int blocks = n / block;
        boolean partialOnly = blocks == 0;
        if (partialOnly) {
            blocks = 1;
        }
        double[] out = new double[wp.length];
        for (int c = 0; c < wp.length; c++) {
            double[] rms = new double[blocks];
            double[] peaks = new double[blocks];
            for (int b = 0; b < blocks; b++) {
                int w0 = b * perBlock;
                int w1 = partialOnly ? wp[c].length : w0 + perBlock;
                double sum = 0;
                double p = 0;
                for (int w = w0; w < w1; w++) {
                    sum += we[c][w];
                    p = Math.max(p, wp[c][w]);
                }
                int len = partialOnly ? n : block;
                rms[b] = Math.sqrt(2 * sum / Math.max(1, len));
                peaks[b] = p;
            }
            Arrays.sort(rms);
            Arrays.sort(peaks);
            int top = Math.max(1, (int) Math.floor(0.2 * blocks));
            double sq = 0;
            for (int i = blocks - top; i < blocks; i++) {
                sq += rms[i] * rms[i];
            }
            double rmsTop = Math.sqrt(sq / top);
            double p2 = blocks >= 2 ? peaks[blocks - 2] : peaks[blocks - 1];
            out[c] = rmsTop > 0 && p2 > 0 ? 20 * Math.log10(p2 / rmsTop) : Double.NaN;
        }
        return out;
    }
}
