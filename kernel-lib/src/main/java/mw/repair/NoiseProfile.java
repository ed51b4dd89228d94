package mw.repair;

import be.tarsos.dsp.util.fft.FloatFFT;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;

/**
 * The mean power spectrum of a noise-only stretch, per FFT bin (Hann-windowed frames of
 * {@link SpectralStream#fftSize} samples, channels pooled), as {@link Denoise} uses it.
 *
 * @param sampleRate rate it was learned at
 * @param nFft FFT size
 * @param power mean squared magnitude of each bin {@code 0..nFft/2}
 * @param fromSeconds start of the stretch it was learned from
 * @param toSeconds end of that stretch
 * @param levelDbfs RMS level of the stretch
 */
public record NoiseProfile(int sampleRate, int nFft, double[] power, double fromSeconds, double toSeconds, double levelDbfs) {
    /** Length of the stretch {@link #learn} looks for. */
    public static final double STRETCH_SECONDS = 0.5;
    /**
     * Largest mean deviation, in dB, of a stretch's per-bin ratio of geometric to arithmetic mean power
     * from that of Gaussian noise, for the stretch to count as noise alone. For noise of any colour the
     * periodogram of a bin is exponentially distributed, so the ratio is {@code exp(-0.5772)} (-2.51 dB,
     * Euler's constant); steady tones push it towards 0 dB and changing music below. Measured on half
     * second stretches: white and pink noise 0.48 dB, the quietest stretch of each sample-audio excerpt
     * 1.08 to 13.2 dB, the same with white noise 10 dB below the music 0.48 to 0.60 dB.
     */
    public static final double MAX_DEVIATION_DB = 0.8;

    /** The profile of a whole excerpt known to hold only noise. */
    public static NoiseProfile of(AudioBuffer noiseOnly) {
        int n = SpectralStream.fftSize(noiseOnly.sampleRate());
        if (noiseOnly.frames() < n) {
            throw new WorkbenchException(String.format(java.util.Locale.ROOT,
                    "the noise excerpt is %.3f s long; at least %.3f s is needed", noiseOnly.durationSeconds(),
                    (double) n / noiseOnly.sampleRate()));
        }
        return between(noiseOnly, 0, noiseOnly.frames(), new double[1]);
    }

    /**
     * Learns the profile from the quietest half second of {@code audio}, refusing when that stretch is
     * digital silence or does not behave like noise (see {@link #MAX_DEVIATION_DB}): then give an
     * excerpt with {@link #of}.
     */
    public static NoiseProfile learn(AudioBuffer audio) {
        int n = SpectralStream.fftSize(audio.sampleRate());
        int hop = n / 4;
        int frames = (audio.frames() - n) / hop + 1;
        int span = Math.max(1, (int) Math.round(STRETCH_SECONDS * audio.sampleRate() / hop) - 3);
        if (frames < span) {
            throw new WorkbenchException(String.format(java.util.Locale.ROOT,
                    "is %.2f s long; learning a noise profile needs at least %.1f s (or give a noise excerpt)",
                    audio.durationSeconds(), STRETCH_SECONDS + (double) n / audio.sampleRate()));
        }
        double[] level = new double[frames];
        for (int t = 0; t < frames; t++) {
            double s = 0;
            for (int c = 0; c < audio.channels(); c++) {
                double[] x = audio.channel(c);
                for (int i = t * hop; i < t * hop + n; i++) {
                    s += x[i] * x[i];
                }
            }
            level[t] = s / n / audio.channels();
        }
        double best = Double.POSITIVE_INFINITY;
        int at = 0;
        double run = 0;
        for (int t = 0; t < frames; t++) {
            run += level[t];
            if (t >= span) {
                run -= level[t - span];
            }
            if (t >= span - 1 && run < best) {
                best = run;
                at = t - span + 1;
            }
        }
        if (best / span < 1e-14) {
            throw new WorkbenchException("its quietest stretch is digital silence, so there is no noise to learn from;"
                    + " nothing needs denoising, or give a noise excerpt");
        }
        int from = at * hop;
        int to = at * hop + (span - 1) * hop + n;
        double[] dev = new double[1];
        NoiseProfile p = between(audio, from, to, dev);
        if (dev[0] > MAX_DEVIATION_DB) {
            throw new WorkbenchException(String.format(java.util.Locale.ROOT,
                    "has no noise-only stretch: its quietest half second (%.2f-%.2f s) does not behave like noise (its spectrum"
                    + " deviates %.1f dB from noise statistics, more than %.1f dB); give a noise-only excerpt"
                    + " (mw repair --noise-from START-END) or use the adaptive mode",
                    (double) from / audio.sampleRate(), (double) to / audio.sampleRate(), dev[0], MAX_DEVIATION_DB));
        }
        return p;
    }

    private static NoiseProfile between(AudioBuffer audio, int from, int to, double[] deviation) {
        int n = SpectralStream.fftSize(audio.sampleRate());
        int hop = n / 4;
        double[] w = mw.analysis.Window.HANN.coefficients(n);
        FloatFFT fft = new FloatFFT(n);
        float[] b = new float[n];
        double[] p = new double[n / 2 + 1];
        double[] logP = new double[n / 2 + 1];
        int count = 0;
        double energy = 0;
        for (int c = 0; c < audio.channels(); c++) {
            double[] x = audio.channel(c);
            for (int i = from; i < to; i++) {
                energy += x[i] * x[i];
            }
            for (int s = from; s + n <= to; s += hop) {
                for (int i = 0; i < n; i++) {
                    b[i] = (float) (x[s + i] * w[i]);
                }
                fft.realForward(b);
                for (int k = 0; k <= n / 2; k++) {
                    double pw = SpectralStream.power(b, k, n);
                    p[k] += pw;
                    logP[k] += Math.log(pw + 1e-300);
                }
                count++;
            }
        }
        double dev = 0;
        int used = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] /= count;
            if (k >= 5 && k < n / 2) {
                dev += Math.abs(10 * Math.log10(Math.exp(logP[k] / count) / (p[k] + 1e-300)) + 2.51);
                used++;
            }
        }
        deviation[0] = dev / used;
        double rms = Math.sqrt(energy / ((double) (to - from) * audio.channels()));
        return new NoiseProfile(audio.sampleRate(), n, p, (double) from / audio.sampleRate(), (double) to / audio.sampleRate(),
                20 * Math.log10(rms + 1e-300));
    }
}
