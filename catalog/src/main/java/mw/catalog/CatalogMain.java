package mw.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mw catalog INPUT... --out DIR}: the catalog audit. Run by {@code ./mw catalog} (embedded Spark,
 * {@code local[*]}) or by {@code spark-submit --class mw.catalog.CatalogMain mw-catalog.jar ...} on a
 * cluster, where the master comes from spark-submit.
 */
@Command(name = "mw catalog",
        description = {"Audits every track of a catalog on Apache Spark: file info, loudness (I, LRA, M/S max, TP, PLR),"
                + " dynamics, a spectral summary, QC checks and every platform's verdict.",
            "Writes tracks.csv, tracks.parquet and summary.html to --out. A re-run skips files already measured"
                + " (same path, size and time); a file that cannot be read becomes a row with an error."})
public final class CatalogMain implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT",
            description = "folders (searched at any depth), globs ('dir/**.flac'), list files (.txt: a path per line;"
                    + " .csv: a path column) or audio files")
    List<String> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "output folder: new, empty, or a catalog folder of an earlier run (resumed)")
    Path out;

    @Option(names = "--set", paramLabel = "NAME", defaultValue = "platforms",
            description = "bundled profile set: platforms or seed (default: ${DEFAULT-VALUE})")
    String set;

    @Option(names = "--profiles", paramLabel = "FILE", description = "a profile file (JSON) added to the set; same id replaces")
    Path profiles;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "files per Spark job; each finished batch is kept if the run stops (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not started by spark-submit (default: local[*], every core of this machine)")
    String master;

    @Option(names = "--clicks", description = "also run the damage scan of mw analyze (clicks and their times, clipped runs,"
            + " noise floor, hum); costs more than all other measurements together")
    boolean clicks;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Override
    public Integer call() {
        boolean shared = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = session(master);
        Phases.end("Spark session start");
        try {
            CatalogJob.Result r = CatalogJob.run(spark, new CatalogJob.Options(inputs, out, set, profiles, batch,
                    clicks, quiet ? null : System.err));
            System.out.println(r.summary());
            return 0;
        } finally {
            if (!shared) {
                spark.stop();
                Phases.end("Spark session stop");
            }
            Phases.totals();
        }
    }

    /**
     * A Spark session: the master spark-submit configured, else the one given, else {@code local[*]};
     * an embedded session binds to the loopback address and has no web UI. A session that is already
     * running in this JVM is used as it is (and left running).
     */
    public static SparkSession session(String master) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName("mw catalog")
                .config("spark.sql.debug.maxToStringFields", "400");
        if (!conf.contains("spark.master")) {
            String m = master == null ? "local[*]" : master;
            b.master(m);
            if (m.startsWith("local")) {
                b.config("spark.ui.enabled", "false")
                        .config("spark.driver.host", "127.0.0.1")
                        .config("spark.driver.bindAddress", "127.0.0.1")
                        .config("spark.sql.shuffle.partitions", "4")
                        .config("spark.sql.adaptive.enabled", "true");
            }
        }
        SparkSession s = b.getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        return s;
    }

    public static void main(String[] args) {
        Phases.jvmStart();
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("spark.master") == null) {
            // embedded: Spark's start-up chatter is not for the user; warnings and errors still show
            System.setProperty("log4j2.configurationFile", "mw-catalog-log4j2.properties");
        }
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (2 for bad input). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new CatalogMain());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable t = ex;
            while (!(t instanceof WorkbenchException) && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof WorkbenchException) {
                commandLine.getErr().println("mw: " + t.getMessage());
                return 2;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("mw: " + ex.getMessage());
            return 2;
        });
        return cl.execute(args);
    }
}
