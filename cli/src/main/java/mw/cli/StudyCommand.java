package mw.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.analysis.Analysis;
import mw.analysis.Bands;
import mw.analysis.DynamicsReport;
import mw.analysis.FeatureSet;
import mw.analysis.Ltas;
import mw.analysis.StereoReport;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.loudness.Loudness;
import mw.loudness.LoudnessReport;
import mw.platforms.Outcomes;
import mw.platforms.Platforms;
import mw.platforms.ProfileSet;
import mw.platforms.QcCheck;
import mw.platforms.QcReport;
import mw.platforms.QualityControl;
import mw.platforms.TrackLoudness;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"The main job: analyse every track of a folder and write one HTML report with an index,"
                + " charts, and CSV/JSON/Markdown tables beside it.",
            "Per track: format, loudness and dynamics (ITU-R BS.1770-4 / EBU R 128), spectrum and features,"
                + " stereo, delivery QC, and what every platform does to it."
                + " A file that cannot be read is listed as failed and the rest go on (exit status 2)."})
final class StudyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "folder of audio files (or one file)")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out = Path.of("out", "study");

    @CommandLine.Mixin
    ProfileOptions profileOptions = new ProfileOptions();


    @Option(names = "--only", paramLabel = "ID,ID", split = ",", description = "only these profile ids")
    List<String> only;

    @Option(names = "--album", description = "treat the folder as one album played in order")
    boolean album;

    /**
     * One analysed track: what the file says, its loudness, the columns every analysis added, its
     * one-third-octave spectrum (mid or mono, dB relative to its integrated loudness; null when not
     * computed), its delivery QC and the full analysis (null when it failed or once its page is written;
     * the page exists when {@code columns} has {@code analysis_page}).
     */
    record TrackResult(Path file, AudioFileInfo info, LoudnessReport loudness, Map<String, String> columns,
                       double[] spectrumDb, QcReport qc, Analysis analysis) {
        /** This result without the full analysis (whose spectrogram is large), once its page is written. */
        TrackResult withoutAnalysis() {
            return new TrackResult(file, info, loudness, columns, spectrumDb, qc, null);
        }
    }

    /** One failed file and why. */
    record Failure(Path file, String message) {
    }

    @Override
    public Integer call() {
        if (!Files.exists(dir)) {
            throw new WorkbenchException(dir, "does not exist; give a folder of audio files or one audio file");
        }
        ProfileSet ps = profileOptions.profileSet();
        if (only != null && !only.isEmpty()) {
            ps = ps.only(only);
        }
        List<Path> files = Audio.listAudioFiles(dir);
        if (files.isEmpty()) {
            throw new WorkbenchException(dir, "holds no audio files; accepted: .wav .rf64 .bw64 .aif .aiff .aifc .flac .mp3 .ogg .oga");
        }
        List<TrackResult> tracks = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        try (Progress p = new Progress("study", files.size())) {
            int done = 0;
            for (Path f : files) {
                p.set(done++, f.getFileName().toString());
                TrackResult t;
                try {
                    t = analyse(f);
                } catch (WorkbenchException e) {
                    String m = e.about(f).getMessage();
                    System.err.println("mw: " + m);
                    failed.add(new Failure(f, m));
                    continue;
                } catch (RuntimeException e) {
                    String m = f + ": " + Main.internal(e);
                    System.err.println("mw: " + m);
                    failed.add(new Failure(f, m));
                    continue;
                }
                if (t.analysis() != null) {
                    // written now so that only one track's spectrogram is in memory at a time; a write that
                    // fails (a full disk) is not the track's fault: it stops the study, naming the output
                    String page = StudyReport.trackPage(tracks.size());
                    StudyReport.writePage(out.resolve(page), files, t.analysis());
                    t.columns().put("analysis_page", page);
                }
                tracks.add(t.withoutAnalysis());
                p.item(done, f.getFileName().toString(), String.format(Locale.ROOT, "%s LUFS, true peak %s dBTP",
                        mw.loudness.LoudnessReport.format(t.loudness().integratedLufs()),
                        mw.loudness.LoudnessReport.format(t.loudness().truePeakDbtp())));
            }
            p.set(files.size(), "writing the report");
        }
        List<TrackLoudness> levels = tracks.stream()
                .map(t -> TrackLoudness.of(t.file().getFileName().toString(), t.loudness())).toList();
        Outcomes outcomes = album ? Platforms.album(levels, ps) : Platforms.outcomes(levels, ps);
        new StudyReport(dir, out, files, tracks, failed, outcomes, ps, album).write();
        System.out.printf(Locale.ROOT, "study: %d tracks analysed, %d failed; report in %s%n", tracks.size(), failed.size(),
                out.resolve("index.html"));
        return failed.isEmpty() ? 0 : Main.EXIT_BAD_INPUT;
    }

    /**
     * Analyses one file: format, loudness (essential: a file that cannot be measured fails), then
     * spectrum, features, dynamics, stereo and QC, each adding named columns. An optional analysis that
     * fails leaves its columns empty and says why in {@code notes}; new analyses add their columns here
     * and appear in {@code tracks.csv} and the report without other changes.
     */
    static TrackResult analyse(Path f) {
        AudioFileInfo info = Audio.info(f);
        AudioBuffer audio = Audio.read(f);
        // the analysis measures loudness too; when it fails, loudness alone still gives the outcomes
        Analysis a = null;
        String analysisError = null;
        try {
            a = Analysis.of(f.getFileName().toString(), audio);
        } catch (WorkbenchException e) {
            analysisError = e.getMessage();
        } catch (RuntimeException e) {
            analysisError = Main.internal(e);
        }
        LoudnessReport l = a != null && a.loudness() != null ? a.loudness() : Loudness.of(audio);
        Map<String, String> c = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        if (l.notes() != null && !l.notes().isEmpty()) {
            notes.add(l.notes());
        }
        c.put("file", f.getFileName().toString());
        c.put("container", info.container());
        c.put("codec", info.codec());
        c.put("sample_rate_hz", Integer.toString(info.sampleRate()));
        c.put("bits_per_sample", info.bitsPerSample() == 0 ? "" : Integer.toString(info.bitsPerSample()));
        c.put("channels", Integer.toString(info.channels()));
        c.put("duration_s", num(l.durationSeconds(), 3));
        // loudness and dynamics (ITU-R BS.1770-4, EBU Tech 3342)
        c.put("integrated_lufs", num(l.integratedLufs(), 2));
        c.put("loudness_range_lu", num(l.loudnessRangeLu(), 2));
        c.put("momentary_max_lufs", num(l.momentaryMaxLufs(), 2));
        c.put("short_term_max_lufs", num(l.shortTermMaxLufs(), 2));
        c.put("true_peak_dbtp", num(l.truePeakDbtp(), 2));
        c.put("sample_peak_dbfs", num(l.samplePeakDbfs(), 2));
        c.put("plr_db", num(l.plrDb(), 2));
        // spectrum, features, dynamics and stereo (mw.analysis)
        double[] spectrum = null;
        for (String k : List.of("dr_score", "psr_db", "crest_factor_db", "spectral_centroid_hz", "spectral_rolloff_hz",
                "spectral_flatness", "onsets_per_s", "lr_correlation", "min_correlation", "balance_l_minus_r_db",
                "side_to_mid_db", "mono_loss_db")) {
            c.put(k, "");
        }
        if (a == null) {
            notes.add("analysis not computed: " + analysisError);
        } else {
            DynamicsReport d = a.dynamics();
            c.put("dr_score", Integer.toString(d.drScore()));
            c.put("psr_db", num(d.psrDb(), 2));
            c.put("crest_factor_db", num(d.crestFactorDb(), 2));
            FeatureSet fs = a.features();
            c.put("spectral_centroid_hz", num(fs.spectralCentroidHz(), 0));
            c.put("spectral_rolloff_hz", num(fs.spectralRolloffHz(), 0));
            c.put("spectral_flatness", num(fs.spectralFlatness(), 4));
            c.put("onsets_per_s", num(fs.onsetsPerSecond(), 2));
            StereoReport st = a.stereo();
            if (st != null) {
                c.put("lr_correlation", num(st.correlation(), 2));
                c.put("min_correlation", num(st.minCorrelation(), 2));
                c.put("balance_l_minus_r_db", num(st.leftMinusRightDb(), 2));
                c.put("side_to_mid_db", num(st.sideToMidDb(), 2));
                c.put("mono_loss_db", num(st.monoLossDb(), 2));
            }
            Ltas ltas = a.ltas();
            String sig = ltas.signals().contains("M") ? "M" : ltas.signals().get(0);
            double[] bands = ltas.bandLevelsDbfs(sig, Bands.thirdOctaves());
            spectrum = new double[bands.length];
            for (int i = 0; i < bands.length; i++) {
                spectrum[i] = bands[i] - l.integratedLufs();
            }
        }
        // stereo and delivery QC (music defaults, true peak at most -1 dBTP)
        QcReport qc = QualityControl.check(f.getFileName().toString(), audio, l.truePeakDbtp(), info.bitsPerSample(),
                QualityControl.Limits.music(-1.0));
        c.put("qc", qc.passed() ? "pass" : "fail: " + String.join(", ", qc.failures().stream().map(QcCheck::id).toList()));
        c.put("notes", String.join("; ", notes));
        c.put("analysis_page", "");
        return new TrackResult(f, info, l, c, spectrum, qc, a);
    }

    static String num(double d, int decimals) {
        if (Double.isNaN(d)) {
            return "";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", d);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
