package mw.analysis;

import be.tarsos.dsp.util.fft.FloatFFT;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import mw.audio.AudioBuffer;

/**
 * Damage found in a programme, for quality control before mastering: clicks, clipped runs, the noise
 * floor, DC offset and mains hum. Nothing is changed; {@code mw.repair} removes what is found here.
 *
 * <pre>{@code
 * DamageReport d = DamageReport.of(Audio.read("transfer.wav"));
 * d.clicks();          // how many
 * d.clickList();       // where (first MAX_LISTED)
 * d.humHz();           // 50, 60 or NaN
 * }</pre>
 *
 * How each figure is found:
 * <ul>
 *   <li><b>clicks</b>: AR prediction error above 10 robust standard deviations, bursts up to 2 ms
 *       ({@link Clicks#scan}, as the declicker at sensitivity 3, then kept only if it stands out 30 times
 *       from the local error level, is isolated and is not an onset), not followed by a rise of more than 6 dB (a note starting); bursts that touch a clipped
 *       sample count as clipping, and a click found in several channels within 1 ms counts once;</li>
 *   <li><b>clipped runs</b>: per channel and polarity, the peak sample value counts as a clip level once
 *       three consecutive samples sit at it (within 1e-6, a flat top no music has); every run of samples
 *       at that level is a clipped run;</li>
 *   <li><b>noise floor</b>: the RMS of the quietest half second (50 ms blocks, mean power of the
 *       channels), digital silence left out; n/a when everything is digital silence;</li>
 *   <li><b>DC offset</b>: the mean of the channel whose mean is largest in magnitude;</li>
 *   <li><b>hum</b>: a Welch spectrum of the mono mix at 0.7 Hz resolution (Hann, 50 % overlap); a
 *       harmonic {@code h * f0} (h = 1 to {@link #HUM_HARMONICS}, f0 = 50 or 60 Hz) is hum when the power within
 *       ±1.4 Hz stands {@link #HUM_PROMINENCE_DB} dB over the median of its surroundings (5 to 25 Hz away)
 *       in the whole programme and in each of its quarters (hum is steady; a bass note is not). The hum
 *       level is the power of the hum harmonics above that background relative to the programme's
 *       mean power.</li>
 * </ul>
 *
 * @param sampleRate        Hz
 * @param channels          channel count
 * @param clicks            clicks found
 * @param clickList         the first {@link #MAX_LISTED} of them, in time order
 * @param clippedRuns       clipped runs, all channels
 * @param clippedSamples    samples in them
 * @param longestClippedRun longest run, samples
 * @param clipLevelDbfs     the highest clip level found, dBFS; NaN when nothing is clipped
 * @param noiseFloorDbfs    RMS of the quietest half second, dBFS; NaN for digital silence or audio shorter than that
 * @param dcOffset          mean sample value of the channel with the largest one (full scale = 1)
 * @param humHz             50 or 60 when hum was found, else NaN
 * @param humHarmonics      how many of its harmonics stand out
 * @param humLevelDb        hum power relative to the programme's power, dB; NaN without hum
 */
public record DamageReport(int sampleRate, int channels, int clicks, List<Click> clickList, long clippedRuns,
                           long clippedSamples, int longestClippedRun, double clipLevelDbfs, double noiseFloorDbfs,
                           double dcOffset, double humHz, int humHarmonics, double humLevelDb) {
    /** Clicks listed in {@link #clickList()} at most. */
    public static final int MAX_LISTED = 1000;
    /** Harmonics of the mains frequency examined. */
    public static final int HUM_HARMONICS = 8;
    /** How far a hum harmonic must stand over its surroundings, dB. */
    public static final double HUM_PROMINENCE_DB = 10;
    /** Length of the quietest stretch the noise floor is measured on. */
    public static final double NOISE_STRETCH_SECONDS = 0.5;
    /** A burst followed by a level this much higher than before it is a note's onset, not a click, dB. */
    public static final double ONSET_RISE_DB = 6;

    public DamageReport {
        clickList = List.copyOf(clickList);
    }

    /**
     * One click.
     *
     * @param seconds where it starts
     * @param frame   where it starts, sample frames
     * @param samples how long it is
     * @param channel the first channel it was found in (1-based)
     */
    public record Click(double seconds, long frame, int samples, int channel) {
    }

    /** The scalar figures, for a one-row table. */
    public record Summary(int clicks, long clippedRuns, int longestClippedRun, long clippedSamples, double clipLevelDbfs,
                          double noiseFloorDbfs, double dcOffsetPercent, String hum, double humLevelDb) {
    }

    /** The scalar figures. */
    public Summary summary() {
        String hum = Double.isNaN(humHz) ? "none" : String.format(Locale.ROOT, "%.0f Hz, %d harmonic%s", humHz, humHarmonics,
                humHarmonics == 1 ? "" : "s");
        return new Summary(clicks, clippedRuns, longestClippedRun, clippedSamples, clipLevelDbfs, noiseFloorDbfs,
                100 * dcOffset, hum, humLevelDb);
    }

    /** DC offset in dBFS (20 log10 of its magnitude); -inf for none. */
    public double dcOffsetDbfs() {
        return 20 * Math.log10(Math.abs(dcOffset));
    }

    /** Measures a buffer. */
    public static DamageReport of(AudioBuffer audio) {
        int sr = audio.sampleRate();
        int ch = audio.channels();
        long runs = 0;
        long clippedSamples = 0;
        int longest = 0;
        double clipLevel = 0;
        double dc = 0;
        List<long[]> found = new ArrayList<>();
        for (int c = 0; c < ch; c++) {
            double[] x = audio.channel(c);
            boolean[] clipped = new boolean[x.length];
            for (int sign = -1; sign <= 1; sign += 2) {
                double level = 0;
                for (double v : x) {
                    level = Math.max(level, sign * v);
                }
                if (level <= 0) {
                    continue;
                }
                double at = level * (1 - 1e-6);
                int best = 0;
                int run = 0;
                for (double v : x) {
                    run = sign * v >= at ? run + 1 : 0;
                    best = Math.max(best, run);
                }
                if (best < 3) {
                    continue;
                }
                clipLevel = Math.max(clipLevel, level);
                longest = Math.max(longest, best);
                run = 0;
                for (int i = 0; i < x.length; i++) {
                    if (sign * x[i] >= at) {
                        clipped[i] = true;
                        clippedSamples++;
                        if (run++ == 0) {
                            runs++;
                        }
                    } else {
                        run = 0;
                    }
                }
            }
            double sum = 0;
            for (double v : x) {
                sum += v;
            }
            double mean = x.length == 0 ? 0 : sum / x.length;
            if (Math.abs(mean) > Math.abs(dc)) {
                dc = mean;
            }
            for (Clicks.Event e : Clicks.scan(x, sr, Clicks.SCAN_THRESHOLD_SIGMA, Clicks.SCAN_ORDER, Clicks.SCAN_MAX_CLICK_MS)) {
                boolean touches = false;
                for (int i = e.start(); i < e.end() && !touches; i++) {
                    touches = clipped[i];
                }
                if (!touches && !onset(x, e, sr)) {
                    found.add(new long[] {e.start(), e.length(), c + 1});
                }
            }
        }
        found.sort((a, b) -> Long.compare(a[0], b[0]));
        int merge = Math.max(1, sr / 1000);
        List<Click> list = new ArrayList<>();
        int count = 0;
        long lastStart = -(1L << 40);
        for (long[] f : found) {
            if (f[0] - lastStart <= merge) {
                continue;
            }
            lastStart = f[0];
            count++;
            if (list.size() < MAX_LISTED) {
                list.add(new Click((double) f[0] / sr, f[0], (int) f[1], (int) f[2]));
            }
        }
        double[] hum = hum(audio);
        return new DamageReport(sr, ch, count, list, runs, clippedSamples, longest,
                clipLevel > 0 ? 20 * Math.log10(clipLevel) : Double.NaN, noiseFloor(audio), dc, hum[0], (int) hum[1], hum[2]);
    }

    /**
     * Whether a burst is the start of a note rather than a click: the 10 ms after it are more than
     * {@link #ONSET_RISE_DB} louder than the 10 ms before (a click leaves the level as it was).
     */
    static boolean onset(double[] x, Clicks.Event e, int sampleRate) {
        int len = Math.max(16, sampleRate / 100);
        int guard = Clicks.SCAN_ORDER;
        double before = meanSquare(x, e.start() - guard - len, e.start() - guard);
        double after = meanSquare(x, e.end() + guard, e.end() + guard + len);
        return after > before * Math.pow(10, ONSET_RISE_DB / 10);
    }

    private static double meanSquare(double[] x, int from, int to) {
        from = Math.max(0, from);
        to = Math.min(x.length, to);
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return to > from ? s / (to - from) : 0;
    }

    /** RMS of the quietest {@link #NOISE_STRETCH_SECONDS}, dBFS, leaving out digital silence. */
    static double noiseFloor(AudioBuffer audio) {
        int block = Math.max(1, audio.sampleRate() / 20);
        int blocks = audio.frames() / block;
        int span = (int) Math.round(NOISE_STRETCH_SECONDS * 20);
        if (blocks < span) {
            return Double.NaN;
        }
        double[] power = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            double s = 0;
            for (int c = 0; c < audio.channels(); c++) {
                double[] x = audio.channel(c);
                for (int i = b * block; i < (b + 1) * block; i++) {
                    s += x[i] * x[i];
                }
            }
            power[b] = s / block / audio.channels();
        }
        double best = Double.POSITIVE_INFINITY;
        for (int b = 0; b + span <= blocks; b++) {
            double s = 0;
            boolean silent = false;
            for (int k = b; k < b + span; k++) {
                s += power[k];
                silent |= power[k] == 0;
            }
            if (!silent) {
                best = Math.min(best, s / span);
            }
        }
        return Double.isInfinite(best) ? Double.NaN : 10 * Math.log10(best);
    }

    /** {frequency or NaN, harmonics found, level re programme dB or NaN}. */
    static double[] hum(AudioBuffer audio) {
        int sr = audio.sampleRate();
        int nFft = 1;
        while (nFft < sr / 0.7) {
            nFft *= 2;
        }
        double[] x = Signals.select(audio, Signals.MIX);
        double meanPower = 0;
        for (double v : x) {
            meanPower += v * v;
        }
        meanPower /= Math.max(1, x.length);
        double[] none = {Double.NaN, 0, Double.NaN};
        if (meanPower == 0 || x.length < sr) {
            return none;
        }
        int bins = nFft / 2 + 1;
        double binHz = (double) sr / nFft;
        int hop = nFft / 2;
        int frames = x.length <= nFft ? 1 : (x.length - nFft) / hop + 1;
        int parts = frames >= 4 ? 4 : 1;
        double[][] psd = new double[parts + 1][bins];
        int[] perPart = new int[parts + 1];
        int framed = Math.min(nFft, x.length);
        double[] w = Window.HANN.coefficients(framed);
        FloatFFT fft = new FloatFFT(nFft);
        float[] b = new float[nFft];
        for (int t = 0; t < frames; t++) {
            Arrays.fill(b, 0);
            int s = t * hop;
            for (int i = 0; i < framed && s + i < x.length; i++) {
                b[i] = (float) (x[s + i] * w[i]);
            }
            fft.realForward(b);
            int part = parts == 1 ? 0 : Math.min(parts - 1, t * parts / frames);
            for (int k = 1; k < bins - 1; k++) {
                double p = (double) b[2 * k] * b[2 * k] + (double) b[2 * k + 1] * b[2 * k + 1];
                psd[part][k] += p;
                psd[parts][k] += p;
            }
            perPart[part]++;
            perPart[parts]++;
        }
        // scale so that the sum over bins is the mean power of the frame (Hann: sum of w^2)
        double wp = 0;
        for (double v : w) {
            wp += v * v;
        }
        for (int q = 0; q <= parts; q++) {
            double scale = 2.0 / (Math.max(1, perPart[q]) * wp * nFft);
            for (int k = 0; k < bins; k++) {
                psd[q][k] *= scale;
            }
        }
        // a window shorter than the transform widens the peak in bins
        int half = (int) Math.ceil(2.0 * nFft / framed);
        double bestPower = 0;
        double bestHz = Double.NaN;
        int bestCount = 0;
        for (double f0 : new double[] {50, 60}) {
            double power = 0;
            int count = 0;
            for (int h = 1; h <= HUM_HARMONICS && h * f0 + 25 < sr / 2.0; h++) {
                double[] whole = harmonic(psd[parts], h * f0, binHz, half);
                boolean steady = whole[0] >= HUM_PROMINENCE_DB;
                for (int q = 0; q < parts && steady && parts > 1; q++) {
                    steady = harmonic(psd[q], h * f0, binHz, half)[0] >= HUM_PROMINENCE_DB;
                }
                if (steady) {
                    power += whole[1];
                    count++;
                }
            }
            if (count > 0 && power > bestPower) {
                bestPower = power;
                bestHz = f0;
                bestCount = count;
            }
        }
        if (bestCount == 0) {
            return none;
        }
        return new double[] {bestHz, bestCount, 10 * Math.log10(bestPower / meanPower)};
    }

    /** {prominence dB, power above the background} of the peak at {@code hz}. */
    private static double[] harmonic(double[] psd, double hz, double binHz, int half) {
        int k0 = (int) Math.round(hz / binHz);
        double peak = 0;
        for (int k = k0 - half; k <= k0 + half; k++) {
            peak += psd[k];
        }
        int near = (int) Math.ceil(5 / binHz);
        int far = (int) Math.round(25 / binHz);
        double[] around = new double[2 * (far - near + 1)];
        int m = 0;
        for (int d = near; d <= far; d++) {
            around[m++] = psd[k0 - d];
            around[m++] = psd[Math.min(psd.length - 1, k0 + d)];
        }
        // hum sits on the mains frequency: the strongest bin within 3 Hz must be the nearest one or its neighbour
        int wide = (int) Math.ceil(3 / binHz);
        int top = k0;
        for (int k = k0 - wide; k <= k0 + wide; k++) {
            if (psd[k] > psd[top]) {
                top = k;
            }
        }
        if (Math.abs(top - k0) > 1) {
            return new double[] {Double.NEGATIVE_INFINITY, 0};
        }
        Arrays.sort(around, 0, m);
        double background = around[m / 2] * (2 * half + 1);
        double above = Math.max(0, peak - background);
        return new double[] {10 * Math.log10(peak / Math.max(background, 1e-300)), above};
    }

    @Override
    public String toString() {
        Summary s = summary();
        return String.format(Locale.ROOT, "DamageReport[%d clicks, %d clipped runs (longest %d), noise floor %.1f dBFS, DC %.3f %%, hum %s%s]",
                clicks, clippedRuns, longestClippedRun, noiseFloorDbfs, s.dcOffsetPercent(), s.hum(),
                Double.isNaN(humLevelDb) ? "" : String.format(Locale.ROOT, " at %.1f dB", humLevelDb));
    }
}
