package mw.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "study", mixinStandardHelpOptions = true,
        description = "The main job: analyse every track of a folder and write tables, charts and an HTML report.")
final class StudyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "folder of audio files (or one file)")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out = Path.of("out", "study");

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(dir)) {
            throw new WorkbenchException(dir, "does not exist");
        }
        List<Path> files = Audio.listAudioFiles(dir);
        if (files.isEmpty()) {
            throw new WorkbenchException(dir, "holds no audio files; accepted: .wav .aif .aiff .flac .mp3 .ogg");
        }
        List<String> rows = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try (Progress p = new Progress("study", files.size())) {
            for (Path f : files) {
                p.set(rows.size() + failed.size(), f.getFileName().toString());
                try {
                    AudioFileInfo info = Audio.info(f);
                    AudioBuffer a = Audio.read(f);
                    rows.add(String.format(Locale.ROOT, "%s,%s,%d,%d,%.3f,%.2f", f.getFileName(), info.codec(),
                            info.sampleRate(), info.channels(), a.durationSeconds(), 20 * Math.log10(a.peak())));
                } catch (WorkbenchException e) {
                    System.err.println("mw: " + e.getMessage());
                    failed.add(f + ": " + e.getMessage());
                }
            }
        }
        Files.createDirectories(out);
        String csv = "file,codec,sample_rate,channels,duration_s,sample_peak_dbfs\n" + String.join("\n", rows) + "\n";
        Audio.atomicWrite(out.resolve("tracks.csv"), List.of(), o -> o.write(csv.getBytes(StandardCharsets.UTF_8)));
        StringBuilder html = new StringBuilder("<!doctype html><meta charset=utf-8><title>Study</title><h1>Study of ")
                .append(dir).append("</h1><table border=1><tr><th>")
                .append(String.join("<th>", "file,codec,sample rate,channels,duration (s),sample peak (dBFS)".split(",")))
                .append("</tr>");
        for (String r : rows) {
            html.append("<tr><td>").append(String.join("<td>", r.split(","))).append("</tr>");
        }
        html.append("</table>");
        if (!failed.isEmpty()) {
            html.append("<h2>Failed</h2><ul>");
            failed.forEach(f -> html.append("<li>").append(f).append("</li>"));
            html.append("</ul>");
        }
        Audio.atomicWrite(out.resolve("index.html"), List.of(), o -> o.write(html.toString().getBytes(StandardCharsets.UTF_8)));
        System.out.println("study: " + rows.size() + " tracks, report in " + out.resolve("index.html"));
        return failed.isEmpty() ? 0 : Main.EXIT_BAD_INPUT;
    }
}
