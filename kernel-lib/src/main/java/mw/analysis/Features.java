package mw.analysis;

import be.tarsos.dsp.util.fft.FloatFFT;
import java.util.ArrayList;
import java.util.List;
import mw.audio.AudioBuffer;

/**
 * Spectral and temporal features with librosa-compatible definitions and defaults (librosa 0.10).
 * One STFT pass ({@code n_fft=2048}, {@code hop_length=512}, periodic Hann, {@code center=True} with
 * zero padding, so {@code 1 + n / 512} frames) feeds every spectral feature; each figure in
 * {@link FeatureSet} is the mean over frames of the framewise value. With {@code S[k]} the magnitude
 * and {@code f[k] = k sr / n_fft} the frequency of bin {@code k}:
 *
 * <ul>
 * <li>centroid {@code = sum f S / sum S} (0 for an all-zero frame);</li>
 * <li>bandwidth {@code = sqrt(sum (S / sum S) (f - centroid)^2)};</li>
 * <li>roll-off: the lowest {@code f[k]} at which {@code cumsum S >= 0.85 sum S};</li>
 * <li>flatness {@code = exp(mean ln P) / mean P} with {@code P = max(1e-10, S^2)}. For white noise each
 *     bin's power is exponentially distributed, so a single frame gives {@code exp(-0.5772) = 0.561}, as
 *     librosa does; the flatness of the long-term (Welch-averaged) spectrum, {@link Ltas#flatness}, is the
 *     one that approaches 1;</li>
 * <li>zero-crossing rate: frames of 2048 samples of the signal padded at both ends by repeating its edge
 *     samples; values with {@code |x| <= 1e-10} count as zero and zero as positive; a crossing is a sign
 *     change between neighbours, and librosa's {@code pad=True} also counts each frame's first sample,
 *     so a frame's rate is {@code (1 + crossings) / 2048};</li>
 * <li>RMS: {@code sqrt(mean x^2)} over zero-padded centred 2048-sample frames;</li>
 * <li>MFCC: power spectrogram to 128 mel bands (Slaney scale and normalisation, 0 Hz to sr/2,
 *     {@link Filterbanks#mel}), {@code 10 log10(max(1e-10, mel))}, clipped to 80 dB below the maximum
 *     over the whole signal, DCT-II orthonormal, first 13 coefficients;</li>
 * <li>chroma: power spectrogram through {@link Filterbanks#chroma} (A440 tuning: librosa estimates the
 *     tuning by default; pass {@code tuning=0.0} to librosa for the same figures), each frame divided by
 *     its maximum ({@code norm=inf});</li>
 * <li>onsets: librosa's {@code onset_strength} (mean over mel bands of the positive first difference of
 *     the clipped log-mel spectrogram above) normalised to 0..1, then {@code peak_pick} with
 *     {@code pre_max = 0.03 sr // hop}, {@code post_max = 1}, {@code pre_avg = 0.10 sr // hop},
 *     {@code post_avg = 0.10 sr // hop + 1}, {@code wait = 0.03 sr // hop}, {@code delta = 0.07};</li>
 * <li>HNR (not in librosa): Boersma (1993), "Accurate short-term analysis of the fundamental frequency
 *     and the harmonics-to-noise ratio of a sampled sound": 60 ms Hann frames every 250 ms, mean removed,
 *     normalised autocorrelation divided by the window's, its highest peak {@code r} for periods between
 *     1/600 s and 1/75 s (parabolic interpolation), {@code HNR = 10 log10(r / (1 - r))}, averaged in dB
 *     over frames with {@code r > 0} and an RMS above -70 dBFS;</li>
 * <li>crest factor: whole-signal sample peak over whole-signal RMS, dB.</li>
 * </ul>
 *
 * <p>TarsosDSP provides the FFT. Its MFCC and onset classes are not used: its MFCC takes magnitudes
 * through its own mel bands, a natural logarithm and an unnormalised DCT, and its onset detectors use
 * other novelty functions and thresholds, so neither matches librosa's definitions; both are also
 * cheaper here as a few lines on the spectrogram this class already computes. Pitch (YIN) is not needed
 * for HNR: Boersma's method takes the period from the autocorrelation peak it measures.
 */
public final class Features {
    /** The framing every spectral feature uses. */
    public static final StftSettings SETTINGS = StftSettings.LIBROSA;
    public static final int N_MELS = 128;
    public static final int N_MFCC = 13;
    public static final int N_CHROMA = 12;
    public static final double ROLL_PERCENT = 0.85;
    public static final double TOP_DB = 80.0;

    private Features() {
    }

    /** Features of the mono mix (the mean of all channels, as librosa's {@code to_mono}). */
    public static FeatureSet of(AudioBuffer audio) {
        return of(audio, Signals.MIX);
    }

    /** Features of a named signal ({@link Signals#select}: "mix", a channel label, "M", "S"). */
    public static FeatureSet of(AudioBuffer audio, String signal) {
        Signals.requireFinite(audio, "features");
        return of(Signals.select(audio, signal), audio.sampleRate(), signal);
    }

    /** Features of the mix, every channel and, for stereo, mid and side. */
    public static List<FeatureSet> perSignal(AudioBuffer audio) {
        Signals.requireFinite(audio, "features");
        List<FeatureSet> out = new ArrayList<>();
        for (String s : Signals.names(audio)) {
            if (audio.channels() == 1 && !s.equals(Signals.MIX)) {
                continue;
            }
            out.add(of(Signals.select(audio, s), audio.sampleRate(), s));
        }
        return out;
    }

    /** Features of samples at a sample rate. */
    public static FeatureSet of(double[] x, int sampleRate, String name) {
        return compute(x, sampleRate, name, null);
    }

    /**
     * The framewise values behind {@link #of(AudioBuffer, String)}: one value per STFT frame, as librosa's
     * {@code feature.*} functions return them (same frame count, {@code 1 + n / 512}).
     */
    public static FeatureFrames frames(AudioBuffer audio, String signal) {
        Signals.requireFinite(audio, "features");
        return frames(Signals.select(audio, signal), audio.sampleRate(), signal);
    }

    /** Framewise features of samples at a sample rate. */
    public static FeatureFrames frames(double[] x, int sampleRate, String name) {
        Keep keep = new Keep(SETTINGS.frames(x.length));
        compute(x, sampleRate, name, keep);
        double[] times = new double[keep.centroid.length];
        for (int t = 0; t < times.length; t++) {
            times[t] = (double) t * SETTINGS.hopLength() / sampleRate;
        }
        return new FeatureFrames(name, sampleRate, SETTINGS, times, keep.centroid, keep.bandwidth, keep.rolloff,
                keep.flatness, keep.zcr, keep.rms, keep.onsetStrength, keep.mfcc, keep.chroma);
    }

    /** Arrays the framewise values are kept in when asked for. */
    private static final class Keep {
        final double[] centroid;
        final double[] bandwidth;
        final double[] rolloff;
        final double[] flatness;
        final double[] zcr;
        final double[] rms;
        double[] onsetStrength;
        final double[][] mfcc;
        final double[][] chroma;

        Keep(int frames) {
            centroid = new double[frames];
            bandwidth = new double[frames];
            rolloff = new double[frames];
            flatness = new double[frames];
            zcr = new double[frames];
            rms = new double[frames];
            onsetStrength = new double[frames];
            mfcc = new double[frames][];
            chroma = new double[frames][];
        }
    }

    private static FeatureSet compute(double[] x, int sampleRate, String name, Keep keep) {
        if (sampleRate <= 0) {
            throw new mw.WorkbenchException("sample rate must be a positive number of Hz, was " + sampleRate);
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new mw.WorkbenchException("features of " + name
                        + ": the samples contain NaN or infinite values; accepted: finite samples only");
            }
        }
        StftSettings st = SETTINGS;
        Stft stft = new Stft(st);
        int bins = stft.bins;
        int frames = st.frames(x.length);
        double[] freq = new double[bins];
        for (int k = 0; k < bins; k++) {
            freq[k] = st.binHz(k, sampleRate);
        }
        double[][] melW = Filterbanks.mel(sampleRate, st.nFft(), N_MELS, 0, sampleRate / 2.0);
        int[] melFrom = new int[N_MELS];
        int[] melTo = new int[N_MELS];
        for (int m = 0; m < N_MELS; m++) {
            int a = 0;
            while (a < bins && melW[m][a] == 0) {
                a++;
            }
            int b = bins;
            while (b > a && melW[m][b - 1] == 0) {
                b--;
            }
            melFrom[m] = a;
            melTo[m] = b;
        }
        double[][] chromaW = Filterbanks.chroma(sampleRate, st.nFft(), N_CHROMA, 0);

        // chroma weights transposed to [bin][class] so the inner loop runs over 12 contiguous values
        double[] chromaT = new double[bins * N_CHROMA];
        for (int k = 0; k < bins; k++) {
            for (int c = 0; c < N_CHROMA; c++) {
                chromaT[k * N_CHROMA + c] = chromaW[c][k];
            }
        }
        double[] freq2 = new double[bins];
        for (int k = 0; k < bins; k++) {
            freq2[k] = freq[k] * freq[k];
        }
        double[] p = new double[bins];
        double[] mag = new double[bins];
        float[][] logMel = new float[frames][N_MELS];
        double sumCentroid = 0;
        double sumBandwidth = 0;
        double sumRolloff = 0;
        double sumFlatness = 0;
        double[] sumChroma = new double[N_CHROMA];
        double[] raw = new double[N_CHROMA];
        double maxLogMel = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            stft.transform(x, t);
            stft.powers(p);
            double sumS = 0;
            double sumFS = 0;
            double sumF2S = 0;
            double sumP = 0;
            for (int k = 0; k < bins; k++) {
                double m = Math.sqrt(p[k]);
                mag[k] = m;
                sumS += m;
                sumFS += freq[k] * m;
                sumF2S += freq2[k] * m;
                sumP += Math.max(1e-10, p[k]);
            }
            double centroid = sumS > 0 ? sumFS / sumS : 0;
            double bw = 0;
            double rolloff = 0;
            if (sumS > 0) {
                // sum S (f - c)^2 / sum S = E[f^2] - c^2 with weights S / sum S
                bw = Math.sqrt(Math.max(0, sumF2S / sumS - centroid * centroid));
                double threshold = ROLL_PERCENT * sumS;
                double cum = 0;
                for (int k = 0; k < bins; k++) {
                    cum += mag[k];
                    if (cum >= threshold) {
                        rolloff = freq[k];
                        break;
                    }
                }
            }
            sumCentroid += centroid;
            sumBandwidth += bw;
            sumRolloff += rolloff;
            double flat = Math.exp(meanLog(p, 1e-10)) / (sumP / bins);
            sumFlatness += flat;
            if (keep != null) {
                keep.centroid[t] = centroid;
                keep.bandwidth[t] = bw;
                keep.rolloff[t] = rolloff;
                keep.flatness[t] = flat;
            }

            for (int m = 0; m < N_MELS; m++) {
                double e = 0;
                double[] w = melW[m];
                for (int k = melFrom[m]; k < melTo[m]; k++) {
                    e += w[k] * p[k];
                }
                float db = (float) (10 * Math.log10(Math.max(1e-10, e)));
                logMel[t][m] = db;
                if (db > maxLogMel) {
                    maxLogMel = db;
                }
            }
            chroma12(chromaT, p, bins, raw);
            double max = 0;
            for (int c = 0; c < N_CHROMA; c++) {
                max = Math.max(max, raw[c]);
            }
            double div = max > Float.MIN_NORMAL ? max : 1;
            for (int c = 0; c < N_CHROMA; c++) {
                sumChroma[c] += raw[c] / div;
            }
            if (keep != null) {
                keep.chroma[t] = new double[N_CHROMA];
                for (int c = 0; c < N_CHROMA; c++) {
                    keep.chroma[t][c] = raw[c] / div;
                }
            }
        }

        // MFCC: clip log-mel at TOP_DB below the global maximum, mean over frames, DCT (linear, so the
        // DCT of the mean equals the mean of the DCTs).
        double floor = maxLogMel - TOP_DB;
        double[] meanLogMel = new double[N_MELS];
        for (float[] frame : logMel) {
            for (int m = 0; m < N_MELS; m++) {
                float v = Math.max(frame[m], (float) floor);
                frame[m] = v;
                meanLogMel[m] += v;
            }
        }
        for (int m = 0; m < N_MELS; m++) {
            meanLogMel[m] /= frames;
        }
        double[] mfcc = Filterbanks.dctOrtho(meanLogMel, N_MFCC);
        double[] chroma = new double[N_CHROMA];
        for (int c = 0; c < N_CHROMA; c++) {
            chroma[c] = sumChroma[c] / frames;
        }
        if (keep != null) {
            double[] frame = new double[N_MELS];
            for (int t = 0; t < frames; t++) {
                for (int m = 0; m < N_MELS; m++) {
                    frame[m] = logMel[t][m];
                }
                keep.mfcc[t] = Filterbanks.dctOrtho(frame, N_MFCC);
            }
            keep.onsetStrength = onsetStrength(logMel);
        }
        int onsets = countOnsets(logMel, sampleRate, st.hopLength());

        // time-domain features
        double[] sq = new double[x.length + 1];
        double peak = 0;
        for (int i = 0; i < x.length; i++) {
            sq[i + 1] = sq[i] + x[i] * x[i];
            peak = Math.max(peak, Math.abs(x[i]));
        }
        int nf = st.nFft();
        int hop = st.hopLength();
        double sumRms = 0;
        for (int t = 0; t < frames; t++) {
            int a = Math.max(0, t * hop - nf / 2);
            int b = Math.min(x.length, t * hop - nf / 2 + nf);
            double e = b > a ? sq[b] - sq[a] : 0;
            double r = Math.sqrt(Math.max(0, e) / nf);
            sumRms += r;
            if (keep != null) {
                keep.rms[t] = r;
            }
        }
        double zcr = zeroCrossingRate(x, nf, hop, keep == null ? null : keep.zcr);
        double meanSquare = x.length == 0 ? 0 : sq[x.length] / x.length;
        double rmsDbfs = 10 * Math.log10(2 * meanSquare);
        double crest = 20 * Math.log10(peak / Math.sqrt(meanSquare));
        double duration = (double) x.length / sampleRate;
        return new FeatureSet(name, sampleRate, duration, sumCentroid / frames, sumBandwidth / frames,
                sumRolloff / frames, sumFlatness / frames, zcr, sumRms / frames, rmsDbfs,
                meanSquare > 0 ? crest : Double.NaN, hnrDb(x, sampleRate),
                duration > 0 ? onsets / duration : 0, mfcc, chroma);
    }

    /**
     * {@code out[c] = sum_k w[k * 12 + c] * p[k]} for the 12 chroma classes, with the accumulators in
     * local variables so the loop streams through the weights once.
     */
    static void chroma12(double[] w, double[] p, int bins, double[] out) {
        double c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0, c8 = 0, c9 = 0, c10 = 0, c11 = 0;
        for (int k = 0, b = 0; k < bins; k++, b += 12) {
            double pk = p[k];
            c0 += w[b] * pk;
            c1 += w[b + 1] * pk;
            c2 += w[b + 2] * pk;
            c3 += w[b + 3] * pk;
            c4 += w[b + 4] * pk;
            c5 += w[b + 5] * pk;
            c6 += w[b + 6] * pk;
            c7 += w[b + 7] * pk;
            c8 += w[b + 8] * pk;
            c9 += w[b + 9] * pk;
            c10 += w[b + 10] * pk;
            c11 += w[b + 11] * pk;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
        out[4] = c4;
        out[5] = c5;
        out[6] = c6;
        out[7] = c7;
        out[8] = c8;
        out[9] = c9;
        out[10] = c10;
        out[11] = c11;
    }

    /**
     * Mean of {@code ln(max(floor, v))}, taking one logarithm per block of 16 products (exact up to
     * rounding; a block whose product leaves the double range falls back to one logarithm per value).
     */
    static double meanLog(double[] v, double floor) {
        double sum = 0;
        int n = v.length;
        for (int k = 0; k < n; k += 16) {
            int end = Math.min(n, k + 16);
            double prod = 1;
            for (int i = k; i < end; i++) {
                prod *= Math.max(floor, v[i]);
            }
            if (prod > Double.MIN_NORMAL && prod < Double.MAX_VALUE) {
                sum += Math.log(prod);
            } else {
                for (int i = k; i < end; i++) {
                    sum += Math.log(Math.max(floor, v[i]));
                }
            }
        }
        return sum / n;
    }

    /** librosa's {@code zero_crossing_rate} (see class notes), mean over frames. */
    static double zeroCrossingRate(double[] x, int frameLength, int hop, double[] perFrame) {
        int n = x.length;
        if (n == 0) {
            return 0;
        }
        int pad = frameLength / 2;
        int padded = n + 2 * pad;
        int frames = padded < frameLength ? 0 : 1 + (padded - frameLength) / hop;
        // cum[i] = sign changes between neighbours (j - 1, j) for 1 <= j <= i; the edge padding repeats
        // the first and last sample, so it adds no crossings
        int[] cum = new int[n];
        boolean prev = negative(x[0]);
        for (int i = 1; i < n; i++) {
            boolean s = negative(x[i]);
            cum[i] = cum[i - 1] + (s != prev ? 1 : 0);
            prev = s;
        }
        double sum = 0;
        for (int t = 0; t < frames; t++) {
            // pairs (j - 1, j) of the padded frame, j = a + 1 .. a + frameLength - 1, in signal indices
            int lo = Math.max(1, t * hop + 1 - pad);
            int hi = Math.min(n - 1, t * hop + frameLength - 1 - pad);
            int crossings = hi >= lo ? cum[hi] - cum[lo - 1] : 0;
            double rate = (1.0 + crossings) / frameLength;
            sum += rate;
            if (perFrame != null && t < perFrame.length) {
                perFrame[t] = rate;
            }
        }
        return frames == 0 ? 0 : sum / frames;
    }

    private static boolean negative(double v) {
        return Math.abs(v) > 1e-10 && v < 0;
    }

    /** librosa's {@code onset_detect} on the clipped log-mel spectrogram (see class notes). */
    static int countOnsets(float[][] logMel, int sampleRate, int hop) {
        int frames = logMel.length;
        if (frames < 3) {
            return 0;
        }
        double[] env = onsetStrength(logMel);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : env) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        for (int t = 0; t < frames; t++) {
            env[t] = max > min ? (env[t] - min) / (max - min) : 0;
        }
        if (!(max > min)) {
            return 0;
        }
        int preMax = (int) Math.floor(0.03 * sampleRate / hop);
        int postMax = 1;
        int preAvg = (int) Math.floor(0.10 * sampleRate / hop);
        int postAvg = preAvg + 1;
        int wait = preMax;
        return peakPick(env, preMax, postMax, preAvg, postAvg, 0.07, wait).size();
    }

    /** librosa's {@code onset_strength}: mean over mel bands of the positive first difference (0 for frame 0). */
    static double[] onsetStrength(float[][] logMel) {
        int frames = logMel.length;
        double[] env = new double[frames];
        for (int t = 1; t < frames; t++) {
            double s = 0;
            for (int m = 0; m < logMel[t].length; m++) {
                s += Math.max(0, logMel[t][m] - logMel[t - 1][m]);
            }
            env[t] = s / logMel[t].length;
        }
        return env;
    }

    /**
     * librosa's {@code util.peak_pick}: {@code x[n]} is a peak when it is the maximum of
     * {@code x[n - preMax .. n + postMax)}, at least {@code delta} above the mean of
     * {@code x[n - preAvg .. n + postAvg)} (windows cut at the ends), and more than {@code wait} frames
     * after the previous peak.
     */
    static List<Integer> peakPick(double[] x, int preMax, int postMax, int preAvg, int postAvg, double delta, int wait) {
        List<Integer> peaks = new ArrayList<>();
        int n = x.length;
        double[] cum = new double[n + 1];
        for (int i = 0; i < n; i++) {
            cum[i + 1] = cum[i] + x[i];
        }
        int last = Integer.MIN_VALUE / 2;
        for (int i = 0; i < n; i++) {
            if (x[i] <= 0) {
                continue;
            }
            double mx = Double.NEGATIVE_INFINITY;
            for (int j = Math.max(0, i - preMax); j < Math.min(n, i + postMax); j++) {
                mx = Math.max(mx, x[j]);
            }
            if (x[i] != mx) {
                continue;
            }
            int a = Math.max(0, i - preAvg);
            int b = Math.min(n, i + postAvg);
            double avg = (cum[b] - cum[a]) / (b - a);
            if (x[i] < avg + delta) {
                continue;
            }
            if (i > last + wait) {
                peaks.add(i);
                last = i;
            }
        }
        return peaks;
    }

    /** Harmonic-to-noise ratio in dB after Boersma (1993); see the class notes. NaN when no frame is voiced. */
    public static double hnrDb(double[] x, int sampleRate) {
        double minPitch = 75;
        double maxPitch = 600;
        int len = (int) Math.round(4.5 / minPitch * sampleRate);
        int hop = (int) Math.round(0.25 * sampleRate);
        if (x.length < len) {
            return Double.NaN;
        }
        int minLag = (int) Math.floor((double) sampleRate / maxPitch);
        int maxLag = Math.min(len - 2, (int) Math.ceil((double) sampleRate / minPitch));
        // zero padding to len + maxLag + 1 keeps lags up to maxLag + 1 free of circular wrap-around
        int nfft = Integer.highestOneBit(len + maxLag + 1) << 1;
        FloatFFT fft = Stft.fft(nfft);
        double[] w = Window.HANN.coefficients(len);
        // the window's own autocorrelation, normalised
        float[] buf = new float[nfft];
        for (int i = 0; i < len; i++) {
            buf[i] = (float) w[i];
        }
        double[] rw = autocorrelation(fft, buf);
        double sumDb = 0;
        int voiced = 0;
        double silence = Math.pow(10, -70 / 20.0) / Math.sqrt(2);
        for (int start = 0; start + len <= x.length; start += hop) {
            double mean = 0;
            for (int i = 0; i < len; i++) {
                mean += x[start + i];
            }
            mean /= len;
            double energy = 0;
            java.util.Arrays.fill(buf, 0f);
            for (int i = 0; i < len; i++) {
                double v = x[start + i] - mean;
                energy += v * v;
                buf[i] = (float) (v * w[i]);
            }
            if (Math.sqrt(energy / len) < silence) {
                continue;
            }
            double[] ra = autocorrelation(fft, buf);
            double best = 0;
            int bestLag = -1;
            for (int lag = Math.max(2, minLag); lag <= maxLag; lag++) {
                double r = ra[lag] / rw[lag];
                double rPrev = ra[lag - 1] / rw[lag - 1];
                double rNext = ra[lag + 1] / rw[lag + 1];
                if (r > best && r >= rPrev && r >= rNext) {
                    best = r;
                    bestLag = lag;
                }
            }
            if (bestLag < 0) {
                continue;
            }
            double r0 = ra[bestLag - 1] / rw[bestLag - 1];
            double r2 = ra[bestLag + 1] / rw[bestLag + 1];
            double denom = r0 - 2 * best + r2;
            double r = denom < 0 ? best - 0.125 * (r2 - r0) * (r2 - r0) / denom : best;
            r = Math.min(r, 1 - 1e-9);
            if (r <= 0) {
                continue;
            }
            sumDb += 10 * Math.log10(r / (1 - r));
            voiced++;
        }
        return voiced == 0 ? Double.NaN : sumDb / voiced;
    }

    /** Normalised autocorrelation ({@code r[0] = 1}) of a zero-padded frame, through the FFT. */
    private static double[] autocorrelation(FloatFFT fft, float[] buf) {
        int n = buf.length;
        float[] a = buf.clone();
        fft.realForward(a);
        a[0] = a[0] * a[0];
        a[1] = a[1] * a[1];
        for (int k = 1; k < n / 2; k++) {
            float re = a[2 * k];
            float im = a[2 * k + 1];
            a[2 * k] = re * re + im * im;
            a[2 * k + 1] = 0;
        }
        fft.realInverse(a, true);
        double[] r = new double[n / 2];
        double r0 = a[0];
        for (int i = 0; i < r.length; i++) {
            r[i] = r0 > 0 ? a[i] / r0 : 0;
        }
        return r;
    }
}
