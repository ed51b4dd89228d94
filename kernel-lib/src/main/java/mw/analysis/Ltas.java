package mw.analysis;

import java.util.ArrayList;
import java.util.List;
import mw.WorkbenchException;

/**
 * A long-term average spectrum: Welch's averaged periodogram of each signal (for stereo: L, R, M and S),
 * as a one-sided power spectral density in full-scale units squared per Hz.
 *
 * @param sampleRate      Hz
 * @param nFft            FFT length of the Welch frames (50 % overlap)
 * @param window          analysis window
 * @param binHz           bin spacing
 * @param signals         names of the signals, in the order of {@code psd}
 * @param psd             {@code psd[signal][bin]}, power per Hz (linear)
 * @param frames          number of averaged frames
 */
public record Ltas(int sampleRate, int nFft, Window window, double binHz, List<String> signals, double[][] psd,
                   int frames) {

    /**
     * The spectrum of one signal smoothed over {@code widthOctaves} of an octave, at {@code points} log-spaced
     * frequencies from {@code fromHz} to {@code toHz} (see {@link SmoothedSpectrum#of}).
     */
    public SmoothedSpectrum smoothed(String signal, double widthOctaves, double fromHz, double toHz, int points) {
        return SmoothedSpectrum.of(frequenciesHz(), psd(signal), widthOctaves, fromHz, toHz, points);
    }

    /** Frequency of every bin in Hz. */
    public double[] frequenciesHz() {
        double[] f = new double[psd[0].length];
        for (int k = 0; k < f.length; k++) {
            f[k] = k * binHz;
        }
        return f;
    }

    /** The density of one signal. */
    public double[] psd(String signal) {
        return psd[index(signal)].clone();
    }

    /**
     * The density of a signal in dB, AES17 convention ({@code 10 log10(2 * psd)}, "dBFS per Hz"):
     * what a full-scale sine would read if all its power fell in one hertz. Zero power gives -infinity.
     */
    public double[] levelsDb(String signal) {
        double[] p = psd[index(signal)];
        double[] out = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            out[k] = 10 * Math.log10(2 * p[k]);
        }
        return out;
    }

    /** Band levels of every signal over the given bands (bands above Nyquist are left out). */
    public List<BandLevel> bandLevels(List<Band> bands) {
        List<BandLevel> out = new ArrayList<>();
        for (int s = 0; s < signals.size(); s++) {
            for (Band b : bands) {
                if (b.highHz() > sampleRate / 2.0) {
                    continue;
                }
                out.add(new BandLevel(signals.get(s), b.nominal(), b.centreHz(),
                        10 * Math.log10(2 * Bands.power(psd[s], binHz, b))));
            }
        }
        return out;
    }

    /** Band levels (dBFS) of one signal over the given bands, NaN for bands above Nyquist. */
    public double[] bandLevelsDbfs(String signal, List<Band> bands) {
        double[] p = psd[index(signal)];
        double[] out = new double[bands.size()];
        for (int i = 0; i < out.length; i++) {
            Band b = bands.get(i);
            out[i] = b.highHz() > sampleRate / 2.0 ? Double.NaN : 10 * Math.log10(2 * Bands.power(p, binHz, b));
        }
        return out;
    }

    /** One-third-octave band levels (20 Hz to 20 kHz, or to Nyquist) of every signal. */
    public List<BandLevel> thirdOctaves() {
        return bandLevels(Bands.thirdOctaves());
    }

    /** Mean power (full-scale units squared) of a signal between two frequencies. */
    public double power(String signal, double lowHz, double highHz) {
        return Bands.power(psd[index(signal)], binHz, new Band(Math.sqrt(lowHz * highHz), lowHz, highHz, ""));
    }

    /**
     * Spectral flatness of the averaged density between {@code lowHz} and {@code highHz}: geometric
     * mean over arithmetic mean of the bins (Wiener entropy). Averaging makes this close to 1 for white
     * noise, unlike the per-frame flatness of {@link FeatureSet#spectralFlatness()}.
     */
    public double flatness(String signal, double lowHz, double highHz) {
        double[] p = psd[index(signal)];
        double logSum = 0;
        double sum = 0;
        int n = 0;
        for (int k = 0; k < p.length; k++) {
            double f = k * binHz;
            if (f >= lowHz && f <= highHz) {
                double v = Math.max(p[k], 1e-30);
                logSum += Math.log(v);
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        return Math.exp(logSum / n) / (sum / n);
    }

    /**
     * Least-squares slope of the density in dB against octaves ({@code log2 f}) between two
     * frequencies, in dB per octave: 0 for white noise, -3.01 for pink noise.
     */
    public double slopeDbPerOctave(String signal, double lowHz, double highHz) {
        double[] p = psd[index(signal)];
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int k = 1; k < p.length; k++) {
            double f = k * binHz;
            if (f >= lowHz && f <= highHz && p[k] > 0) {
                double x = Math.log(f) / Math.log(2);
                double y = 10 * Math.log10(p[k]);
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                n++;
            }
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    private int index(String signal) {
        for (int i = 0; i < signals.size(); i++) {
            if (signals.get(i).equalsIgnoreCase(signal)) {
                return i;
            }
        }
        throw new WorkbenchException("the spectrum has no signal \"" + signal + "\"; accepted: " + signals);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Ltas[%s, %d Hz, nFft %d, %d frames]", signals, sampleRate, nFft, frames);
    }
}
