package mw.analysis;

import java.util.ArrayList;
import java.util.List;
import mw.audio.AudioBuffer;

/**
 * Spectra of audio: the long-term average spectrum (Welch) of every channel and, for stereo, of mid and
 * side; spectrograms (short-time Fourier transform); band levels in octave and one-third-octave bands
 * (IEC 61260-1, see {@link Bands}).
 *
 * <pre>{@code
 * Ltas l = Spectrum.ltas(mix);                 // L, R, M, S for stereo
 * List<BandLevel> thirds = l.thirdOctaves();
 * Spectrogram sg = Spectrum.spectrogram(mix, "mix");
 * }</pre>
 *
 * <p>The FFT is TarsosDSP's {@code FloatFFT}. Windows are periodic Hann unless said otherwise.
 */
public final class Spectrum {
    /** Default Welch frame: 8192 samples (5.4 Hz bins at 44.1 kHz), 50 % overlap, Hann. */
    public static final int LTAS_NFFT = 8192;
    /** Most frames a default spectrogram keeps (the hop grows for long signals). */
    public static final int SPECTROGRAM_MAX_FRAMES = 1200;

    private Spectrum() {
    }

    /** The long-term average spectrum with the default settings (8192-point Hann frames, 50 % overlap). */
    public static Ltas ltas(AudioBuffer audio) {
        return ltas(audio, LTAS_NFFT, Window.HANN);
    }

    /**
     * The long-term average spectrum. Signals: mono "mix" for one channel, "L", "R", "M", "S" for stereo
     * (M and S from the auto and cross spectra of L and R), each channel's label otherwise.
     */
    public static Ltas ltas(AudioBuffer audio, int nFft, Window window) {
        new StftSettings(nFft, nFft / 2, window, false);
        Signals.requireFinite(audio, "spectrum");
        Welch w = Welch.of(audio, nFft, window, audio.channels() == 2);
        List<String> names = new ArrayList<>();
        List<double[]> psd = new ArrayList<>();
        if (audio.channels() == 1) {
            names.add(Signals.MIX);
            psd.add(w.psd[0]);
        } else {
            for (int c = 0; c < audio.channels(); c++) {
                names.add(Signals.channelName(audio, c));
                psd.add(w.psd[c]);
            }
            if (audio.channels() == 2) {
                int bins = w.psd[0].length;
                double[] m = new double[bins];
                double[] s = new double[bins];
                for (int k = 0; k < bins; k++) {
                    double sum = w.psd[0][k] + w.psd[1][k];
                    m[k] = Math.max(0, (sum + 2 * w.crossRe[k]) / 4);
                    s[k] = Math.max(0, (sum - 2 * w.crossRe[k]) / 4);
                }
                names.add("M");
                psd.add(m);
                names.add("S");
                psd.add(s);
            }
        }
        return new Ltas(audio.sampleRate(), nFft, window, w.binHz, List.copyOf(names), psd.toArray(new double[0][]), w.frames);
    }

    /**
     * A spectrogram of a named signal ({@link Signals#select}) with 2048-point Hann frames, centred;
     * the hop is 512 samples, or longer so that there are at most {@link #SPECTROGRAM_MAX_FRAMES} frames.
     */
    public static Spectrogram spectrogram(AudioBuffer audio, String signal) {
        int hop = Math.max(512, (int) Math.ceil((double) audio.frames() / (SPECTROGRAM_MAX_FRAMES - 1)));
        return spectrogram(audio, signal, new StftSettings(2048, hop, Window.HANN, true));
    }

    /** A display spectrogram of samples (2048-point Hann frames, at most {@link #SPECTROGRAM_MAX_FRAMES} frames). */
    public static Spectrogram spectrogram(double[] x, int sampleRate, String name) {
        int hop = Math.max(512, (int) Math.ceil((double) x.length / (SPECTROGRAM_MAX_FRAMES - 1)));
        return spectrogram(x, sampleRate, name, new StftSettings(2048, hop, Window.HANN, true));
    }

    /** A spectrogram of a named signal with the given framing. */
    public static Spectrogram spectrogram(AudioBuffer audio, String signal, StftSettings settings) {
        Signals.requireFinite(audio, "spectrogram");
        return spectrogram(Signals.select(audio, signal), audio.sampleRate(), signal, settings);
    }

    /** A spectrogram of samples. */
    public static Spectrogram spectrogram(double[] x, int sampleRate, String name, StftSettings settings) {
        Stft stft = new Stft(settings);
        int frames = settings.frames(x.length);
        float[][] db = new float[frames][stft.bins];
        double[] times = new double[frames];
        double norm = 4 / (stft.windowSum * stft.windowSum);
        for (int t = 0; t < frames; t++) {
            stft.transform(x, t);
            for (int k = 0; k < stft.bins; k++) {
                db[t][k] = (float) Math.max(-200, 10 * Math.log10(stft.power(k) * norm));
            }
            times[t] = (stft.frameStart(t) + settings.nFft() / 2.0) / sampleRate;
        }
        double[] f = new double[stft.bins];
        for (int k = 0; k < f.length; k++) {
            f[k] = settings.binHz(k, sampleRate);
        }
        return new Spectrogram(name, sampleRate, settings, times, f, db);
    }
}
