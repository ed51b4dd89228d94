package mw.matching;

import java.util.List;
import mw.analysis.Band;
import mw.analysis.Bands;
import mw.analysis.Ltas;
import mw.analysis.Spectrum;
import mw.analysis.Window;
import mw.audio.AudioBuffer;

/**
 * The figures a match is judged by: spectral distance is the RMS of the per-band dB differences of
 * two long-term spectra in the 28 one-third-octave bands from 31.5 Hz to 16 kHz (Welch, Hann, 32768
 * points, 50 % overlap), after removing their mean (level is judged separately); width is
 * {@code 10 log10(ΣS² / ΣM²)} with {@code M = (L + R) / 2}, {@code S = (L - R) / 2}.
 */
public final class MatchMetrics {
    /** The 28 bands of the spectral distance. */
    public static final List<Band> BANDS = Bands.bands(3, -15, 12);
    /** Welch frame length of the spectral distance. */
    public static final int NFFT = 32_768;

    private MatchMetrics() {
    }

    /** RMS of differences after removing their mean (NaN entries skipped), dB. */
    public static double distanceDb(double[] diffDb) {
        double mean = 0;
        int n = 0;
        for (double d : diffDb) {
            if (Double.isFinite(d)) {
                mean += d;
                n++;
            }
        }
        mean /= n;
        double s = 0;
        for (double d : diffDb) {
            if (Double.isFinite(d)) {
                s += (d - mean) * (d - mean);
            }
        }
        return Math.sqrt(s / n);
    }

    /** One-third-octave levels (dB) of the mid signal ("mix" for mono) or the side. */
    public static double[] thirdOctaveDb(AudioBuffer audio, boolean mid) {
        Ltas l = Spectrum.ltas(audio, Math.min(NFFT, Integer.highestOneBit(Math.max(256, audio.frames()))), Window.HANN);
        String sig = audio.channels() == 1 ? "mix" : mid ? "M" : "S";
        return l.bandLevelsDbfs(sig, BANDS);
    }

    /** Spectral distance between two signals' mid (or side) spectra, dB. */
    public static double spectralDistanceDb(AudioBuffer a, AudioBuffer b, boolean mid) {
        double[] x = thirdOctaveDb(a, mid);
        double[] y = thirdOctaveDb(b, mid);
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        return distanceDb(d);
    }

    /** Side-to-mid energy ratio, dB ({@code -infinity} for mono or identical channels). */
    public static double widthDb(AudioBuffer audio) {
        if (audio.channels() != 2) {
            return Double.NEGATIVE_INFINITY;
        }
        double m = 0;
        double s = 0;
        double[] l = audio.channel(0);
        double[] r = audio.channel(1);
        for (int i = 0; i < l.length; i++) {
            double mm = 0.5 * (l[i] + r[i]);
            double ss = 0.5 * (l[i] - r[i]);
            m += mm * mm;
            s += ss * ss;
        }
        return 10 * Math.log10(s / m);
    }
}
