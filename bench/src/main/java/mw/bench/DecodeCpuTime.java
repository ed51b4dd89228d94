package mw.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import mw.audio.AudioBuffer;
import mw.io.Audio;

/**
 * Whole-file decoding inside one JVM ({@code Audio.read}, no start-up), best of N runs per file in
 * wall time and in thread CPU time (which other jobs on shared cores do not inflate). Run:
 * {@code java -cp bench/target/benchmarks.jar mw.bench.DecodeCpuTime [-n RUNS] FILE...}; make the
 * files as {@code bench/decode-vs-ffmpeg.sh} does.
 */
public final class DecodeCpuTime {
    private DecodeCpuTime() {
    }

    public static void main(String[] args) {
        int runs = 6;
        int first = 0;
        if (args.length > 1 && args[0].equals("-n")) {
            runs = Integer.parseInt(args[1]);
            first = 2;
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.println("| file | frames | best wall (s) | best CPU (s) | real-time factor (CPU) |");
        System.out.println("|---|---|---|---|---|");
        for (int f = first; f < args.length; f++) {
            double wall = Double.MAX_VALUE;
            double cpu = Double.MAX_VALUE;
            AudioBuffer a = null;
            for (int i = 0; i < runs; i++) {
                a = null;
                long t0 = System.nanoTime();
                long c0 = mx.getCurrentThreadCpuTime();
                a = Audio.read(args[f]);
                cpu = Math.min(cpu, (mx.getCurrentThreadCpuTime() - c0) / 1e9);
                wall = Math.min(wall, (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.0fx |%n", args[f], a.frames(), wall, cpu,
                    a.durationSeconds() / cpu);
        }
    }
}
