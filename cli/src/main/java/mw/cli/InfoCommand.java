package mw.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.io.AudioReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mw info FILE...}: what each file holds (container, codec, sample rate, bit depth, channels and
 * their layout, duration, sample peak per channel). The whole file is decoded, so damage anywhere in it
 * is found. A bad file is reported on one line and the batch goes on; the failures are listed again at
 * the end and the exit status is 2.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Format, codec, sample rate, bit depth, channels and layout, duration and sample peak per channel.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "audio files (WAV/RF64, AIFF, FLAC, MP3, Ogg Vorbis)")
    List<Path> files;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write one row per readable file to this CSV file")
    Path csv;

    /** What {@code info} found out about one file. */
    record Row(AudioFileInfo info, long frames, double[] peak, long[] nan, long[] posInf, long[] negInf) {
        /** True when channel {@code c} holds any NaN or infinite sample. */
        boolean nonFinite(int c) {
            return nan[c] + posInf[c] + negInf[c] > 0;
        }
    }

    @Override
    public Integer call() {
        List<String> failed = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (Path f : files) {
            try {
                Row row = inspect(f);
                rows.add(row);
                System.out.println(describe(row));
            } catch (WorkbenchException e) {
                System.err.println("mw: " + e.getMessage().replaceAll("\\s*[\\r\\n]+\\s*", " "));
                failed.add(f.toString());
            }
        }
        if (csv != null) {
            String table = csv(rows);
            Audio.atomicWrite(csv, files, out -> out.write(table.getBytes(StandardCharsets.UTF_8)));
        }
        System.out.flush();
        if (!failed.isEmpty()) {
            if (files.size() > 1) {
                System.err.println("mw: " + failed.size() + " of " + files.size() + " files failed: "
                        + String.join(", ", failed));
            }
            return Main.EXIT_BAD_INPUT;
        }
        return 0;
    }

    /** Decodes the whole file, counting frames and the sample peak of each channel. */
    static Row inspect(Path f) {
        try (AudioReader r = Audio.open(f)) {
            AudioFileInfo info = r.info();
            int ch = info.channels();
            double[] peak = new double[ch];
            long[] nan = new long[ch];
            long[] posInf = new long[ch];
            long[] negInf = new long[ch];
            double[][] block = new double[ch][Audio.BLOCK];
            long frames = 0;
            int n;
            while ((n = r.read(block, Audio.BLOCK)) >= 0) {
                for (int c = 0; c < ch; c++) {
                    double[] b = block[c];
                    double p = peak[c];
                    for (int i = 0; i < n; i++) {
                        double v = b[i];
                        if (!Double.isFinite(v)) {
                            // counted apart: the peak is that of the finite samples
                            if (Double.isNaN(v)) {
                                nan[c]++;
                            } else if (v > 0) {
                                posInf[c]++;
                            } else {
                                negInf[c]++;
                            }
                            continue;
                        }
                        double a = Math.abs(v);
                        if (a > p) {
                            p = a;
                        }
                    }
                    peak[c] = p;
                }
                frames += n;
            }
            if (frames == 0) {
                throw new WorkbenchException(f, "contains no audio (0 sample frames)");
            }
            return new Row(info, frames, peak, nan, posInf, negInf);
        }
    }

    /** The human-readable description: the file name, then one indented line per property. */
    static String describe(Path f) {
        return describe(inspect(f));
    }

    static String describe(Row row) {
        AudioFileInfo info = row.info();
        int ch = info.channels();
        StringBuilder sb = new StringBuilder();
        sb.append(info.path()).append('\n');
        sb.append(String.format(Locale.ROOT, "  format      %s, %s%n", info.container(), info.codec()));
        sb.append(String.format(Locale.ROOT, "  sample rate %d Hz%n", info.sampleRate()));
        sb.append(String.format(Locale.ROOT, "  bit depth   %s%n",
                info.bitsPerSample() > 0 ? info.bitsPerSample() + "-bit" : "n/a (lossy)"));
        sb.append(String.format(Locale.ROOT, "  channels    %d (%s: %s)%n", ch, info.layout().name(), info.layout().labels()));
        sb.append(String.format(Locale.ROOT, "  duration    %s (%d frames)%n",
                clock((double) row.frames() / info.sampleRate()), row.frames()));
        sb.append("  sample peak");
        for (int c = 0; c < ch; c++) {
            sb.append(String.format(Locale.ROOT, " %s %s", info.layout().speaker(c).label(), dbfs(row.peak()[c])));
            if (c + 1 < ch) {
                sb.append(',');
            }
        }
        StringBuilder bad = new StringBuilder();
        for (int c = 0; c < ch; c++) {
            if (row.nonFinite(c)) {
                List<String> kinds = new ArrayList<>();
                if (row.nan()[c] > 0) {
                    kinds.add(row.nan()[c] + " NaN");
                }
                if (row.posInf()[c] > 0) {
                    kinds.add(row.posInf()[c] + " +Inf");
                }
                if (row.negInf()[c] > 0) {
                    kinds.add(row.negInf()[c] + " -Inf");
                }
                bad.append(bad.length() == 0 ? "" : "; ").append(info.layout().speaker(c).label()).append(' ')
                        .append(String.join(", ", kinds));
            }
        }
        if (bad.length() > 0) {
            sb.append(" (of the finite samples)\n  not finite  ").append(bad)
                    .append(" samples: the file cannot be measured or mastered until they are repaired");
        }
        return sb.toString();
    }

    static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder(
                "file,container,codec,sample_rate_hz,bits_per_sample,channels,layout,frames,duration_s,sample_peak_dbfs\n");
        for (Row r : rows) {
            AudioFileInfo i = r.info();
            StringBuilder peaks = new StringBuilder();
            for (int c = 0; c < i.channels(); c++) {
                if (c > 0) {
                    peaks.append(' ');
                }
                double p = r.peak()[c];
                peaks.append(i.layout().speaker(c).label()).append('=').append(r.nonFinite(c) ? "nan" : p == 0 ? "-inf"
                        : String.format(Locale.ROOT, "%.2f", 20 * Math.log10(p)));
            }
            sb.append(String.join(",", quote(i.path().toString()), quote(i.container()), quote(i.codec()),
                    Integer.toString(i.sampleRate()), Integer.toString(i.bitsPerSample()), Integer.toString(i.channels()),
                    quote(i.layout().labels()), Long.toString(r.frames()),
                    String.format(Locale.ROOT, "%.6f", (double) r.frames() / i.sampleRate()), quote(peaks.toString())));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return mw.view.Tables.csvQuote(s);
    }

    static String dbfs(double linear) {
        if (Double.isNaN(linear)) {
            return "NaN";
        }
        if (linear == 0) {
            return "-inf dBFS";
        }
        return String.format(Locale.ROOT, "%.2f dBFS", 20 * Math.log10(linear));
    }

    static String clock(double seconds) {
        int m = (int) (seconds / 60);
        double s = seconds - m * 60;
        return String.format(Locale.ROOT, "%d:%06.3f", m, s);
    }
}
