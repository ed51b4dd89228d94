package mw.repair;

import be.tarsos.dsp.util.fft.FloatFFT;
import java.util.Arrays;

/**
 * A streaming short-time Fourier transform with overlap-add resynthesis, block by block: Hann
 * analysis and synthesis windows at 75 % overlap (their product sums to 1.5, divided out), the FFT
 * from TarsosDSP. A frame callback sees the spectra of the last {@code 2 * lookahead + 1} frames and
 * writes one output spectrum per part for the frame in the middle; each part is resynthesised on its
 * own. With every part equal to the middle input spectrum the output is the input delayed by
 * {@link #latency()} samples (to float precision of the FFT).
 */
final class SpectralStream {
    /** Per-frame work: {@code frames[age][channel]} spectra (age 0 = newest; the middle is {@code lookahead}), writes {@code out[part][channel]}. */
    interface Frame {
        void process(float[][][] frames, int middle, float[][][] out);
    }

    static {
        be.tarsos.dsp.util.ConcurrencyUtils.setThreadsBeginN_1D_FFT_2Threads(1 << 30);
        be.tarsos.dsp.util.ConcurrencyUtils.setThreadsBeginN_1D_FFT_4Threads(1 << 30);
    }

    final int nFft;
    final int hop;
    final int channels;
    final int parts;
    final int lookahead;
    private final float[] window;
    private final FloatFFT fft;
    private final double[][] in;
    private int fill;
    /** Ring of spectra: ring[slot][channel][nFft]; slot of age a is (newest - a) mod size. */
    private final float[][][] ring;
    private int newest;
    private int framesSeen;
    private final float[][][] view;
    private final float[][][] out;
    private final double[][][] acc;
    private final double[][][] fifo;
    private int fifoRead;
    private int fifoCount;

    SpectralStream(int nFft, int channels, int parts, int lookahead) {
        this.nFft = nFft;
        this.hop = nFft / 4;
        this.channels = channels;
        this.parts = parts;
        this.lookahead = lookahead;
        double[] w = mw.analysis.Window.HANN.coefficients(nFft);
        window = new float[nFft];
        for (int i = 0; i < nFft; i++) {
            window[i] = (float) w[i];
        }
        fft = new FloatFFT(nFft);
        in = new double[channels][nFft];
        ring = new float[2 * lookahead + 1][channels][nFft];
        view = new float[2 * lookahead + 1][][];
        out = new float[parts][channels][nFft];
        acc = new double[parts][channels][nFft];
        fifo = new double[parts][channels][latency() + 2 * hop];
        reset();
    }

    /** Samples the output lags the input. */
    int latency() {
        return nFft + lookahead * hop;
    }

    void reset() {
        for (double[] c : in) {
            Arrays.fill(c, 0);
        }
        for (float[][] f : ring) {
            for (float[] c : f) {
                Arrays.fill(c, 0);
            }
        }
        for (double[][] p : acc) {
            for (double[] c : p) {
                Arrays.fill(c, 0);
            }
        }
        for (double[][] p : fifo) {
            for (double[] c : p) {
                Arrays.fill(c, 0);
            }
        }
        fill = nFft - hop;
        newest = 0;
        framesSeen = 0;
        fifoRead = 0;
        fifoCount = hop;
    }

    /**
     * Consumes {@code frames} input samples of {@code block} and writes as many output samples of each
     * part into {@code outParts[part][channel]} (which may be {@code block} itself for part 0).
     */
    void process(double[][] block, int frames, double[][][] outParts, Frame f) {
        int cap = fifo[0][0].length;
        int i = 0;
        while (i < frames) {
            int n = Math.min(frames - i, nFft - fill);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(block[c], i, in[c], fill, n);
            }
            for (int p = 0; p < parts; p++) {
                for (int c = 0; c < channels; c++) {
                    double[] q = fifo[p][c];
                    double[] o = outParts[p][c];
                    for (int k = 0; k < n; k++) {
                        o[i + k] = q[(fifoRead + k) % cap];
                    }
                }
            }
            fifoRead = (fifoRead + n) % cap;
            fifoCount -= n;
            fill += n;
            i += n;
            if (fill == nFft) {
                frame(f, cap);
                fill = nFft - hop;
            }
        }
    }

    private void frame(Frame f, int cap) {
        newest = (newest + 1) % ring.length;
        for (int c = 0; c < channels; c++) {
            float[] b = ring[newest][c];
            double[] x = in[c];
            for (int k = 0; k < nFft; k++) {
                b[k] = (float) x[k] * window[k];
            }
            fft.realForward(b);
            System.arraycopy(x, hop, x, 0, nFft - hop);
        }
        framesSeen++;
        for (int a = 0; a < ring.length; a++) {
            view[a] = ring[((newest - a) % ring.length + ring.length) % ring.length];
        }
        f.process(view, lookahead, out);
        int write = (fifoRead + fifoCount) % cap;
        for (int p = 0; p < parts; p++) {
            for (int c = 0; c < channels; c++) {
                float[] b = out[p][c];
                fft.realInverse(b, true);
                double[] ac = acc[p][c];
                for (int k = 0; k < nFft; k++) {
                    ac[k] += b[k] * window[k] / 1.5;
                }
                double[] q = fifo[p][c];
                for (int k = 0; k < hop; k++) {
                    q[(write + k) % cap] = ac[k];
                }
                System.arraycopy(ac, hop, ac, 0, nFft - hop);
                Arrays.fill(ac, nFft - hop, nFft, 0);
            }
        }
        fifoCount += hop;
    }

    /** Squared magnitude of bin {@code k} of a packed real spectrum. */
    static double power(float[] b, int k, int nFft) {
        if (k == 0) {
            return (double) b[0] * b[0];
        }
        if (k == nFft / 2) {
            return (double) b[1] * b[1];
        }
        double re = b[2 * k];
        double im = b[2 * k + 1];
        return re * re + im * im;
    }

    /** Multiplies bin {@code k} of {@code src} by {@code g} into {@code dst}. */
    static void scale(float[] src, float[] dst, int k, double g, int nFft) {
        if (k == 0) {
            dst[0] = (float) (src[0] * g);
        } else if (k == nFft / 2) {
            dst[1] = (float) (src[1] * g);
        } else {
            dst[2 * k] = (float) (src[2 * k] * g);
            dst[2 * k + 1] = (float) (src[2 * k + 1] * g);
        }
    }

    /** An FFT size of about 46 ms: 2048 at 44.1/48 kHz, scaled with the rate. */
    static int fftSize(int sampleRate) {
        int n = 256;
        while (n < sampleRate * 0.0464 * 0.75) {
            n *= 2;
        }
        return n;
    }
}
