package mw.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mw.WorkbenchException;
import mw.analysis.DamageReport;
import mw.analysis.DynamicsMeter;
import mw.analysis.DynamicsReport;
import mw.analysis.Ltas;
import mw.analysis.Spectrum;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.loudness.Loudness;
import mw.loudness.LoudnessMeter;
import mw.loudness.LoudnessReport;
import mw.platforms.Outcome;
import mw.platforms.Platforms;
import mw.platforms.Profile;
import mw.platforms.ProfileSet;
import mw.platforms.QcCheck;
import mw.platforms.QcReport;
import mw.platforms.QualityControl;
import mw.platforms.TrackLoudness;
import mw.platforms.Verdict;

/**
 * One catalog row: everything the workbench says about one file, flattened into named columns of
 * fixed types so it can be a Parquet row and a CSV line. A file that cannot be read gives a row with
 * only its path, size, time and {@code error}; nothing here throws for a bad file.
 *
 * <p>The figures come from the library's own calls, the same ones {@code mw loudness}, {@code mw
 * platforms} and {@code mw study} make: {@link Loudness} (ITU-R BS.1770-4 / EBU R 128),
 * {@link DynamicsMeter}, {@link Spectrum#ltas}, {@link QualityControl} with the music defaults of
 * {@code mw study} (true peak at most -1 dBTP) and {@link Platforms#outcome} for every profile.
 */
public final class TrackAudit {
    private TrackAudit() {
    }

    /** Column types, mapped to Spark SQL types by the job. */
    public enum Type { STRING, LONG, INT, DOUBLE, BOOLEAN }

    /** A column: name and type. */
    public record Column(String name, Type type) implements java.io.Serializable {
    }

    /** The QC checks of {@link QualityControl#check}, each a boolean column {@code qc_<id>} (true = passed). */
    public static final List<String> QC_IDS = List.of("clipping", "true_peak", "dc_offset", "head_silence",
            "tail_silence", "mono_loss", "phase", "sample_rate", "bit_depth");

    /** Hop of the short-term loudness series used for the dynamics figures (ms). */
    static final int SERIES_HOP_MS = 100;

    /** The columns of a catalog row for the given profile ids, in order. */
    public static List<Column> columns(List<String> profileIds) {
        List<Column> c = new ArrayList<>();
        add(c, Type.STRING, "path", "key");
        add(c, Type.LONG, "size_bytes", "modified_ms");
        add(c, Type.STRING, "container", "codec");
        add(c, Type.INT, "sample_rate_hz", "bits_per_sample", "channels");
        add(c, Type.DOUBLE, "duration_s", "integrated_lufs", "loudness_range_lu", "momentary_max_lufs",
                "short_term_max_lufs", "true_peak_dbtp", "sample_peak_dbfs", "plr_db");
        add(c, Type.INT, "dr_score");
        add(c, Type.DOUBLE, "crest_factor_db", "psr_db", "spectral_centroid_hz", "spectral_slope_db_per_octave",
                "low_share_db", "high_share_db", "spectral_flatness");
        add(c, Type.LONG, "clicks");
        add(c, Type.STRING, "click_times_s");
        add(c, Type.LONG, "clipped_runs");
        add(c, Type.DOUBLE, "noise_floor_dbfs", "hum_hz");
        add(c, Type.STRING, "qc", "qc_failures");
        for (String id : QC_IDS) {
            add(c, Type.BOOLEAN, "qc_" + id);
        }
        add(c, Type.STRING, "worst_verdict", "platforms_failed", "platforms_warned");
        for (String id : profileIds) {
            String p = columnSafe(id);
            add(c, Type.STRING, p + "_verdict");
            add(c, Type.DOUBLE, p + "_gain_db");
        }
        add(c, Type.STRING, "notes", "error");
        add(c, Type.DOUBLE, "audit_ms");
        return Collections.unmodifiableList(c);
    }

    private static void add(List<Column> c, Type t, String... names) {
        for (String n : names) {
            c.add(new Column(n, t));
        }
    }

    /** A profile id as a column-name prefix: lower case letters, digits and underscores. */
    public static String columnSafe(String id) {
        return id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /**
     * Audits one file and returns its values by column name (NaN figures are left out, so they become
     * empty cells). Never throws for a bad file: the {@code error} column says what was wrong.
     */
    public static Map<String, Object> audit(CatalogInput in, ProfileSet profiles) {
        return audit(in, profiles, false);
    }

    /** Click times listed in {@code click_times_s} at most (the count is in {@code clicks}). */
    static final int CLICK_TIMES = 10;

    /**
     * Audits one file; with {@code clicks}, also runs the damage scan of {@code mw analyze}
     * ({@link DamageReport}: clicks by AR prediction error, clipped runs, noise floor, hum), which costs
     * more than all the other measurements together. The click count is the one {@code mw analyze} prints.
     */
    public static Map<String, Object> audit(CatalogInput in, ProfileSet profiles, boolean clicks) {
        long t0 = System.nanoTime();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("path", in.path());
        v.put("key", in.key());
        v.put("size_bytes", in.sizeBytes());
        v.put("modified_ms", in.modifiedMs());
        try {
            measure(Path.of(in.path()), profiles, clicks, v);
        } catch (WorkbenchException e) {
            keepOnly(v);
            v.put("error", e.getMessage());
        } catch (OutOfMemoryError | StackOverflowError | RuntimeException e) {
            // a decoder failing in an unforeseen way (or a file too long for memory) is one error row
            keepOnly(v);
            v.put("error", in.path() + ": cannot be measured: " + e);
        } catch (LinkageError e) {
            keepOnly(v);
            v.put("error", in.path() + ": cannot be measured: " + e);
        }
        v.put("audit_ms", (System.nanoTime() - t0) / 1e6);
        return v;
    }

    private static void keepOnly(Map<String, Object> v) {
        v.keySet().retainAll(List.of("path", "key", "size_bytes", "modified_ms"));
    }

    private static void measure(Path f, ProfileSet profiles, boolean clicks, Map<String, Object> v) {
        AudioFileInfo info = Audio.info(f);
        v.put("container", info.container());
        v.put("codec", info.codec());
        v.put("sample_rate_hz", info.sampleRate());
        if (info.bitsPerSample() > 0) {
            v.put("bits_per_sample", info.bitsPerSample());
        }
        v.put("channels", info.channels());
        AudioBuffer audio = Audio.read(f);
        List<String> notes = new ArrayList<>();

        LoudnessMeter meter = Loudness.meter(audio, SERIES_HOP_MS);
        LoudnessReport l = meter.report();
        if (l.notes() != null && !l.notes().isEmpty()) {
            notes.add(l.notes());
        }
        num(v, "duration_s", l.durationSeconds());
        num(v, "integrated_lufs", l.integratedLufs());
        num(v, "loudness_range_lu", l.loudnessRangeLu());
        num(v, "momentary_max_lufs", l.momentaryMaxLufs());
        num(v, "short_term_max_lufs", l.shortTermMaxLufs());
        num(v, "true_peak_dbtp", l.truePeakDbtp());
        num(v, "sample_peak_dbfs", l.samplePeakDbfs());
        num(v, "plr_db", l.plrDb());

        try {
            DynamicsReport d = DynamicsMeter.of(audio, l, meter.series().shortTermLufs());
            v.put("dr_score", d.drScore());
            num(v, "crest_factor_db", d.crestFactorDb());
            num(v, "psr_db", d.psrDb());
        } catch (RuntimeException e) {
            notes.add("dynamics not computed: " + e.getMessage());
        }
        try {
            spectral(Spectrum.ltas(audio), v);
        } catch (RuntimeException e) {
            notes.add("spectrum not computed: " + e.getMessage());
        }

        if (clicks) {
            try {
                damage(DamageReport.of(audio), v);
            } catch (RuntimeException e) {
                notes.add("damage scan not done: " + e.getMessage());
            }
        }

        QcReport qc = QualityControl.check(f.getFileName().toString(), audio, l.truePeakDbtp(), info.bitsPerSample(),
                QualityControl.Limits.music(-1.0));
        List<String> failed = new ArrayList<>();
        for (QcCheck c : qc.checks()) {
            if (QC_IDS.contains(c.id())) {
                v.put("qc_" + c.id(), c.passed());
            }
            if (!c.passed()) {
                failed.add(c.id());
            }
        }
        v.put("qc", qc.passed() ? "pass" : "fail");
        v.put("qc_failures", String.join(",", failed));

        Verdict worst = Verdict.OK;
        List<String> fails = new ArrayList<>();
        List<String> warns = new ArrayList<>();
        if (Double.isFinite(l.integratedLufs())) {
            TrackLoudness t = TrackLoudness.of(f.toString(), l);
            for (Profile p : profiles) {
                Outcome o = Platforms.outcome(t, p);
                String c = columnSafe(p.id());
                v.put(c + "_verdict", o.verdict().key());
                num(v, c + "_gain_db", o.gainDb());
                worst = worst.worst(o.verdict());
                if (o.verdict() == Verdict.FAIL) {
                    fails.add(p.id());
                } else if (o.verdict() == Verdict.WARN) {
                    warns.add(p.id());
                }
            }
            v.put("worst_verdict", worst.key());
            v.put("platforms_failed", String.join(",", fails));
            v.put("platforms_warned", String.join(",", warns));
        } else {
            notes.add("no platform outcomes: integrated loudness not defined (silence or too short)");
        }
        v.put("notes", String.join("; ", notes));
    }

    /**
     * A compact spectral summary of the long-term average spectrum of the mid signal (the mix for
     * mono): centroid, slope over 100 Hz to 10 kHz (pink noise -3 dB/octave), energy share below 250 Hz
     * and above 4 kHz against 20 Hz to 20 kHz (dB), and flatness over 20 Hz to 16 kHz.
     */
    static void spectral(Ltas ltas, Map<String, Object> v) {
        String sig = ltas.signals().contains("M") ? "M" : ltas.signals().get(0);
        double nyquist = ltas.sampleRate() / 2.0;
        double top = Math.min(20_000, nyquist);
        double[] p = ltas.psd(sig);
        double sum = 0;
        double weighted = 0;
        for (int k = 1; k < p.length; k++) {
            sum += p[k];
            weighted += p[k] * k * ltas.binHz();
        }
        if (sum > 0) {
            num(v, "spectral_centroid_hz", weighted / sum);
        }
        num(v, "spectral_slope_db_per_octave", ltas.slopeDbPerOctave(sig, 100, Math.min(10_000, nyquist)));
        double all = ltas.power(sig, 20, top);
        if (all > 0) {
            num(v, "low_share_db", 10 * Math.log10(ltas.power(sig, 20, 250) / all));
            if (top > 4000) {
                num(v, "high_share_db", 10 * Math.log10(ltas.power(sig, 4000, top) / all));
            }
        }
        num(v, "spectral_flatness", ltas.flatness(sig, 20, Math.min(16_000, nyquist)));
    }

    /** The damage scan's figures: click count and first times, clipped runs, noise floor, hum frequency. */
    static void damage(DamageReport d, Map<String, Object> v) {
        v.put("clicks", (long) d.clicks());
        List<String> times = new ArrayList<>();
        for (DamageReport.Click c : d.clickList()) {
            if (times.size() == CLICK_TIMES) {
                break;
            }
            times.add(String.format(Locale.ROOT, "%.3f", c.seconds()));
        }
        v.put("click_times_s", String.join(" ", times));
        v.put("clipped_runs", d.clippedRuns());
        num(v, "noise_floor_dbfs", d.noiseFloorDbfs());
        num(v, "hum_hz", d.humHz());
    }

    private static void num(Map<String, Object> v, String k, double d) {
        if (Double.isFinite(d)) {
            v.put(k, d);
        }
    }
}
