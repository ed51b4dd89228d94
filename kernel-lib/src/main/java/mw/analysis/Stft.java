package mw.analysis;

import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * One short-time Fourier transform engine: frames a signal as {@link StftSettings} say, windows each
 * frame and transforms it with TarsosDSP's real FFT ({@code FloatFFT}, a port of JTransforms). Not
 * thread-safe (it owns its work buffer); create one per thread.
 */
final class Stft {
    static {
        singleThreaded();
    }

    /**
     * Keeps TarsosDSP's FFT on the calling thread: its JTransforms port otherwise hands transforms of
     * 8192 points and more to a thread pool, which costs more than it gains for one frame and makes the
     * work of one analysis spread over every core. The setting is global to TarsosDSP (no other part of
     * the workbench uses its FFT).
     */
    static void singleThreaded() {
        be.tarsos.dsp.util.ConcurrencyUtils.setThreadsBeginN_1D_FFT_2Threads(1 << 30);
        be.tarsos.dsp.util.ConcurrencyUtils.setThreadsBeginN_1D_FFT_4Threads(1 << 30);
    }

    /** A TarsosDSP real FFT of {@code n} points that runs on the calling thread. */
    static FloatFFT fft(int n) {
        singleThreaded();
        return new FloatFFT(n);
    }
    final StftSettings settings;
    final int nFft;
    final int bins;
    private final float[] window;
    private final FloatFFT fft;
    /** After {@link #transform}: {@code buf[2k], buf[2k+1]} = real, imaginary part of bin k (0 < k < n/2); buf[0] = DC, buf[1] = Nyquist. */
    final float[] buf;
    /** Sum of squared window coefficients (for density scaling). */
    final double windowPower;
    /** Sum of window coefficients. */
    final double windowSum;

    Stft(StftSettings settings) {
        this.settings = settings;
        this.nFft = settings.nFft();
        this.bins = nFft / 2 + 1;
        double[] w = settings.window().coefficients(nFft);
        window = new float[nFft];
        double p = 0;
        double s = 0;
        for (int i = 0; i < nFft; i++) {
            window[i] = (float) w[i];
            p += w[i] * w[i];
            s += w[i];
        }
        windowPower = p;
        windowSum = s;
        fft = fft(nFft);
        buf = new float[nFft];
    }

    /** First sample of frame {@code t} (negative when the frame starts in the padding). */
    int frameStart(int t) {
        return t * settings.hopLength() - (settings.center() ? nFft / 2 : 0);
    }

    /** Windows frame {@code t} of {@code x} (zeros outside the signal) and transforms it in place into {@link #buf}. */
    void transform(double[] x, int t) {
        int start = frameStart(t);
        int n = x.length;
        if (start >= 0 && start + nFft <= n) {
            for (int i = 0; i < nFft; i++) {
                buf[i] = (float) x[start + i] * window[i];
            }
        } else {
            for (int i = 0; i < nFft; i++) {
                int j = start + i;
                buf[i] = j >= 0 && j < n ? (float) x[j] * window[i] : 0f;
            }
        }
        fft.realForward(buf);
    }

    private double[] scratch;

    /** Like {@link #transform(double[], int)} for one channel of a buffer, without copying the channel. */
    void transform(mw.audio.AudioBuffer audio, int channel, int t) {
        if (scratch == null) {
            scratch = new double[nFft];
        }
        int start = frameStart(t);
        int n = audio.frames();
        int a = Math.max(0, start);
        int b = Math.min(n, start + nFft);
        java.util.Arrays.fill(scratch, 0);
        if (b > a) {
            audio.copyTo(channel, a, scratch, a - start, b - a);
        }
        for (int i = 0; i < nFft; i++) {
            buf[i] = (float) scratch[i] * window[i];
        }
        fft.realForward(buf);
    }

    /** Squared magnitude of bin {@code k} of the last transform. */
    double power(int k) {
        if (k == 0) {
            return (double) buf[0] * buf[0];
        }
        if (k == nFft / 2) {
            return (double) buf[1] * buf[1];
        }
        double re = buf[2 * k];
        double im = buf[2 * k + 1];
        return re * re + im * im;
    }

    /** Fills {@code out[0..bins)} with squared magnitudes of the last transform. */
    void powers(double[] out) {
        out[0] = (double) buf[0] * buf[0];
        out[bins - 1] = (double) buf[1] * buf[1];
        for (int k = 1; k < bins - 1; k++) {
            double re = buf[2 * k];
            double im = buf[2 * k + 1];
            out[k] = re * re + im * im;
        }
    }
}
