package mw.catalog;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import mw.WorkbenchException;
import mw.platforms.Profile;
import mw.platforms.ProfileSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * The catalog audit as a Spark job: the file list is spread over the executors, each runs
 * {@link TrackAudit} on its files, and the rows are appended to a Parquet store in the output folder.
 * Files whose key ({@code path|size|mtime}) is already in the store are not measured again, so a run
 * that was stopped resumes where it was, and a second run over the same files measures nothing.
 *
 * <p>Output folder:
 * <ul>
 *   <li>{@code catalog.json}: marks the folder as a catalog folder (and records the profile set);</li>
 *   <li>{@code measured/}: the Parquet store, one row per file version ever measured (appended per batch);</li>
 *   <li>{@code tracks.parquet/} and {@code tracks.csv}: one row per input of the latest run;</li>
 *   <li>{@code summary.html}: distributions, verdict counts per platform, worst offenders, errors.</li>
 * </ul>
 * Paths must be visible under the same name to the driver and every executor (a local folder, or a
 * shared mount on a cluster).
 */
public final class CatalogJob {
    /** What to run. */
    public record Options(List<String> inputs, Path out, String profileSet, Path profilesFile, int batchSize,
                          boolean clicks, PrintStream progress) {
        public Options {
            inputs = List.copyOf(inputs);
            if (out == null) {
                throw new WorkbenchException("no output folder given (--out DIR)");
            }
            WorkbenchException.checkRange("batch size", batchSize, 1, 1_000_000);
        }
    }

    /**
     * What a run did.
     *
     * @param files            inputs of this run
     * @param skippedNonAudio  files in the named folders that are not audio (not audited)
     * @param measured         files measured by this run
     * @param reused           files whose row came from an earlier run
     * @param errors           files that could not be measured (error rows)
     * @param audioHours       total audio duration of the inputs (h)
     * @param seconds          wall time of the run (s)
     * @param out              output folder
     */
    public record Result(int files, int skippedNonAudio, int measured, int reused, int errors, double audioHours,
                         double seconds, Path out) {
        /** One line for the terminal. */
        public String summary() {
            return String.format(Locale.ROOT,
                    "catalog: %s%s, %d measured now, %d from earlier runs, %s; %.2f audio-hours in %.1f s;"
                            + " %s, %s", count(files, "file"),
                    skippedNonAudio > 0 ? " (" + count(skippedNonAudio, "non-audio file") + " skipped)" : "",
                    measured, reused, count(errors, "error"), audioHours, seconds, out.resolve("tracks.csv"),
                    out.resolve("summary.html"));
        }

        static String count(long n, String noun) {
            return n + " " + noun + (n == 1 ? "" : "s");
        }
    }

    /**
     * Tracks (and audio seconds) audited by the executors of this JVM: in local mode the progress line
     * counts each track as it finishes, where Spark's accumulators only report whole tasks.
     */
    private static final java.util.concurrent.atomic.LongAdder LOCAL_TRACKS = new java.util.concurrent.atomic.LongAdder();
    private static final java.util.concurrent.atomic.DoubleAdder LOCAL_SECONDS = new java.util.concurrent.atomic.DoubleAdder();

    static final String MARKER = "catalog.json";
    static final String STORE = "measured";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogJob() {
    }

    /** Runs the audit in the given session. */
    public static Result run(SparkSession spark, Options o) {
        long start = System.nanoTime();
        CatalogInputs.Expanded ex = CatalogInputs.expand(o.inputs());
        ProfileSet profiles = ProfileSet.named(o.profileSet());
        byte[] profileBytes = null;
        if (o.profilesFile() != null) {
            try {
                profileBytes = Files.readAllBytes(o.profilesFile());
            } catch (IOException e) {
                throw new WorkbenchException(o.profilesFile(), "cannot read the profile file: " + e.getMessage(), e);
            }
            profiles = profiles.merge(ProfileSet.parse(profileBytes, o.profilesFile().toString()));
        }
        List<String> ids = new ArrayList<>();
        for (Profile p : profiles) {
            ids.add(p.id());
        }
        List<TrackAudit.Column> columns = new ArrayList<>(TrackAudit.columns(ids));
        columns.add(new TrackAudit.Column("run", TrackAudit.Type.LONG));
        StructType schema = schema(columns);
        Path out = o.out().toAbsolutePath().normalize();
        prepare(out, o.profileSet(), ids);
        String store = out.resolve(STORE).toUri().toString();

        Phases.end("inputs and profiles");
        Set<String> done = existingKeys(spark, out.resolve(STORE), store, o.clicks());
        Phases.end("keys already in the store");
        List<CatalogInput> todo = new ArrayList<>();
        for (CatalogInput in : ex.files()) {
            if (!done.contains(in.key())) {
                todo.add(in);
            }
        }
        long runId = System.currentTimeMillis();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        LongAccumulator tracks = spark.sparkContext().longAccumulator("catalog tracks");
        DoubleAccumulator audioSeconds = spark.sparkContext().doubleAccumulator("catalog audio seconds");
        Progress progress = new Progress(o.progress(), todo.size(), tracks, audioSeconds);
        String setName = o.profileSet();
        byte[] extra = profileBytes;
        String extraOrigin = o.profilesFile() == null ? null : o.profilesFile().toString();
        List<TrackAudit.Column> cols = List.copyOf(columns);
        progress.start();
        try {
            for (int from = 0; from < todo.size(); from += o.batchSize()) {
                List<CatalogInput> batch = todo.subList(from, Math.min(todo.size(), from + o.batchSize()));
                int slices = slices(batch.size(), jsc.defaultParallelism());
                JavaRDD<Row> rows = jsc.parallelize(new ArrayList<>(batch), slices)
                        .mapPartitions(auditor(setName, extra, extraOrigin, o.clicks(), cols, runId, tracks, audioSeconds));
                spark.createDataFrame(rows, schema).write().mode(SaveMode.Append).parquet(store);
            }
        } finally {
            progress.stop();
        }
        Phases.end("audit (" + todo.size() + " files) to store");

        Dataset<Row> current = current(spark, store, ex.files(), schema).cache();
        try {
            writeParquet(current, out);
            Phases.end("latest rows to tracks.parquet");
            CatalogSummary.Totals t = CatalogSummary.write(current, profiles, ex.skippedNonAudio(), out.resolve("summary.html"));
            Phases.end("summary.html");
            writeCsv(current, out);
            Phases.end("tracks.csv");
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(ex.files().size(), ex.skippedNonAudio(), todo.size(), ex.files().size() - todo.size(),
                    (int) (t.files() - t.measured()), t.audioHours(), seconds, out);
        } finally {
            current.unpersist();
        }
    }

    /** About 8 files per task on a small run, at most 50 on a large one, and at least two tasks per core. */
    static int slices(int files, int parallelism) {
        int s = Math.max(parallelism * 2, (files + 49) / 50);
        s = Math.max(s, Math.min(files / 8, parallelism * 16));
        return Math.max(1, Math.min(files, s));
    }

    private static FlatMapFunction<Iterator<CatalogInput>, Row> auditor(String setName, byte[] extra, String origin,
            boolean clicks, List<TrackAudit.Column> cols, long runId, LongAccumulator tracks, DoubleAccumulator audioSeconds) {
        return it -> {
            ProfileSet ps = ProfileSet.named(setName);
            if (extra != null) {
                ps = ps.merge(ProfileSet.parse(extra, origin));
            }
            ProfileSet profiles = ps;
            return new Iterator<Row>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Row next() {
                    Map<String, Object> v = TrackAudit.audit(it.next(), profiles, clicks);
                    v.put("run", runId);
                    tracks.add(1);
                    LOCAL_TRACKS.increment();
                    if (v.get("duration_s") instanceof Double d) {
                        audioSeconds.add(d);
                        LOCAL_SECONDS.add(d);
                    }
                    Object[] values = new Object[cols.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = v.get(cols.get(i).name());
                    }
                    return RowFactory.create(values);
                }
            };
        };
    }

    static StructType schema(List<TrackAudit.Column> columns) {
        List<StructField> f = new ArrayList<>();
        for (TrackAudit.Column c : columns) {
            f.add(DataTypes.createStructField(c.name(), sparkType(c.type()), !c.name().equals("path") && !c.name().equals("key")));
        }
        return DataTypes.createStructType(f);
    }

    private static DataType sparkType(TrackAudit.Type t) {
        return switch (t) {
            case STRING -> DataTypes.StringType;
            case LONG -> DataTypes.LongType;
            case INT -> DataTypes.IntegerType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
        };
    }

    /**
     * Makes sure the output folder is new, empty or a catalog folder made with the same profiles;
     * refuses a folder with other data, so nothing of the user's is mixed with or overwritten by the audit.
     */
    static void prepare(Path out, String setName, List<String> ids) {
        Path marker = out.resolve(MARKER);
        ObjectNode m = JSON.createObjectNode();
        m.put("format", 1);
        m.put("profile_set", setName);
        ArrayNode a = m.putArray("profiles");
        ids.forEach(a::add);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new WorkbenchException(out, "the output exists and is not a folder; choose a new folder for --out");
        }
        if (Files.isDirectory(out)) {
            if (Files.isRegularFile(marker)) {
                JsonNode old;
                try {
                    old = JSON.readTree(Files.readAllBytes(marker));
                } catch (IOException e) {
                    throw new WorkbenchException(marker, "cannot read the catalog marker: " + e.getMessage(), e);
                }
                if (!m.get("profiles").equals(old.get("profiles"))) {
                    throw new WorkbenchException(out, "this catalog folder was made with other platform profiles ("
                            + old.get("profiles") + "); use a new folder for --out, or the same --set/--profiles as before");
                }
                return;
            }
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new WorkbenchException(out, "the output folder exists and holds other files; choose a new or"
                            + " empty folder for --out (or a catalog folder from an earlier run, to resume it)");
                }
            } catch (IOException e) {
                throw new WorkbenchException(out, "cannot list the output folder: " + e.getMessage(), e);
            }
        }
        try {
            Files.createDirectories(out);
            Path tmp = Files.createTempFile(out, ".catalog", ".tmp");
            Files.writeString(tmp, m.toPrettyString() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new WorkbenchException(out, "cannot create the output folder: " + e.getMessage(), e);
        }
    }

    /**
     * The keys already measured. For a run with the damage scan, a row measured without it does not
     * count (the file is measured again, and its newer row wins); error rows always count.
     */
    private static Set<String> existingKeys(SparkSession spark, Path storeDir, String store, boolean clicks) {
        Set<String> keys = new HashSet<>();
        if (!Files.isDirectory(storeDir)) {
            return keys;
        }
        Dataset<Row> all = readStore(spark, store);
        if (clicks) {
            all = all.filter(col("clicks").isNotNull().or(col("error").isNotNull()));
        }
        for (Row r : all.select("key").collectAsList()) {
            keys.add(r.getString(0));
        }
        return keys;
    }

    /**
     * The row of each input of this run: the store joined with the run's keys (broadcast, so the store
     * is not shuffled). A key is measured once (a run skips keys in the store), so there is one row per
     * input; should two runs have written the same folder at once, the latest row of a key wins.
     */
    private static Dataset<Row> current(SparkSession spark, String store, List<CatalogInput> inputs, StructType schema) {
        List<Row> keys = new ArrayList<>();
        for (CatalogInput in : inputs) {
            keys.add(RowFactory.create(in.key()));
        }
        Dataset<Row> wanted = spark.createDataFrame(keys, DataTypes.createStructType(List.of(
                DataTypes.createStructField("key", DataTypes.StringType, false))));
        Dataset<Row> all = readStore(spark, store);
        Dataset<Row> rows = all.join(broadcast(wanted), "key");
        return rows.withColumn("_n", row_number().over(Window.partitionBy("key").orderBy(desc("run"))))
                .filter(col("_n").equalTo(1)).drop("_n").select(inOrder(schema.fieldNames()));
    }

    /** The store, with the columns of every batch (a store begun before a column was added reads it as empty). */
    private static Dataset<Row> readStore(SparkSession spark, String store) {
        return spark.read().option("mergeSchema", true).parquet(store);
    }

    /** The columns in the job's order, whatever order the merged store schema has. */
    private static Column[] inOrder(String[] cols) {
        Column[] r = new Column[cols.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = col(cols[i]);
        }
        return r;
    }

    private static void writeParquet(Dataset<Row> current, Path out) {
        Path tmp = out.resolve(".tracks.parquet.tmp");
        deleteTree(tmp);
        current.write().mode(SaveMode.Overwrite).parquet(tmp.toUri().toString());
        replace(tmp, out.resolve("tracks.parquet"));
    }

    /** tracks.csv: one row per input, figures rounded to 3 decimals, empty cells for missing figures. */
    private static void writeCsv(Dataset<Row> current, Path out) {
        List<Column> cs = new ArrayList<>();
        for (StructField f : current.schema().fields()) {
            if (f.name().equals("key") || f.name().equals("run")) {
                continue;
            }
            cs.add(f.dataType().equals(DataTypes.DoubleType) ? round(col(f.name()), 3).as(f.name()) : col(f.name()));
        }
        Path tmp = out.resolve(".tracks.csv.tmp");
        deleteTree(tmp);
        current.select(cs.toArray(new Column[0])).repartition(1).sortWithinPartitions("path").write()
                .option("header", true).option("emptyValue", "").option("nullValue", "").option("escape", "\"")
                .csv(tmp.toUri().toString());
        try (Stream<Path> s = Files.list(tmp)) {
            Path part = s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst()
                    .orElseThrow(() -> new WorkbenchException(tmp, "Spark wrote no CSV part file"));
            Files.move(part, out.resolve("tracks.csv"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new WorkbenchException(out, "cannot write tracks.csv: " + e.getMessage(), e);
        }
        deleteTree(tmp);
    }

    private static void replace(Path from, Path to) {
        Path old = to.resolveSibling("." + to.getFileName() + ".old");
        try {
            deleteTree(old);
            if (Files.exists(to)) {
                Files.move(to, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException e) {
            throw new WorkbenchException(to, "cannot replace: " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (IOException e) {
            throw new WorkbenchException(p, "cannot delete: " + e.getMessage(), e);
        }
    }

    /** Prints tracks done, total, rate and the time left every two seconds while the job runs (when it moved on). */
    private static final class Progress {
        private final PrintStream out;
        private final int total;
        private final LongAccumulator tracks;
        private final DoubleAccumulator seconds;
        private final long start = System.nanoTime();
        private final long localTracks0 = LOCAL_TRACKS.sum();
        private final double localSeconds0 = LOCAL_SECONDS.sum();
        private Thread thread;
        private long shown = -1;

        Progress(PrintStream out, int total, LongAccumulator tracks, DoubleAccumulator seconds) {
            this.out = out;
            this.total = total;
            this.tracks = tracks;
            this.seconds = seconds;
        }

        void start() {
            if (out == null || total == 0) {
                return;
            }
            thread = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(2000);
                        show();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "catalog-progress");
            thread.setDaemon(true);
            thread.start();
        }

        synchronized void show() {
            // on a cluster only the accumulators count; in local mode the executors' own count is ahead of them
            long n = Math.max(tracks.value(), LOCAL_TRACKS.sum() - localTracks0);
            double audio = Math.max(seconds.value(), LOCAL_SECONDS.sum() - localSeconds0);
            if (n == shown || n == 0) {
                return;
            }
            shown = n;
            double min = (System.nanoTime() - start) / 60e9;
            String left = n == 0 || n >= total ? "" : ", about " + duration((total - n) * min * 60 / n) + " left";
            out.printf(Locale.ROOT, "catalog: %d/%d tracks measured, %.1f tracks/min, %.2f audio-hours/min%s%n", n, total,
                    n / min, audio / 3600 / min, left);
            out.flush();
        }

        /** Seconds for reading: "40 s", "12 min", "3.5 h". */
        static String duration(double s) {
            if (s < 90) {
                return String.format(Locale.ROOT, "%.0f s", s);
            }
            return s < 90 * 60 ? String.format(Locale.ROOT, "%.0f min", s / 60) : String.format(Locale.ROOT, "%.1f h", s / 3600);
        }

        void stop() {
            if (thread != null) {
                thread.interrupt();
                show();
            }
        }
    }
}
