package mw.assistant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import mw.WorkbenchException;
import mw.analysis.Band;
import mw.analysis.Bands;
import mw.analysis.FeatureFrames;
import mw.analysis.Features;
import mw.analysis.Ltas;
import mw.analysis.Signals;
import mw.analysis.Spectrum;
import mw.audio.AudioBuffer;
import mw.loudness.Loudness;
import mw.loudness.LoudnessReport;

/**
 * The assistant's feature vector of a track: a fixed, documented list of numbers computed by the
 * workbench's own analyses, in the order of {@link #NAMES}.
 *
 * <ul>
 *   <li>{@code lufs}, {@code lra_lu}, {@code plr_db}: integrated loudness, loudness range and
 *       peak-to-loudness ratio (ITU-R BS.1770-4 / EBU Tech 3342, {@link Loudness}) of the analysed excerpt;</li>
 *   <li>{@code crest_db}: sample peak over RMS of the mono mix;</li>
 *   <li>{@code band_<f>}: level of each octave band 31.5 Hz to 16 kHz of the mid (or mono) long-term
 *       spectrum ({@link Spectrum#ltas}), dB relative to the mean of the ten bands — the tonal balance;</li>
 *   <li>{@code centroid_oct}, {@code bandwidth_oct}, {@code rolloff_oct}: spectral centroid, bandwidth and 85 %
 *       roll-off ({@link Features}, librosa's definitions), mean over frames, as octaves relative to 1 kHz;</li>
 *   <li>{@code flatness}, {@code zcr}: spectral flatness and zero-crossing rate, mean over frames;</li>
 *   <li>{@code rms_sd_db}: standard deviation over frames of the frame RMS in dB (short-term dynamics);</li>
 *   <li>{@code onset_mean}, {@code onset_sd}: mean and standard deviation of librosa's onset strength
 *       (how percussive and how regular);</li>
 *   <li>{@code mfcc<i>_mean}, {@code mfcc<i>_sd}: the 13 MFCCs' mean and standard deviation over frames (timbre);</li>
 *   <li>{@code side_mid_db}, {@code correlation}: side-to-mid power ratio and the L/R correlation
 *       coefficient (0 dB side and correlation 1 for mono).</li>
 * </ul>
 *
 * <p>Everything is measured on the central {@link #EXCERPT_SECONDS} seconds of the track (the whole track
 * when shorter), the framewise features on its central {@link #FRAMES_SECONDS} seconds, so a proposal for a long track stays fast and the features mean the same for the 20-second
 * training excerpts and a full track. Tracks shorter than {@link #MIN_SECONDS} or silent are refused.
 */
public record TrackFeatures(List<String> names, double[] values, double analysedSeconds) {

    /** Length of the analysed excerpt, seconds. */
    public static final double EXCERPT_SECONDS = 30.0;
    /** Length of the central part whose framewise features (spectral shape, MFCC, onsets) are measured, seconds. */
    public static final double FRAMES_SECONDS = 10.0;
    /** Shortest track accepted, seconds (loudness range needs several 3-second windows). */
    public static final double MIN_SECONDS = 3.0;
    /** Integrated loudness below which a track counts as silent, LUFS. */
    public static final double SILENT_LUFS = -70.0;

    /** The feature names, in vector order. */
    public static final List<String> NAMES = featureNames();

    private static List<String> featureNames() {
        List<String> n = new ArrayList<>(List.of("lufs", "lra_lu", "plr_db", "crest_db"));
        for (Band b : Bands.octaves()) {
            n.add("band_" + b.nominal());
        }
        n.addAll(List.of("centroid_oct", "bandwidth_oct", "rolloff_oct", "flatness", "zcr", "rms_sd_db",
                "onset_mean", "onset_sd"));
        for (int i = 0; i < Features.N_MFCC; i++) {
            n.add("mfcc" + i + "_mean");
        }
        for (int i = 0; i < Features.N_MFCC; i++) {
            n.add("mfcc" + i + "_sd");
        }
        n.add("side_mid_db");
        n.add("correlation");
        return Collections.unmodifiableList(n);
    }

    /** The value of a named feature. */
    public double get(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new WorkbenchException("no feature named '" + name + "'; features: " + names);
        }
        return values[i];
    }

    /** Computes the features of a track (see the class comment for the definitions). */
    public static TrackFeatures of(AudioBuffer audio) {
        if (audio.durationSeconds() < MIN_SECONDS) {
            throw new WorkbenchException(String.format(Locale.ROOT,
                    "the track is %.1f s long; the assistant needs at least %.0f s", audio.durationSeconds(), MIN_SECONDS));
        }
        if (audio.channels() > 2) {
            throw new WorkbenchException("the track has " + audio.channels()
                    + " channels; the assistant takes mono or stereo (fold it down first)");
        }
        if (!audio.isFinite()) {
            throw new WorkbenchException("the track has samples that are not finite numbers (NaN or infinity)");
        }
        AudioBuffer x = audio;
        if (audio.durationSeconds() > EXCERPT_SECONDS) {
            double mid = audio.durationSeconds() / 2;
            x = audio.sliceSeconds(mid - EXCERPT_SECONDS / 2, mid + EXCERPT_SECONDS / 2);
        }
        LoudnessReport loud = Loudness.of(x);
        if (!(loud.integratedLufs() > SILENT_LUFS)) {
            throw new WorkbenchException("the track is silent (integrated loudness below " + SILENT_LUFS + " LUFS)");
        }
        double[] v = new double[NAMES.size()];
        int k = 0;
        v[k++] = loud.integratedLufs();
        v[k++] = finiteOr(loud.loudnessRangeLu(), 0);
        v[k++] = loud.plrDb();
        double[] mono = Signals.select(x, Signals.MIX);
        v[k++] = crestDb(mono);

        Ltas ltas = Spectrum.ltas(x);
        String tonal = x.channels() == 2 ? "M" : Signals.MIX;
        for (double b : tonalBalance(ltas.psd(tonal), ltas.binHz(), tonalBands(x.sampleRate()))) {
            v[k++] = b;
        }

        // the framewise features (the costliest part) on the central FRAMES_SECONDS only
        double[] centre = mono;
        int keep = (int) (FRAMES_SECONDS * x.sampleRate());
        if (mono.length > keep) {
            centre = java.util.Arrays.copyOfRange(mono, (mono.length - keep) / 2, (mono.length - keep) / 2 + keep);
        }
        FeatureFrames f = Features.frames(centre, x.sampleRate(), Signals.MIX);
        v[k++] = octaves(meanOf(f.spectralCentroidHz()));
        v[k++] = octaves(meanOf(f.spectralBandwidthHz()));
        v[k++] = octaves(meanOf(f.spectralRolloffHz()));
        v[k++] = meanOf(f.spectralFlatness());
        v[k++] = meanOf(f.zeroCrossingRate());
        double[] rmsDb = new double[f.rms().length];
        for (int i = 0; i < rmsDb.length; i++) {
            rmsDb[i] = 20 * Math.log10(Math.max(f.rms()[i], 1e-5));
        }
        v[k++] = sdOf(rmsDb);
        v[k++] = meanOf(f.onsetStrength());
        v[k++] = sdOf(f.onsetStrength());
        double[][] mfcc = f.mfcc();
        for (int c = 0; c < Features.N_MFCC; c++) {
            v[k++] = meanOf(column(mfcc, c));
        }
        for (int c = 0; c < Features.N_MFCC; c++) {
            v[k++] = sdOf(column(mfcc, c));
        }
        if (x.channels() == 2) {
            double m = ltas.power("M", 20, 20_000);
            double s = ltas.power("S", 20, 20_000);
            v[k++] = Math.max(-60, 10 * Math.log10(Math.max(s, 1e-30) / Math.max(m, 1e-30)));
            v[k++] = correlation(x.channel(0), x.channel(1));
        } else {
            v[k++] = -60;
            v[k++] = 1;
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new WorkbenchException("feature " + NAMES.get(i) + " is not finite for this track");
            }
        }
        return new TrackFeatures(NAMES, v, x.durationSeconds());
    }

    /** The octave bands 31.5 Hz to 16 kHz of the tonal balance at a sample rate, the top ones cut below Nyquist. */
    public static List<Band> tonalBands(int sampleRate) {
        double nyquist = sampleRate / 2.0;
        List<Band> octaves = new ArrayList<>();
        for (Band b : Bands.octaves()) {
            octaves.add(new Band(b.centreHz(), Math.min(b.lowHz(), 0.98 * nyquist), Math.min(b.highHz(), 0.99 * nyquist), b.nominal()));
        }
        return octaves;
    }

    /**
     * The tonal balance (the {@code band_*} features) of a power spectral density: the level of each band in
     * dBFS, floored at -140, minus the mean of the bands.
     */
    public static double[] tonalBalance(double[] psd, double binHz, List<Band> bands) {
        double[] out = new double[bands.size()];
        double mean = 0;
        for (int i = 0; i < out.length; i++) {
            double l = 10 * Math.log10(2 * Bands.power(psd, binHz, bands.get(i)));
            out[i] = Double.isFinite(l) ? Math.max(l, -140) : -140;
            mean += out[i] / out.length;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] -= mean;
        }
        return out;
    }

    private static double finiteOr(double x, double fallback) {
        return Double.isFinite(x) ? x : fallback;
    }

    private static double octaves(double hz) {
        return Math.log(Math.max(hz, 1) / 1000) / Math.log(2);
    }

    static double crestDb(double[] x) {
        double peak = 0;
        double sum = 0;
        for (double s : x) {
            peak = Math.max(peak, Math.abs(s));
            sum += s * s;
        }
        double rms = Math.sqrt(sum / Math.max(1, x.length));
        return rms > 0 ? 20 * Math.log10(peak / rms) : 0;
    }

    static double correlation(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 1;
    }

    private static double[] column(double[][] m, int c) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][c];
        }
        return out;
    }

    private static double meanOf(double[] x) {
        double s = 0;
        int n = 0;
        for (double d : x) {
            if (Double.isFinite(d)) {
                s += d;
                n++;
            }
        }
        return n == 0 ? 0 : s / n;
    }

    private static double sdOf(double[] x) {
        double m = meanOf(x);
        double s = 0;
        int n = 0;
        for (double d : x) {
            if (Double.isFinite(d)) {
                s += (d - m) * (d - m);
                n++;
            }
        }
        return n < 2 ? 0 : Math.sqrt(s / (n - 1));
    }
}
