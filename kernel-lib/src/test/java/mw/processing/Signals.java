package mw.processing;

import java.util.SplittableRandom;
import mw.audio.AudioBuffer;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/** Test signals and independent measurements (DFT of impulse responses, FFT-interpolated true peak). */
final class Signals {
    private Signals() {
    }

    static double[] sine(int fs, double hz, double amplitude, int frames) {
        double[] x = new double[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / fs);
        }
        return x;
    }

    /** A sine burst with raised-cosine fades of fadeFrames at both ends, surrounded by silence. */
    static double[] burst(int fs, double hz, double amplitude, int frames, int fade, int pad) {
        double[] x = new double[frames + 2 * pad];
        for (int i = 0; i < frames; i++) {
            double w = 1;
            if (i < fade) {
                w = 0.5 - 0.5 * Math.cos(Math.PI * i / fade);
            } else if (i >= frames - fade) {
                w = 0.5 - 0.5 * Math.cos(Math.PI * (frames - 1 - i) / fade);
            }
            x[pad + i] = w * amplitude * Math.sin(2 * Math.PI * hz * i / fs + 0.3);
        }
        return x;
    }

    /**
     * Music-like test signal: a few tones, noise and decaying drum-like transients, seeded, low-passed at
     * 0.43 fs.
     */
    static AudioBuffer musicLike(int fs, double seconds, long seed, double gainDb) {
        int n = (int) (fs * seconds);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] ch = new double[2][n];
        double[] tones = {55, 110, 220.5, 440, 1318, 3520, 7040, 12000};
        double g = Math.pow(10, gainDb / 20);
        double lp = 0;
        double lp2 = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / fs;
            double s = 0;
            for (int k = 0; k < tones.length; k++) {
                s += 0.12 / (1 + k * 0.3) * Math.sin(2 * Math.PI * tones[k] * t * (1 + 0.001 * k) + k);
            }
            // noise low-passed twice (one-pole) and a kick every 0.5 s
            lp += 0.3 * (rng.nextDouble(-1, 1) - lp);
            lp2 += 0.3 * (lp - lp2);
            double beat = t % 0.5;
            double kick = Math.exp(-beat * 25) * Math.sin(2 * Math.PI * 60 * beat) * 0.9;
            double snap = (t % 1.0 > 0.5 && beat < 0.03) ? rng.nextDouble(-0.5, 0.5) * Math.exp(-beat * 100) : 0;
            ch[0][i] = g * (s + 0.4 * lp2 + kick + snap);
            ch[1][i] = g * (0.9 * s + 0.4 * lp + kick - snap);
        }
        // band-limit to 0.43 fs (19 kHz at 44.1 kHz), as recorded music is
        return Eq.lowPass(0.43 * fs, 48).process(AudioBuffer.wrap(fs, mw.audio.ChannelLayout.STEREO, ch));
    }

    /** H(f) of an impulse response by direct DFT: {re, im}. */
    static double[] dft(double[] h, double hz, int fs) {
        double w = 2 * Math.PI * hz / fs;
        double re = 0;
        double im = 0;
        // rotate with a recurrence refreshed every 1024 samples to keep it accurate
        for (int start = 0; start < h.length; start += 1024) {
            double c = Math.cos(w * start);
            double s = -Math.sin(w * start);
            double cw = Math.cos(w);
            double sw = -Math.sin(w);
            int end = Math.min(h.length, start + 1024);
            for (int n = start; n < end; n++) {
                re += h[n] * c;
                im += h[n] * s;
                double nc = c * cw - s * sw;
                s = c * sw + s * cw;
                c = nc;
            }
        }
        return new double[] {re, im};
    }

    static double db(double[] c) {
        return 10 * Math.log10(c[0] * c[0] + c[1] * c[1]);
    }

    /**
     * True peak in dBTP of a signal by ideal band-limited (periodic sinc) interpolation: zero-padded FFT
     * to {@code factor} times the rate. Independent of the limiter's polyphase detector.
     */
    static double lastPeakFrame;

    static double truePeakDb(double[] x, int factor) {
        int n = Integer.highestOneBit(Math.max(1, x.length + 2048) - 1) << 1;
        double[] re = new double[n];
        double[] im = new double[n];
        System.arraycopy(x, 0, re, 1024, x.length);
        fft(re, im, false);
        int m = n * factor;
        double[] re2 = new double[m];
        double[] im2 = new double[m];
        int half = n / 2;
        for (int k = 0; k < half; k++) {
            re2[k] = re[k];
            im2[k] = im[k];
        }
        for (int k = 1; k < half; k++) {
            re2[m - k] = re[n - k];
            im2[m - k] = im[n - k];
        }
        // split the Nyquist bin between +/- fs/2
        re2[half] = re[half] / 2;
        im2[half] = im[half] / 2;
        re2[m - half] = re[half] / 2;
        im2[m - half] = im[half] / 2;
        fft(re2, im2, true);
        double p = 0;
        int at = 0;
        for (int i = 0; i < m; i++) {
            double v = Math.abs(re2[i] * factor);
            if (v > p) {
                p = v;
                at = i;
            }
        }
        lastPeakFrame = (double) at / factor - 1024;
        // refine between the grid points with a parabola through the maximum and its neighbours
        if (at > 0 && at < m - 1) {
            double s = Math.signum(re2[at]);
            double a = s * re2[at - 1] * factor;
            double b = s * re2[at] * factor;
            double c = s * re2[at + 1] * factor;
            double d = a - 2 * b + c;
            if (d < 0) {
                p = Math.max(p, b - (a - c) * (a - c) / (8 * d));
            }
        }
        return 20 * Math.log10(p);
    }

    static double truePeakDb(AudioBuffer b, int factor) {
        double p = -1000;
        for (int c = 0; c < b.channels(); c++) {
            p = Math.max(p, truePeakDb(b.channel(c), factor));
        }
        return p;
    }

    /** In-place FFT of a power-of-two length (Apache Commons Math); the inverse is scaled by 1/n. */
    static void fft(double[] re, double[] im, boolean inverse) {
        FastFourierTransformer.transformInPlace(new double[][] {re, im}, DftNormalization.STANDARD,
                inverse ? TransformType.INVERSE : TransformType.FORWARD);
    }

    /** Renders block by block with the given block sizes (cycled), then removes the latency. */
    static AudioBuffer renderInBlocks(Processor p, AudioBuffer in, int... sizes) {
        int ch = in.channels();
        int n = in.frames();
        int max = 0;
        for (int s : sizes) {
            max = Math.max(max, s);
        }
        p.prepare(in.sampleRate(), max, ch);
        int lat = p.latencySamples();
        double[][] src = new double[ch][n + lat];
        for (int c = 0; c < ch; c++) {
            in.copyTo(c, 0, src[c], 0, n);
        }
        int pos = 0;
        int k = 0;
        double[][] buf = new double[ch][max];
        while (pos < n + lat) {
            int len = Math.min(sizes[k++ % sizes.length], n + lat - pos);
            for (int c = 0; c < ch; c++) {
                System.arraycopy(src[c], pos, buf[c], 0, len);
            }
            p.process(buf, len);
            for (int c = 0; c < ch; c++) {
                System.arraycopy(buf[c], 0, src[c], pos, len);
            }
            pos += len;
        }
        double[][] out = new double[ch][];
        for (int c = 0; c < ch; c++) {
            out[c] = java.util.Arrays.copyOfRange(src[c], lat, lat + n);
        }
        return AudioBuffer.wrap(in.sampleRate(), in.layout(), out);
    }
}
