package mw.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.analysis.Analysis;
import mw.analysis.Compare;
import mw.analysis.Comparison;
import mw.analysis.FeatureSet;
import mw.analysis.Features;
import mw.analysis.Signals;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.Outputs;
import mw.view.Charts;
import mw.view.HtmlReport;
import mw.view.Tables;
import mw.view.Views;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

/**
 * {@code mw analyze FILE... [--ref REF...] [--out DIR] [--json]}: for each file, a folder with the
 * tables (CSV and JSON), the charts (PNG) and a self-contained HTML report; with references, the
 * comparison too. Bad files are reported and skipped; the exit status is 2 when any failed.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Spectra, features, stereo, dynamics and damage; tables (CSV, JSON), charts (PNG) and an HTML report per file.")
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "audio files (or folders of them) to analyse")
    List<Path> files;

    @Option(names = "--ref", arity = "1..*", paramLabel = "REF", description = "reference tracks to compare each file with")
    List<Path> refs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE}); one sub-folder per file")
    Path out = Path.of("out", "analysis");

    @Option(names = "--json", description = "print the results as JSON on standard output instead of a text summary")
    boolean json;

    @Override
    public Integer call() {
        // the same file given twice is analysed once
        java.util.Set<Path> seen = new java.util.HashSet<>();
        List<Path> inputs = new ArrayList<>();
        for (Path f : files) {
            for (Path p : Audio.listAudioFiles(f)) {
                if (seen.add(p.toAbsolutePath().normalize())) {
                    inputs.add(p);
                }
            }
        }
        if (inputs.isEmpty()) {
            throw new WorkbenchException("no audio files found in " + files + "; accepted: WAV, AIFF, FLAC, MP3, Ogg Vorbis");
        }
        List<Path> allInputs = new ArrayList<>(inputs);
        allInputs.addAll(refs);
        Map<String, AudioBuffer> refAudio = new LinkedHashMap<>();
        for (Path r : refs) {
            refAudio.put(r.getFileName().toString(), Audio.read(r));
        }
        List<String> failed = new ArrayList<>();
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        Outputs run = Outputs.of(allInputs);
        // one folder per input, unique even for y.wav beside y.flac
        List<String> folders = Outputs.uniqueStems(inputs);
        try (Progress progress = new Progress("analyze", inputs.size())) {
            int index = 0;
            for (int i = 0; i < inputs.size(); i++) {
                Path f = inputs.get(i);
                progress.step(0, f.getFileName().toString());
                index++;
                try {
                    ObjectNode node = analyse(f, refAudio, run, out.resolve(folders.get(i)));
                    all.set(f.toString(), node);
                    progress.item(index, f.getFileName().toString(), "done");
                } catch (WorkbenchException e) {
                    System.err.println("mw: " + e.about(f).getMessage());
                    failed.add(f.toString());
                } catch (RuntimeException e) {
                    // a defect must not end the batch: the other files are still analysed
                    System.err.println("mw: " + f + ": " + Main.internal(e));
                    failed.add(f.toString());
                }
                progress.step(1, f.getFileName().toString());
            }
        }
        if (json) {
            System.out.println(Tables.json(all));
        }
        if (!failed.isEmpty()) {
            if (inputs.size() > 1) {
                System.err.println("mw: " + failed.size() + " of " + inputs.size() + " files failed: " + String.join(", ", failed));
            }
            return Main.EXIT_BAD_INPUT;
        }
        return 0;
    }

    private ObjectNode analyse(Path file, Map<String, AudioBuffer> refs, Outputs run, Path dir) {
        AudioBuffer audio = Audio.read(file);
        String name = file.getFileName().toString();
        Analysis a = Analysis.of(name, audio);
        Map<String, Table> tables = new LinkedHashMap<>(Views.tables(a));
        List<FeatureSet> perSignal = perSignal(audio, a);
        if (perSignal.size() > 1) {
            tables.put("features-per-signal", Views.signalFeatureTable(perSignal));
        }
        Map<String, org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts = new LinkedHashMap<>(Views.charts(a));
        HtmlReport report = Views.report(a, perSignal);
        Comparison c = null;
        if (!refs.isEmpty()) {
            c = Compare.of(name, audio, refs);
            tables.putAll(Views.tables(c));
            charts.putAll(Views.charts(c));
            Views.addTo(report, c);
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (var e : tables.entrySet()) {
            run.writeText(dir.resolve(e.getKey() + ".csv"), Tables.toCsv(e.getValue()));
            run.writeText(dir.resolve(e.getKey() + ".json"), Tables.toJson(e.getValue()));
            node.set(e.getKey(), Tables.toJsonNode(e.getValue()));
        }
        for (var e : charts.entrySet()) {
            run.writeBytes(dir.resolve(e.getKey() + ".png"), Charts.png(e.getValue()));
        }
        Path html = run.writeText(dir.resolve("report.html"), report.toHtml());
        node.put("report", html.toString());
        if (!json) {
            var f = a.features();
            StringBuilder sb = new StringBuilder();
            if ((audio.peak() == 0)) {
                sb.append(name).append(": digital silence (every sample is 0): spectrum, loudness, dynamics and stereo"
                        + " cannot be measured");
            } else {
                sb.append(String.format(Locale.ROOT, "%s: centroid %s Hz, roll-off %s Hz, RMS %s dBFS, crest %s dB, DR%d",
                        name, whole(f.spectralCentroidHz()), whole(f.spectralRolloffHz()), one(f.rmsDbfs()), one(f.crestFactorDb()),
                        a.dynamics().drScore()));
            }
            if (a.loudness() != null && !(audio.peak() == 0)) {
                sb.append(", ").append(one(a.loudness().integratedLufs())).append(" LUFS, LRA ")
                        .append(one(a.loudness().loudnessRangeLu())).append(" LU");
            }
            if (a.stereo() != null && !(audio.peak() == 0)) {
                sb.append(String.format(Locale.ROOT, ", correlation %.2f, side/mid %s dB", a.stereo().correlation(),
                        Tables.format(a.stereo().sideToMidDb())));
            }
            System.out.println(sb);
            if (a.damage() != null && audio.peak() != 0) {
                var d = a.damage();
                System.out.println(String.format(Locale.ROOT, "  damage: %d click%s, %d clipped run%s (longest %d samples), noise floor %s dBFS,"
                        + " DC offset %s %%, hum %s", d.clicks(), d.clicks() == 1 ? "" : "s", d.clippedRuns(),
                        d.clippedRuns() == 1 ? "" : "s", d.longestClippedRun(), one(d.noiseFloorDbfs()),
                        mw.view.Format.number(100 * d.dcOffset()), Double.isNaN(d.humHz()) ? "none"
                                : d.summary().hum() + " at " + one(d.humLevelDb()) + " dB re programme"));
            }
            if (c != null) {
                for (Comparison.EqSuggestion e : c.eq()) {
                    if (e.gainDb() != 0) {
                        System.out.println(String.format(Locale.ROOT, "  EQ %9s %+5.1f dB  %s", mw.analysis.Band.label(e.band()),
                                e.gainDb(), e.reason()));
                    }
                }
            }
            System.out.println("  report: " + html);
        }
        return node;
    }

    /**
     * Features of the mix (already in the analysis), each channel and, for stereo, mid and side; only the
     * mix for a mono file. The signals are measured in parallel.
     */
    private static List<FeatureSet> perSignal(AudioBuffer audio, Analysis a) {
        List<String> names = Signals.names(audio).stream().filter(s -> !s.equals(Signals.MIX)).toList();
        if (audio.channels() < 2) {
            return List.of(a.features());
        }
        List<FeatureSet> out = new ArrayList<>();
        out.add(a.features());
        out.addAll(names.parallelStream().map(s -> Features.of(audio, s)).toList());
        return out;
    }

    /** No decimals, or "n/a" for a figure that does not exist. */
    static String whole(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f", v) : one(v);
    }

    /** One decimal, or "n/a" for a figure that does not exist (the loudness of a 10 ms file). */
    static String one(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : Double.isNaN(v) ? "n/a" : (v > 0 ? "inf" : "-inf");
    }
}
