package mw.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mw.analysis.Analysis;
import mw.loudness.LoudnessReport;
import mw.platforms.ProfileSet;
import mw.view.StudyReport;
import mw.workflow.Study;
import mw.workflow.StudyFailure;
import mw.workflow.StudyListener;
import mw.workflow.StudyResult;
import mw.workflow.StudySettings;
import mw.workflow.StudyTrack;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"The main job: analyse every track of a folder and write one HTML report with an index,"
                + " a page per track, charts, listening excerpts, and CSV/JSON/Markdown tables beside it.",
            "Per track: a one-line verdict, format, loudness and dynamics (ITU-R BS.1770-4 / EBU R 128), true peak over"
                + " time, spectrum and features, stereo, delivery QC, and what every streaming platform does to it;"
                + " broadcast, film, game and podcast specifications are in a panel of their own."
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

    @Option(names = "--play-as", paramLabel = "ID", description = "the streaming platform whose playback gain the"
            + " listening excerpts carry (default: the first that normalizes, spotify_normal in the bundled set)")
    String playAs;

    @Override
    public Integer call() {
        ProfileSet ps = profileOptions.profileSet();
        if (only != null && !only.isEmpty()) {
            ps = ps.only(only);
        }
        StudyReport.playbackProfile(ps, playAs); // an unknown or non-streaming id fails here, before any file is read
        StudySettings settings = StudySettings.defaults().withProfiles(ps).withAlbum(album);
        List<Path> files = Study.files(dir);
        StudyReport report = new StudyReport(out, files).playAs(playAs);
        StudyResult result;
        try (Progress p = new Progress("study", files.size())) {
            result = Study.of(dir, settings, new StudyListener() {
                @Override
                public void starting(int index, int total, Path file) {
                    p.set(index, file.getFileName().toString());
                }

                @Override
                public void analysed(int index, int total, StudyTrack t, Analysis analysis) {
                    report.analysed(index, total, t, analysis);
                    p.item(index + 1, t.name(), String.format(Locale.ROOT, "%s LUFS, true peak %s dBTP",
                            LoudnessReport.format(t.loudness().integratedLufs()), LoudnessReport.format(t.loudness().truePeakDbtp())));
                }

                @Override
                public void failed(int index, int total, StudyFailure f) {
                    System.err.println("mw: " + f.message());
                }
            });
            p.set(files.size(), "writing the report");
            report.write(result);
        }
        System.out.printf(Locale.ROOT, "study: %d tracks analysed, %d failed; report in %s%n", result.tracks().size(),
                result.failed().size(), out.resolve("index.html"));
        return result.failed().isEmpty() ? 0 : Main.EXIT_BAD_INPUT;
    }
}
