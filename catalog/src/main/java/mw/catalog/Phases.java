package mw.catalog;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Where the time of a run goes: with {@code -Dmw.catalog.phases=true} (or {@code MW_CATALOG_PHASES=1}) each
 * phase of the job prints its wall time and the CPU time of the whole process (every thread: Spark's, the
 * JIT compilers', the garbage collector's) to stderr, and the end of the run adds the JVM's own counters
 * of compilation and collection. Off by default; used for the fixed-cost breakdown in docs/benchmarks.md.
 */
final class Phases {
    static final boolean ON = Boolean.getBoolean("mw.catalog.phases") || "1".equals(System.getenv("MW_CATALOG_PHASES"));
    private static final PrintStream OUT = System.err;
    private static long wall = System.nanoTime();
    private static long cpu = cpu();

    private Phases() {
    }

    /** The time from the JVM's start to now (class loading and the launcher's work before the job). */
    static void jvmStart() {
        if (!ON) {
            return;
        }
        long up = ManagementFactory.getRuntimeMXBean().getUptime();
        OUT.printf(Locale.ROOT, "phase %-28s wall %6.2f s  CPU %6.2f s%n", "JVM start to main", up / 1e3, cpu() / 1e9);
        wall = System.nanoTime();
        cpu = cpu();
    }

    /** Ends the current phase under this name. */
    static void end(String name) {
        if (!ON) {
            return;
        }
        long w = System.nanoTime();
        long c = cpu();
        OUT.printf(Locale.ROOT, "phase %-28s wall %6.2f s  CPU %6.2f s%n", name, (w - wall) / 1e9, (c - cpu) / 1e9);
        wall = w;
        cpu = c;
    }

    /** The JVM's totals so far: process CPU, time spent compiling, time spent collecting. */
    static void totals() {
        if (!ON) {
            return;
        }
        long gc = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, b.getCollectionTime());
        }
        long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        OUT.printf(Locale.ROOT, "phase %-28s CPU %6.2f s  JIT compiling %6.2f s  GC %6.2f s  classes %d%n", "total",
                cpu() / 1e9, jit / 1e3, gc / 1e3, ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
    }

    private static long cpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
