package mw.analysis;

import java.util.Arrays;
import mw.audio.AudioBuffer;
import mw.loudness.Loudness;
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
public final class Dynamics {
    /** DR meter block length. */
    public static final double DR_BLOCK_SECONDS = 3.0;
    /** Default crest-factor window. */
    public static final double WINDOW_SECONDS = 1.0;

    private Dynamics() {
    }

    /** Dynamics with loudness figures from {@link Loudness#of(AudioBuffer)} when the meter is available. */
    public static DynamicsReport of(AudioBuffer audio) {
        LoudnessReport lr = null;
        String note = "";
        try {
            lr = Loudness.of(audio);
        } catch (UnsupportedOperationException e) {
            note = "loudness figures unavailable: " + e.getMessage();
        }
        return of(audio, lr, new double[0], note);
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
        double[][] x = audio.toArrays();
        double peak = 0;
        double energy = 0;
        for (double[] c : x) {
            for (double v : c) {
                peak = Math.max(peak, Math.abs(v));
                energy += v * v;
            }
        }
        double rms = Math.sqrt(energy / Math.max(1, (long) n * ch));
        double crest = rms > 0 ? 20 * Math.log10(peak / rms) : Double.NaN;

        int win = Math.max(1, (int) Math.round(WINDOW_SECONDS * sr));
        int windows = Math.max(1, (n + win - 1) / win);
        double[] times = new double[windows];
        double[] crests = new double[windows];
        for (int w = 0; w < windows; w++) {
            int a = w * win;
            int b = Math.min(n, a + win);
            double p = 0;
            double e = 0;
            for (double[] c : x) {
                for (int i = a; i < b; i++) {
                    p = Math.max(p, Math.abs(c[i]));
                    e += c[i] * c[i];
                }
            }
            double r = Math.sqrt(e / Math.max(1, (long) (b - a) * ch));
            times[w] = (double) a / sr;
            crests[w] = r > 0 ? 20 * Math.log10(p / r) : Double.NaN;
        }

        double[] dr = drPerChannelDb(audio);
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
        Histogram hist = Histogram.of("short-term loudness (LUFS)", shortTerm, 1.0);
        return new DynamicsReport(crest, score, dr, plr, psr, lra, integrated, tp, WINDOW_SECONDS, times, crests,
                shortTerm.clone(), hist, note);
    }

    /** The unrounded DR of each channel (see the class notes); NaN for a silent channel. */
    public static double[] drPerChannelDb(AudioBuffer audio) {
        int sr = audio.sampleRate();
        int n = audio.frames();
        int block = (int) Math.round(DR_BLOCK_SECONDS * sr);
        int blocks = n / block;
        boolean partialOnly = blocks == 0;
        if (partialOnly) {
            blocks = 1;
        }
        double[] out = new double[audio.channels()];
        for (int c = 0; c < audio.channels(); c++) {
            double[] rms = new double[blocks];
            double[] peaks = new double[blocks];
            for (int b = 0; b < blocks; b++) {
                int a = b * block;
                int e = partialOnly ? n : a + block;
                double sum = 0;
                double p = 0;
                for (int i = a; i < e; i++) {
                    double v = audio.sample(c, i);
                    sum += v * v;
                    p = Math.max(p, Math.abs(v));
                }
                rms[b] = Math.sqrt(2 * sum / Math.max(1, e - a));
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
