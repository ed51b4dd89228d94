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
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.loudness.Loudness;
import mw.loudness.LoudnessReport;
import mw.platforms.Outcomes;
import mw.platforms.Platforms;
import mw.platforms.ProfileSet;
import mw.platforms.TrackLoudness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"The main job: analyse every track of a folder and write one HTML report with an index,"
                + " charts, and CSV/JSON/Markdown tables beside it.",
            "Per track: format, loudness (ITU-R BS.1770-4 / EBU R 128) and what every platform does to it."
                + " A file that cannot be read is listed as failed and the rest go on (exit status 2)."})
final class StudyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "folder of audio files (or one file)")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out = Path.of("out", "study");

    @Option(names = "--set", paramLabel = "NAME", description = "profile set: platforms or seed (default: ${DEFAULT-VALUE})")
    String set = "platforms";

    @Option(names = "--profiles", paramLabel = "FILE", description = "a profile file (JSON) added to the set")
    Path profiles;

    @Option(names = "--only", paramLabel = "ID,ID", split = ",", description = "only these profile ids")
    List<String> only;

    @Option(names = "--album", description = "treat the folder as one album played in order")
    boolean album;

    /** One analysed track: what the file says, and the columns every analysis added. */
    record TrackResult(Path file, AudioFileInfo info, LoudnessReport loudness, Map<String, String> columns) {
    }

    /** One failed file and why. */
    record Failure(Path file, String message) {
    }

    @Override
    public Integer call() {
        if (!Files.exists(dir)) {
            throw new WorkbenchException(dir, "does not exist; give a folder of audio files or one audio file");
        }
        ProfileSet ps = ProfileSet.named(set);
        if (profiles != null) {
            ps = ps.merge(ProfileSet.load(profiles));
        }
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
                try {
                    tracks.add(analyse(f));
                } catch (WorkbenchException e) {
                    System.err.println("mw: " + e.getMessage());
                    failed.add(new Failure(f, e.getMessage()));
                } catch (RuntimeException e) {
                    String m = f + ": cannot be analysed: " + e;
                    System.err.println("mw: " + m);
                    failed.add(new Failure(f, m));
                }
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
     * Analyses one file. Every analysis adds named columns to the track's row; new analyses (spectrum,
     * dynamics, stereo) add theirs here and appear in {@code tracks.csv} and the report without other changes.
     */
    static TrackResult analyse(Path f) {
        AudioFileInfo info = Audio.info(f);
        LoudnessReport l = Loudness.of(f);
        Map<String, String> c = new LinkedHashMap<>();
        c.put("file", f.getFileName().toString());
        c.put("container", info.container());
        c.put("codec", info.codec());
        c.put("sample_rate_hz", Integer.toString(info.sampleRate()));
        c.put("bits_per_sample", info.bitsPerSample() == 0 ? "" : Integer.toString(info.bitsPerSample()));
        c.put("channels", Integer.toString(info.channels()));
        c.put("duration_s", num(l.durationSeconds(), 3));
        c.put("integrated_lufs", num(l.integratedLufs(), 2));
        c.put("loudness_range_lu", num(l.loudnessRangeLu(), 2));
        c.put("momentary_max_lufs", num(l.momentaryMaxLufs(), 2));
        c.put("short_term_max_lufs", num(l.shortTermMaxLufs(), 2));
        c.put("true_peak_dbtp", num(l.truePeakDbtp(), 2));
        c.put("sample_peak_dbfs", num(l.samplePeakDbfs(), 2));
        c.put("plr_db", num(l.plrDb(), 2));
        c.put("notes", l.notes() == null ? "" : l.notes());
        return new TrackResult(f, info, l, c);
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
