package mw.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.loudness.Loudness;
import mw.loudness.LoudnessMeter;
import mw.loudness.LoudnessReport;
import mw.loudness.LoudnessSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mw loudness [--json] [--series] [--hop-ms N] FILE...}: integrated loudness, loudness range,
 * maximum momentary and short-term loudness, true peak, sample peak and PLR of each file, per ITU-R
 * BS.1770-4 / EBU R 128. Files are streamed (bounded memory). A file that cannot be read is reported on
 * standard error and the others are still measured; the exit status is then 2.
 */
@Command(name = "loudness", mixinStandardHelpOptions = true,
        description = {"Loudness and true peak per ITU-R BS.1770-4 / EBU R 128 (EBU Tech 3341, Tech 3342).",
            "Prints a table, or with --json one JSON object per file per line."})
final class LoudnessCommand implements Callable<Integer> {
    /** Created on first use, so a plain table run does not load the JSON library. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Option(names = "--json", description = "one JSON object per file, one per line")
    boolean json;

    @Option(names = "--series", description = "also the momentary, short-term and running integrated loudness every --hop-ms (t = end of each window)")
    boolean series;

    @Option(names = "--hop-ms", paramLabel = "N", defaultValue = "100", description = "time between series readings in ms (default ${DEFAULT-VALUE})")
    int hopMs;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "audio files")
    List<String> files;

    @Override
    public Integer call() {
        if (hopMs < 1 || hopMs > 60_000) {
            throw new WorkbenchException("--hop-ms " + hopMs + " is out of range; accepted: 1 to 60000");
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        List<String> failed = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        List<String> tableNotes = new ArrayList<>();
        StringBuilder seriesText = new StringBuilder();
        for (String f : files) {
            LoudnessMeter m;
            try {
                m = Loudness.meter(Path.of(f), series ? hopMs : 0);
            } catch (WorkbenchException e) {
                err.println("mw: " + e.getMessage());
                failed.add(f);
                continue;
            } catch (java.nio.file.InvalidPathException e) {
                err.println("mw: " + f + ": not a valid path (" + e.getReason() + ")");
                failed.add(f);
                continue;
            } catch (RuntimeException e) {
                // a decoder failing in an unforeseen way must not stop the batch
                err.println("mw: " + f + ": cannot be measured: " + e);
                failed.add(f);
                continue;
            }
            LoudnessReport r = m.report();
            if (json) {
                out.println(toJson(f, r, series ? m.series() : null));
                out.flush();
            } else {
                rows.add(row(f, r));
                if (!r.notes().isEmpty()) {
                    tableNotes.add(f + ": " + r.notes());
                }
                if (series) {
                    appendSeries(seriesText, f, m.series());
                }
            }
        }
        if (!json) {
            printTable(out, rows);
            for (String n : tableNotes) {
                out.println("note: " + n);
            }
            out.print(seriesText);
            out.flush();
        }
        if (!failed.isEmpty()) {
            if (files.size() > 1) {
                err.println("mw: " + failed.size() + " of " + files.size() + " files failed: " + String.join(", ", failed));
            }
            return Main.EXIT_BAD_INPUT;
        }
        return 0;
    }

    static String toJson(String file, LoudnessReport r, LoudnessSeries s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("file", file);
        o.setAll(r.toJson());
        if (s != null) {
            ObjectNode so = o.putObject("series");
            so.put("hop_s", s.hopSeconds());
            ArrayNode t = so.putArray("t");
            ArrayNode mo = so.putArray("momentary");
            ArrayNode st = so.putArray("short_term");
            ArrayNode ri = so.putArray("running_integrated");
            for (int k = 0; k < s.size(); k++) {
                t.add(Math.round(s.timesSeconds()[k] * 1000) / 1000.0);
                addNumber(mo, s.momentaryLufs()[k]);
                addNumber(st, s.shortTermLufs()[k]);
                addNumber(ri, s.runningIntegratedLufs()[k]);
            }
        }
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addNumber(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(Math.round(v * 100) / 100.0);
        } else {
            a.addNull();
        }
    }

    /**
     * A figure for the terminal in the workbench's one convention ({@link mw.view.Format}): two decimals,
     * "n/a" when it does not exist (the integrated loudness of a file shorter than one gating block),
     * "-inf" for digital silence.
     */
    static String fmt(double v) {
        return mw.view.Format.number(v, 2);
    }

    private static final String[] HEADER = {"file", "I LUFS", "LRA LU", "M max LUFS", "S max LUFS", "TP dBTP",
        "SP dBFS", "PLR dB", "duration s"};

    private static String[] row(String f, LoudnessReport r) {
        return new String[] {f, fmt(r.integratedLufs()), fmt(r.loudnessRangeLu()),
            fmt(r.momentaryMaxLufs()), fmt(r.shortTermMaxLufs()),
            fmt(r.truePeakDbtp()), fmt(r.samplePeakDbfs()),
            fmt(r.plrDb()), String.format(Locale.ROOT, "%.3f", r.durationSeconds())};
    }

    private static void printTable(PrintStream out, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int[] w = new int[HEADER.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = HEADER[i].length();
            for (String[] r : rows) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        out.println(line(HEADER, w));
        for (String[] r : rows) {
            out.println(line(r, w));
        }
    }

    private static String line(String[] cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            String c = cells[i];
            if (i == 0) {
                sb.append(c).append(" ".repeat(w[i] - c.length()));
            } else {
                sb.append(" ".repeat(w[i] - c.length())).append(c);
            }
        }
        return sb.toString().stripTrailing();
    }

    private static void appendSeries(StringBuilder sb, String f, LoudnessSeries s) {
        sb.append('\n').append(f).append(String.format(Locale.ROOT, ": momentary, short-term and running integrated loudness every %d ms (t = end of window)%n",
                Math.round(s.hopSeconds() * 1000)));
        sb.append("  t s      M LUFS   S LUFS   I LUFS\n");
        for (int k = 0; k < s.size(); k++) {
            sb.append(String.format(Locale.ROOT, "  %-8.3f %7s  %7s  %7s%n", s.timesSeconds()[k],
                    fmt(s.momentaryLufs()[k]), fmt(s.shortTermLufs()[k]),
                    fmt(s.runningIntegratedLufs()[k])));
        }
    }
}
