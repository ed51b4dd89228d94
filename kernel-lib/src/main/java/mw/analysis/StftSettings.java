package mw.analysis;

import mw.WorkbenchException;

/**
 * How a short-time Fourier transform frames a signal.
 *
 * @param nFft      frame and FFT length in samples (a power of two, 64 to 65536)
 * @param hopLength samples between frame starts (1 to 2^24; a hop longer than the frame skips audio,
 *                  which display spectrograms of long programmes do)
 * @param window    analysis window (periodic)
 * @param center    when true, frame {@code t} is centred on sample {@code t * hopLength} and the signal
 *                  is padded with {@code nFft / 2} zeros at both ends, so there are
 *                  {@code 1 + n / hopLength} frames (librosa's {@code center=True, pad_mode="constant"})
 */
public record StftSettings(int nFft, int hopLength, Window window, boolean center) {
    /** librosa's defaults: {@code n_fft=2048, hop_length=512, window="hann", center=True}. */
    public static final StftSettings LIBROSA = new StftSettings(2048, 512, Window.HANN, true);

    public StftSettings {
        if (nFft < 64 || nFft > 65536 || Integer.bitCount(nFft) != 1) {
            throw new WorkbenchException("nFft = " + nFft + " is not accepted; accepted: a power of two from 64 to 65536");
        }
        if (hopLength < 1 || hopLength > (1 << 24)) {
            throw new WorkbenchException("hopLength = " + hopLength + " is out of range; accepted: 1 to " + (1 << 24));
        }
        if (window == null) {
            throw new WorkbenchException("window must be given; accepted: " + java.util.Arrays.toString(Window.values()));
        }
    }

    /** The same settings with another FFT length (hop scaled to keep the overlap). */
    public StftSettings withNFft(int n) {
        return new StftSettings(n, Math.max(1, (int) ((long) hopLength * n / nFft)), window, center);
    }

    /** Number of frames for a signal of {@code n} samples. */
    public int frames(int n) {
        if (center) {
            return 1 + n / hopLength;
        }
        return n < nFft ? 0 : 1 + (n - nFft) / hopLength;
    }

    /** Frequency of FFT bin {@code k} in Hz. */
    public double binHz(int k, int sampleRate) {
        return (double) k * sampleRate / nFft;
    }
}
