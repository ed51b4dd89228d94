package mw.analysis;

/**
 * A plain, slow reference for librosa 0.10's definitions, written out in the test from librosa's
 * documented formulas and kept independent of the library's code: a direct DFT per frame (no FFT),
 * {@code center=True} zero padding, periodic Hann window, power spectrogram; Slaney mel filters
 * ({@code librosa.filters.mel}, {@code htk=False, norm="slaney"}); {@code power_to_db} with
 * {@code amin=1e-10, top_db=80}; DCT-II orthonormal per frame; chroma filters as
 * {@code librosa.filters.chroma(tuning=0)} with per-frame max normalisation.
 */
final class LibrosaReference {
    static final int N_FFT = 2048;
    static final int HOP = 512;
    final int sr;
    final double[][] power; // [frame][bin]

    LibrosaReference(double[] y, int sr) {
        this.sr = sr;
        int pad = N_FFT / 2;
        double[] padded = new double[y.length + 2 * pad];
        System.arraycopy(y, 0, padded, pad, y.length);
        int frames = 1 + (padded.length - N_FFT) / HOP;
        power = new double[frames][N_FFT / 2 + 1];
        double[] cos = new double[N_FFT];
        double[] sin = new double[N_FFT];
        for (int i = 0; i < N_FFT; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / N_FFT);
            sin[i] = Math.sin(2 * Math.PI * i / N_FFT);
        }
        for (int t = 0; t < frames; t++) {
            double[] frame = new double[N_FFT];
            for (int i = 0; i < N_FFT; i++) {
                double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / N_FFT); // scipy get_window('hann', fftbins=True)
                frame[i] = padded[t * HOP + i] * hann;
            }
            for (int k = 0; k <= N_FFT / 2; k++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < N_FFT; i++) {
                    int idx = (int) (((long) k * i) % N_FFT);
                    re += frame[i] * cos[idx];
                    im -= frame[i] * sin[idx];
                }
                power[t][k] = re * re + im * im;
            }
        }
    }

    static double melOf(double hz) {
        // Slaney: 3 mels per 200 Hz below 1 kHz, then log steps of ln(6.4)/27
        return hz < 1000 ? 3 * hz / 200 : 15 + Math.log(hz / 1000) * 27 / Math.log(6.4);
    }

    static double hzOf(double mel) {
        return mel < 15 ? 200 * mel / 3 : 1000 * Math.exp((mel - 15) * Math.log(6.4) / 27);
    }

    double[] mfccMean(int nMfcc) {
        int nMels = 128;
        double[] edges = new double[nMels + 2];
        double top = melOf(sr / 2.0);
        for (int i = 0; i < edges.length; i++) {
            edges[i] = hzOf(top * i / (nMels + 1));
        }
        int frames = power.length;
        double[][] db = new double[frames][nMels];
        double max = -1e300;
        for (int t = 0; t < frames; t++) {
            for (int m = 0; m < nMels; m++) {
                double e = 0;
                for (int k = 0; k <= N_FFT / 2; k++) {
                    double f = (double) k * sr / N_FFT;
                    double w;
                    if (f <= edges[m] || f >= edges[m + 2]) {
                        w = 0;
                    } else if (f <= edges[m + 1]) {
                        w = (f - edges[m]) / (edges[m + 1] - edges[m]);
                    } else {
                        w = (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]);
                    }
                    e += w * 2 / (edges[m + 2] - edges[m]) * power[t][k];
                }
                db[t][m] = 10 * Math.log10(Math.max(1e-10, e));
                max = Math.max(max, db[t][m]);
            }
        }
        double[] mean = new double[nMfcc];
        for (int t = 0; t < frames; t++) {
            for (int c = 0; c < nMfcc; c++) {
                double s = 0;
                for (int m = 0; m < nMels; m++) {
                    s += Math.max(db[t][m], max - 80) * Math.cos(Math.PI * c * (m + 0.5) / nMels);
                }
                double scale = c == 0 ? Math.sqrt(1.0 / nMels) : Math.sqrt(2.0 / nMels);
                mean[c] += s * scale / frames;
            }
        }
        return mean;
    }

    double[] chromaMean() {
        // librosa.filters.chroma, n_chroma=12, tuning=0, ctroct=5, octwidth=2, norm=2, base_c=True
        double[] fb = new double[N_FFT];
        for (int k = 1; k < N_FFT; k++) {
            fb[k] = 12 * Math.log((double) k * sr / N_FFT / (440.0 / 16)) / Math.log(2);
        }
        fb[0] = fb[1] - 18;
        double[][] w = new double[12][N_FFT / 2 + 1];
        for (int k = 0; k <= N_FFT / 2; k++) {
            double width = Math.max(fb[k + 1] - fb[k], 1.0);
            double[] col = new double[12];
            double norm = 0;
            for (int c = 0; c < 12; c++) {
                double d = fb[k] - c + 6 + 120;
                d = d - 12 * Math.floor(d / 12) - 6;
                col[c] = Math.exp(-0.5 * (2 * d / width) * (2 * d / width));
                norm += col[c] * col[c];
            }
            double octave = Math.exp(-0.5 * Math.pow((fb[k] / 12 - 5) / 2, 2));
            for (int c = 0; c < 12; c++) {
                // base_c: roll by -3, so row c (C = 0) takes the A-based row c + 3
                w[c][k] = col[(c + 3) % 12] / Math.sqrt(norm) * octave;
            }
        }
        double[] mean = new double[12];
        for (double[] p : power) {
            double[] raw = new double[12];
            double max = 0;
            for (int c = 0; c < 12; c++) {
                for (int k = 0; k < p.length; k++) {
                    raw[c] += w[c][k] * p[k];
                }
                max = Math.max(max, raw[c]);
            }
            for (int c = 0; c < 12; c++) {
                mean[c] += (max > 0 ? raw[c] / max : raw[c]) / power.length;
            }
        }
        return mean;
    }

    double centroidMean() {
        double sum = 0;
        for (double[] p : power) {
            double s = 0;
            double fs = 0;
            for (int k = 0; k < p.length; k++) {
                s += Math.sqrt(p[k]);
                fs += Math.sqrt(p[k]) * k * sr / N_FFT;
            }
            sum += s > 0 ? fs / s : 0;
        }
        return sum / power.length;
    }
}
