package mw.matching;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mw.WorkbenchException;
import mw.analysis.Band;
import mw.analysis.Bands;
import mw.analysis.Ltas;
import mw.analysis.Spectrum;
import mw.analysis.Window;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.io.AudioReader;
import mw.loudness.Loudness;
import mw.loudness.LoudnessMeter;
import mw.loudness.LoudnessReport;

/**
 * What a match compares: the long-term spectrum of the mid and side signals over the loud passages,
 * on a fine logarithmic grid (1/24 octave from 20 Hz), with the loudness figures of the whole signal.
 *
 * <p>Loud passages: the signal is cut into {@value #BLOCK_SECONDS} s blocks; each block's mid level
 * (RMS, dBFS) is measured and the blocks at or above the power mean of the audible blocks (above
 * -70 dBFS) minus {@value #LOUD_MARGIN_LU} dB are kept. Quiet intros, fades and breaks therefore do not
 * pull the spectrum toward their own balance, which is not what a master is judged on. Each block's
 * spectrum is Welch's averaged periodogram ({@link Spectrum#ltas}, Hann, 50 % overlap, 16384 points up
 * to 48 kHz and 32768 above, so bins stay under 3 Hz), mid and side from the auto and cross spectra of
 * L and R. The power in each fine band is kept, so profiles at different sample rates compare without
 * resampling and several references average into one.
 *
 * <p>Memory is bounded: files are read block by block ({@link #of(Path)}).
 *
 * @param name             what the profile describes (a file name, "target", "reference")
 * @param sampleRate       Hz (of the first file for a combined profile)
 * @param channels         1 or 2
 * @param durationSeconds  whole length
 * @param loudSeconds      length of the loud passages analysed
 * @param loudness         the loudness figures of the whole signal
 * @param midDensity       mean power density of mid in each grid band (full scale² per Hz), NaN above the band limit
 * @param sideDensity      the same for side (zeros for mono)
 * @param envelopeDb       mid level (dBFS RMS) every {@value #ENVELOPE_SECONDS} s, to recognise the same recording
 */
public record MatchProfile(String name, int sampleRate, int channels, double durationSeconds, double loudSeconds,
                           LoudnessReport loudness, double[] midDensity, double[] sideDensity, float[] envelopeDb) {
    /** Hop of the level envelope used to recognise the same recording, seconds. */
    public static final double ENVELOPE_SECONDS = 0.1;
    /** Block length for the loud-passage selection, seconds. */
    public static final double BLOCK_SECONDS = 3.0;
    /** Blocks this far below the power mean of the audible blocks are left out, dB. */
    public static final double LOUD_MARGIN_LU = 3.0;
    /** Shortest signal accepted, seconds (one short-term loudness window). */
    public static final double MIN_SECONDS = 3.0;
    /** Grid bands per octave. */
    public static final int PER_OCTAVE = 24;
    /** Number of grid bands (20 Hz to 20 kHz). */
    public static final int GRID = 240;
    private static final double[] GRID_HZ = new double[GRID];

    static {
        for (int i = 0; i < GRID; i++) {
            GRID_HZ[i] = 20 * Math.pow(2, (double) i / PER_OCTAVE);
        }
    }

    /** Centre frequency of every grid band, Hz. */
    public static double[] gridHz() {
        return GRID_HZ.clone();
    }

    /** True for stereo. */
    public boolean stereo() {
        return channels == 2;
    }

    /** A profile of a buffer. */
    public static MatchProfile of(AudioBuffer audio, String name) {
        return of(audio, name, null);
    }

    /** A profile of a file's audio already read into {@code audio} (errors name the file). */
    public static MatchProfile of(AudioBuffer audio, Path file) {
        if (!audio.isFinite()) {
            throw new WorkbenchException(file, "contains NaN or infinite samples; cannot match it");
        }
        return of(audio, file.getFileName().toString(), file);
    }

    private static MatchProfile of(AudioBuffer audio, String name, Path file) {
        check(audio.channels(), audio.durationSeconds(), name, file);
        LoudnessReport lr = Loudness.of(audio);
        checkAudible(lr, name, file);
        Accumulator acc = new Accumulator(audio.sampleRate(), audio.channels());
        int block = (int) Math.round(BLOCK_SECONDS * audio.sampleRate());
        for (int from = 0; from < audio.frames(); from += block) {
            acc.add(audio.slice(from, Math.min(audio.frames(), from + block)));
        }
        return acc.finish(name, audio.durationSeconds(), lr);
    }

    /** A profile of a file, read once, block by block: loudness and spectra from the same pass. */
    public static MatchProfile of(Path file) {
        AudioFileInfo info = Audio.info(file);
        String name = file.getFileName().toString();
        if (info.channels() > 2) {
            check(info.channels(), Double.NaN, name, file);
        }
        LoudnessMeter meter = new LoudnessMeter(info.sampleRate(), info.layout());
        Accumulator acc = new Accumulator(info.sampleRate(), info.channels());
        int block = (int) Math.round(BLOCK_SECONDS * info.sampleRate());
        try (AudioReader r = Audio.open(file)) {
            double[][] buf = new double[info.channels()][block];
            double[][] tmp = new double[info.channels()][block];
            while (true) {
                int got = 0;
                while (got < block) {
                    int g = r.read(got == 0 ? buf : tmp, block - got);
                    if (g <= 0) {
                        break;
                    }
                    if (got > 0) {
                        for (int c = 0; c < buf.length; c++) {
                            System.arraycopy(tmp[c], 0, buf[c], got, g);
                        }
                    }
                    got += g;
                }
                if (got == 0) {
                    break;
                }
                try {
                    meter.add(buf, 0, got); // also refuses NaN and infinite samples
                } catch (WorkbenchException e) {
                    throw new WorkbenchException(file, "contains NaN or infinite samples; cannot match it", e);
                }
                double[][] blk = buf;
                if (got < block) {
                    blk = new double[buf.length][];
                    for (int c = 0; c < buf.length; c++) {
                        blk[c] = java.util.Arrays.copyOf(buf[c], got);
                    }
                }
                acc.add(AudioBuffer.wrap(info.sampleRate(), info.layout(), blk));
                if (got < block) {
                    break;
                }
            }
        }
        if (meter.frames() == 0) {
            throw new WorkbenchException(file, "contains no audio (0 sample frames)");
        }
        LoudnessReport lr = meter.report();
        check(info.channels(), lr.durationSeconds(), name, file);
        checkAudible(lr, name, file);
        return acc.finish(name, lr.durationSeconds(), lr);
    }

    private static void check(int channels, double seconds, String name, Path file) {
        if (channels > 2) {
            throw error(file, name, "has " + channels + " channels; matching takes mono or stereo");
        }
        if (!(seconds >= MIN_SECONDS)) {
            throw error(file, name, String.format(Locale.ROOT, "is too short to match (%.2f s); at least %.0f s are needed",
                    seconds, MIN_SECONDS));
        }
    }

    private static void checkAudible(LoudnessReport lr, String name, Path file) {
        if (!(lr.integratedLufs() > -70)) {
            throw error(file, name, "is silent (no audio above the -70 LUFS gate); there is nothing to match");
        }
    }

    static WorkbenchException error(Path file, String name, String what) {
        return file != null ? new WorkbenchException(file, what) : new WorkbenchException(name + " " + what);
    }

    /**
     * Several profiles as one, each weighted by {@code weights[i]} times its loud-passage length: the
     * spectra are normalised to the same mid power first (so a louder reference does not dominate the
     * shape), the loudness figures are weighted means.
     */
    public static MatchProfile combine(List<MatchProfile> profiles, double[] weights) {
        if (profiles.isEmpty()) {
            throw new WorkbenchException("at least one reference is needed");
        }
        if (profiles.size() == 1) {
            return profiles.get(0);
        }
        if (weights != null && weights.length != profiles.size()) {
            throw new WorkbenchException(profiles.size() + " references need as many weights, got " + weights.length);
        }
        double[] mid = new double[GRID];
        double[] side = new double[GRID];
        double[] valid = new double[GRID];
        double wsum = 0;
        double lufs = 0;
        double lra = 0;
        double tp = 0;
        double stm = 0;
        double loud = 0;
        double dur = 0;
        boolean allStereo = true;
        List<String> names = new ArrayList<>();
        for (int p = 0; p < profiles.size(); p++) {
            MatchProfile m = profiles.get(p);
            double w = (weights == null ? 1 : weights[p]) * m.loudSeconds;
            double norm = m.bandPower(true, 20, 20_000);
            for (int i = 0; i < GRID; i++) {
                if (!Double.isNaN(m.midDensity[i])) {
                    mid[i] += w * m.midDensity[i] / norm;
                    side[i] += w * m.sideDensity[i] / norm;
                    valid[i] += w;
                }
            }
            wsum += w;
            lufs += w * m.loudness.integratedLufs();
            lra += w * m.loudness.loudnessRangeLu();
            tp += w * m.loudness.truePeakDbtp();
            stm += w * m.loudness.shortTermMaxLufs();
            loud += m.loudSeconds;
            dur += m.durationSeconds;
            allStereo &= m.stereo();
            names.add(m.name);
        }
        for (int i = 0; i < GRID; i++) {
            // a band that some references lack (lower sample rate) is averaged over those that have it
            mid[i] = valid[i] > 0 ? mid[i] / valid[i] : Double.NaN;
            side[i] = valid[i] > 0 ? side[i] / valid[i] : Double.NaN;
        }
        LoudnessReport first = profiles.get(0).loudness;
        double i = lufs / wsum;
        double t = tp / wsum;
        LoudnessReport lr = new LoudnessReport(first.sampleRate(), allStereo ? 2 : 1, dur, i, lra / wsum, Double.NaN,
                stm / wsum, t, Double.NaN, t - i, "weighted mean of " + profiles.size() + " references");
        return new MatchProfile(String.join(" + ", names), first.sampleRate(), allStereo ? 2 : 1, dur, loud, lr, mid, side,
                new float[0]);
    }

    /**
     * Whether two profiles come from the same recording (for example a processed copy and its original):
     * lengths within 2 % and level envelopes correlated at 0.95 or more. Then their spectral difference
     * is all processing and no content, and a match may follow it fully.
     */
    public static boolean sameRecording(MatchProfile a, MatchProfile b) {
        float[] x = a.envelopeDb;
        float[] y = b.envelopeDb;
        if (x.length < 20 || y.length < 20 || Math.abs(x.length - y.length) > 0.02 * Math.max(x.length, y.length)) {
            return false;
        }
        int n = Math.min(x.length, y.length);
        double[] u = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = x[i];
            v[i] = y[i];
        }
        return pearson(u, v, n) >= 0.95;
    }

    /**
     * Correlation of the fine structure of two mids' long-term spectra: the 1/24-octave levels (dB) between
     * 100 Hz and 5 kHz minus their 1-octave smoothing, which keeps the notes and instruments and drops the
     * broad balance a mastering EQ changes. Two parts of one piece correlate highly (median 0.78 on real
     * music), two different pieces hardly (median 0.21). NaN when fewer than 20 grid points are shared.
     */
    public static double fineStructureCorrelation(MatchProfile a, MatchProfile b) {
        double[] hz = gridHz();
        double[] sa = a.smoothedDb(true, 1.0);
        double[] sb = b.smoothedDb(true, 1.0);
        double[] ra = a.smoothedDb(true, 0.04);
        double[] rb = b.smoothedDb(true, 0.04);
        double[] x = new double[GRID];
        double[] y = new double[GRID];
        int n = 0;
        for (int i = 0; i < GRID; i++) {
            if (hz[i] >= 100 && hz[i] <= 5000 && !Double.isNaN(ra[i]) && !Double.isNaN(rb[i])) {
                x[n] = ra[i] - sa[i];
                y[n] = rb[i] - sb[i];
                n++;
            }
        }
        return n < 20 ? Double.NaN : pearson(x, y, n);
    }

    /** Pearson correlation of the first {@code n} values of {@code x} and {@code y}; NaN when either is constant. */
    private static double pearson(double[] x, double[] y, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }

    /** Total power (full scale²) of mid or side between two frequencies, from the grid. */
    public double bandPower(boolean mid, double lowHz, double highHz) {
        double[] d = mid ? midDensity : sideDensity;
        double sum = 0;
        for (int i = 0; i < GRID; i++) {
            if (GRID_HZ[i] >= lowHz && GRID_HZ[i] < highHz && !Double.isNaN(d[i])) {
                sum += d[i] * bandwidth(i);
            }
        }
        return sum;
    }

    /**
     * Side-to-mid power ratio between two frequencies after a gain curve (dB per grid band) applied to
     * both, dB: what a width stage after that EQ sees.
     */
    public double sideToMidDb(double lowHz, double highHz, double[] gainDb) {
        double s = 0;
        double m = 0;
        for (int i = 0; i < GRID; i++) {
            if (GRID_HZ[i] >= lowHz && GRID_HZ[i] < highHz && !Double.isNaN(midDensity[i])) {
                double g = Math.pow(10, gainDb[i] / 10) * bandwidth(i);
                s += sideDensity[i] * g;
                m += midDensity[i] * g;
            }
        }
        return 10 * Math.log10(s / m);
    }

    /** Side-to-mid power ratio between two frequencies, dB. */
    public double sideToMidDb(double lowHz, double highHz) {
        return 10 * Math.log10(bandPower(false, lowHz, highHz) / bandPower(true, lowHz, highHz));
    }

    /**
     * The mid or side spectrum in dB (10 log10 of the mean density) on the grid, smoothed over
     * {@code octaves} (each point is the power mean over the grid bands within half that width on either
     * side, a rectangular window in log frequency). NaN where the signal has no band.
     */
    public double[] smoothedDb(boolean mid, double octaves) {
        double[] d = mid ? midDensity : sideDensity;
        int half = (int) Math.round(octaves * PER_OCTAVE / 2);
        double[] out = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            if (Double.isNaN(d[i])) {
                out[i] = Double.NaN;
                continue;
            }
            double p = 0;
            double bw = 0;
            for (int j = Math.max(0, i - half); j <= Math.min(GRID - 1, i + half); j++) {
                if (!Double.isNaN(d[j])) {
                    p += d[j] * bandwidth(j);
                    bw += bandwidth(j);
                }
            }
            out[i] = 10 * Math.log10(Math.max(p / bw, 1e-30));
        }
        return out;
    }

    static double bandwidth(int i) {
        return GRID_HZ[i] * (Math.pow(2, 0.5 / PER_OCTAVE) - Math.pow(2, -0.5 / PER_OCTAVE));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MatchProfile[%s: %d ch, %.1f s (%.1f s loud), %.2f LUFS, LRA %.1f LU, TP %.2f dBTP, side/mid %.1f dB]",
                name, channels, durationSeconds, loudSeconds, loudness.integratedLufs(), loudness.loudnessRangeLu(),
                loudness.truePeakDbtp(), stereo() ? sideToMidDb(20, 20_000) : Double.NEGATIVE_INFINITY);
    }

    /** Collects block spectra and loudness, then keeps the loud blocks. */
    private static final class Accumulator {
        final int sampleRate;
        final int channels;
        final int nFft;
        final List<double[]> mids = new ArrayList<>();
        final List<double[]> sides = new ArrayList<>();
        final List<Double> lufs = new ArrayList<>();
        final List<Integer> frames = new ArrayList<>();
        final List<Float> envelope = new ArrayList<>();

        Accumulator(int sampleRate, int channels) {
            this.sampleRate = sampleRate;
            this.channels = channels;
            this.nFft = sampleRate <= 48_000 ? 16_384 : 32_768;
        }

        void add(AudioBuffer block) {
            int hop = (int) Math.round(ENVELOPE_SECONDS * sampleRate);
            double[] cl = block.channel(0);
            double[] cr = channels == 2 ? block.channel(1) : cl;
            double blockEnergy = 0;
            for (int from = 0; from + hop <= block.frames(); from += hop) {
                double e = 0;
                for (int i = from; i < from + hop; i++) {
                    double m = 0.5 * (cl[i] + cr[i]);
                    e += m * m;
                }
                blockEnergy += e;
                envelope.add((float) Math.max(-100, 10 * Math.log10(e / hop + 1e-30)));
            }
            if (block.frames() < nFft) {
                return; // a short tail adds nothing reliable to the long-term spectrum
            }
            Ltas l = Spectrum.ltas(block, nFft, Window.HANN);
            double[] m = channels == 2 ? l.psd("M") : l.psd("mix");
            double[] s = channels == 2 ? l.psd("S") : new double[m.length];
            mids.add(grid(m, l.binHz()));
            sides.add(grid(s, l.binHz()));
            frames.add(block.frames());
            lufs.add(10 * Math.log10(blockEnergy / block.frames() + 1e-30));
        }

        private double[] grid(double[] psd, double binHz) {
            double[] out = new double[GRID];
            double limit = 0.95 * sampleRate / 2;
            for (int i = 0; i < GRID; i++) {
                double lo = GRID_HZ[i] * Math.pow(2, -0.5 / PER_OCTAVE);
                double hi = GRID_HZ[i] * Math.pow(2, 0.5 / PER_OCTAVE);
                out[i] = hi > limit ? Double.NaN : Bands.power(psd, binHz, new Band(GRID_HZ[i], lo, hi, "")) / (hi - lo);
            }
            return out;
        }

        MatchProfile finish(String name, double duration, LoudnessReport lr) {
            double e = 0;
            int n = 0;
            for (double l : lufs) {
                if (l > -70) {
                    e += Math.pow(10, l / 10);
                    n++;
                }
            }
            if (n == 0) {
                throw new WorkbenchException(name + " is silent (no audio above the -70 LUFS gate); there is nothing to match");
            }
            double gate = 10 * Math.log10(e / n) - LOUD_MARGIN_LU;
            double[] mid = new double[GRID];
            double[] side = new double[GRID];
            long total = 0;
            for (int b = 0; b < lufs.size(); b++) {
                if (lufs.get(b) >= gate) {
                    int f = frames.get(b);
                    total += f;
                    for (int i = 0; i < GRID; i++) {
                        mid[i] += f * mids.get(b)[i];
                        side[i] += f * sides.get(b)[i];
                    }
                }
            }
            for (int i = 0; i < GRID; i++) {
                mid[i] /= total;
                side[i] /= total;
            }
            float[] env = new float[envelope.size()];
            for (int i = 0; i < env.length; i++) {
                env[i] = envelope.get(i);
            }
            return new MatchProfile(name, sampleRate, channels, duration, (double) total / sampleRate, lr, mid, side, env);
        }
    }
}
