package mw.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The ChainBench workload timed in thread CPU time rather than wall time, for machines where other
 * jobs share the cores (wall time then measures the neighbours too). Run:
 * {@code java -cp bench/target/benchmarks.jar mw.bench.ChainCpuTime}.
 */
public final class ChainCpuTime {
    private ChainCpuTime() {
    }

    public static void main(String[] args) {
        ChainBench b = new ChainBench();
        b.setup();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double audioSeconds = b.music.durationSeconds();
        for (int round = 0; round < 6; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            b.eqCompressorTruePeakLimiter();
            long t1 = mx.getCurrentThreadCpuTime();
            b.truePeakLimiterAlone();
            long t2 = mx.getCurrentThreadCpuTime();
            b.eqAlone();
            long t3 = mx.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "round %d: chain %.0f ms CPU (%.0fx real time), limiter %.0f ms (%.0fx), eq %.0f ms (%.0fx)%n",
                    round, (t1 - t0) / 1e6, audioSeconds / ((t1 - t0) / 1e9), (t2 - t1) / 1e6, audioSeconds / ((t2 - t1) / 1e9),
                    (t3 - t2) / 1e6, audioSeconds / ((t3 - t2) / 1e9));
        }
    }
}
