package mw.cli;

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
import picocli.CommandLine.Parameters;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Format, codec, sample rate, bit depth, channels and layout, duration and sample peak per channel.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "audio files")
    List<Path> files;

    @Override
    public Integer call() {
        List<String> failed = new ArrayList<>();
        for (Path f : files) {
            try {
                System.out.println(describe(f));
            } catch (WorkbenchException e) {
                System.err.println("mw: " + e.getMessage());
                failed.add(f.toString());
            }
        }
        if (!failed.isEmpty()) {
            if (files.size() > 1) {
                System.err.println("mw: " + failed.size() + " of " + files.size() + " files failed: " + String.join(", ", failed));
            }
            return Main.EXIT_BAD_INPUT;
        }
        return 0;
    }

    static String describe(Path f) {
        try (AudioReader r = Audio.open(f)) {
            AudioFileInfo info = r.info();
            int ch = info.channels();
            double[] peak = new double[ch];
            double[][] block = new double[ch][Audio.BLOCK];
            long frames = 0;
            int n;
            while ((n = r.read(block, Audio.BLOCK)) >= 0) {
                for (int c = 0; c < ch; c++) {
                    double[] b = block[c];
                    double p = peak[c];
                    for (int i = 0; i < n; i++) {
                        double a = Math.abs(b[i]);
                        if (a > p || Double.isNaN(a)) {
                            p = a;
                        }
                    }
                    peak[c] = p;
                }
                frames += n;
            }
            StringBuilder sb = new StringBuilder();
            sb.append(f).append('\n');
            sb.append(String.format(Locale.ROOT, "  format      %s, %s%n", info.container(), info.codec()));
            sb.append(String.format(Locale.ROOT, "  sample rate %d Hz%n", info.sampleRate()));
            sb.append(String.format(Locale.ROOT, "  bit depth   %s%n", info.bitsPerSample() > 0 ? info.bitsPerSample() + "-bit" : "n/a (lossy)"));
            sb.append(String.format(Locale.ROOT, "  channels    %d (%s: %s)%n", ch, info.layout().name(), info.layout().labels()));
            sb.append(String.format(Locale.ROOT, "  duration    %s (%d frames)%n", clock((double) frames / info.sampleRate()), frames));
            sb.append("  sample peak");
            for (int c = 0; c < ch; c++) {
                sb.append(String.format(Locale.ROOT, " %s %s", info.layout().speaker(c).label(), dbfs(peak[c])));
                if (c + 1 < ch) {
                    sb.append(',');
                }
            }
            return sb.toString();
        }
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
