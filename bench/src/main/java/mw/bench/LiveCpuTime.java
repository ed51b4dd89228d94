package mw.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * Thread CPU time of the live chain on 128-frame stereo blocks at 48 kHz in the three modes of
 * {@link LiveBench} (steady in A, steady in B, moving) over a soak of {@code args[0]} minutes of audio
 * (default 10): real-time factor by CPU time (immune to other processes on a busy machine), percentiles
 * of the per-block wall time, bytes allocated by the engine's {@code process} calls and garbage
 * collections during the soak. The transitions of mode {@code moving} are requested on the same thread
 * between blocks; what the requests allocate (the control side's immutable request objects) is counted
 * apart from the blocks.
 */
public final class LiveCpuTime {
    public static void main(String[] args) {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        String[] modes = args.length > 1 ? args[1].split(",") : new String[] {"steady", "steadyB", "moving"};
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        // the first calls of the probes allocate once; make them before anything is counted
        mx.getThreadAllocatedBytes(id);
        mx.getCurrentThreadCpuTime();
        for (String mode : modes) {
            LiveBench b = new LiveBench();
            b.mode = mode;
            b.setup();
            for (int i = 0; i < 200_000; i++) {
                b.controlAndBlock(); // warm-up
            }
            long blocks = (long) (minutes * 60 * LiveBench.FS / b.frames);
            long[] wall = new long[(int) blocks];
            long gcBefore = gcCount();
            long controlAlloc = 0;
            long requests = 0;
            long alloc0 = mx.getThreadAllocatedBytes(id);
            long cpu0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < blocks; i++) {
                if (b.moving && b.blocks % b.transitionBlocks == 0) {
                    long a0 = mx.getThreadAllocatedBytes(id);
                    b.control();
                    controlAlloc += mx.getThreadAllocatedBytes(id) - a0;
                    requests++;
                }
                long t0 = System.nanoTime();
                b.processBlock();
                wall[i] = System.nanoTime() - t0;
            }
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            long alloc = mx.getThreadAllocatedBytes(id) - alloc0 - controlAlloc;
            long gcs = gcCount() - gcBefore;
            Arrays.sort(wall);
            double audio = blocks * (double) b.frames / LiveBench.FS;
            System.out.printf(Locale.ROOT, "%s: %.1f min of audio, CPU %.2f s = %.0fx real time; per block CPU %.1f us;"
                            + " wall p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.0f us (budget %.0f us);"
                            + " blocks allocated %d bytes (%.4f per block); %d transition requests allocated %d bytes;"
                            + " GC runs %d%n",
                    mode, audio / 60, cpu / 1e9, audio / (cpu / 1e9), cpu / 1e3 / blocks,
                    wall[(int) (blocks * 0.5)] / 1e3, wall[(int) (blocks * 0.99)] / 1e3, wall[(int) (blocks * 0.999)] / 1e3,
                    wall[wall.length - 1] / 1e3, 1e6 * b.frames / LiveBench.FS, alloc, (double) alloc / blocks,
                    requests, controlAlloc, gcs);
        }
    }

    static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, g.getCollectionCount());
        }
        return n;
    }
}
