package mw.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * Wall time of each block of the live chain for block sizes 32 to 4096 frames (stereo, 48 kHz, mode
 * {@code moving} of {@link LiveBench}: every block inside a transition that moves every parameter), with
 * another thread spinning on the machine's other core the whole time. Prints, per block size, the
 * percentiles p50 / p99 / p99.9 / max of the block time against the block's real-time budget
 * ({@code frames / 48000} s) and the real-time factor by thread CPU time.
 *
 * <p>{@code args[0]}: seconds of audio per block size (default 120); {@code args[1]}: {@code busy} (default)
 * to keep the spinning thread, {@code idle} without it.
 */
public final class LiveBlockTimes {
    private static volatile boolean stop;
    private static volatile double sink;

    public static void main(String[] args) throws InterruptedException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 120;
        boolean busy = args.length < 2 || args[1].equals("busy");
        Thread spinner = null;
        if (busy) {
            spinner = new Thread(() -> {
                double x = 1;
                while (!stop) {
                    for (int i = 0; i < 1_000_000; i++) {
                        x = x * 1.0000001 + 1e-9;
                    }
                    sink = x;
                }
            }, "busy");
            spinner.setDaemon(true);
            spinner.start();
        }
        var mx = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "| block (frames) | budget | p50 | p99 | p99.9 | max | p99.9 / budget | CPU real-time factor |%n");
        System.out.printf(Locale.ROOT, "|---:|---:|---:|---:|---:|---:|---:|---:|%n");
        for (int frames = 32; frames <= 4096; frames *= 2) {
            LiveBench b = new LiveBench();
            b.mode = "moving";
            b.frames = frames;
            b.setup();
            long warm = (long) (60.0 * LiveBench.FS / frames); // one minute of audio
            for (long i = 0; i < warm; i++) {
                b.controlAndBlock();
            }
            int blocks = (int) (seconds * LiveBench.FS / frames);
            long[] wall = new long[blocks];
            long cpu0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < blocks; i++) {
                b.control();
                long t0 = System.nanoTime();
                b.processBlock();
                wall[i] = System.nanoTime() - t0;
            }
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            Arrays.sort(wall);
            double budget = 1e6 * frames / LiveBench.FS;
            double p999 = wall[(int) (blocks * 0.999)] / 1e3;
            System.out.printf(Locale.ROOT, "| %d | %.0f us | %.1f us | %.1f us | %.1f us | %.0f us | %.3f | %.0fx |%n",
                    frames, budget, wall[blocks / 2] / 1e3, wall[(int) (blocks * 0.99)] / 1e3, p999,
                    wall[blocks - 1] / 1e3, p999 / budget, seconds / (cpu / 1e9));
        }
        stop = true;
        if (spinner != null) {
            spinner.join();
        }
    }
}
