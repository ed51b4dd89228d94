package mw.catalog;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mw.platforms.Profile;
import mw.platforms.ProfileSet;
import mw.view.Charts;
import mw.view.Format;
import mw.view.HtmlReport;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import mw.view.Tables;

/**
 * The HTML summary of a catalog: distributions of integrated loudness, true peak and loudness range,
 * verdict counts per platform, QC failures per check, the worst offenders and the files that could not
 * be read. Every figure is an aggregate computed by Spark; only the small results reach the driver.
 */
final class CatalogSummary {
    private static final int OFFENDERS = 15;
    private static final int ERRORS_SHOWN = 50;

    private CatalogSummary() {
    }

    /** Files, files measured (read without error) and hours of audio, from the summary's aggregation. */
    record Totals(long files, long measured, double audioHours) {
    }

    /** A distribution chart: its column, title, unit of values and of differences, and what to say under it. */
    private record Histogram(String column, String title, String unit, String stepUnit, String caption) {
    }

    /** The bins of one histogram, fitted to the values of the catalog: {@code bins} bins of {@code bin} from {@code lo}. */
    private record Bins(double lo, double bin, int bins, boolean openLow) {
        static final double[] STEPS = {0.5, 1, 2, 5, 10, 20};
        static final int MAX_BINS = 30;

        /** The finest step of {@link #STEPS} that covers min..max in at most {@link #MAX_BINS} bins; bin edges on multiples of it. */
        static Bins of(double min, double max) {
            for (double step : STEPS) {
                double lo = Math.floor(min / step) * step;
                int n = (int) Math.floor(max / step) - (int) Math.floor(min / step) + 1;
                if (n <= MAX_BINS || step == STEPS[STEPS.length - 1]) {
                    return new Bins(lo, step, Math.max(1, n), false);
                }
            }
            throw new AssertionError();
        }

        /**
         * Bins of a fixed {@code step} (so a limit such as -1 dBTP stays a bin edge) ending at max; when min is
         * further down than {@link #MAX_BINS} bins, the first bin takes everything below.
         */
        static Bins fine(double min, double max, double step) {
            int top = (int) Math.floor(max / step);
            int bottom = Math.max((int) Math.floor(min / step), top - MAX_BINS + 1);
            return new Bins(bottom * step, step, top - bottom + 1, bottom > (int) Math.floor(min / step));
        }

        String label(int i) {
            if (i == 0 && openLow) {
                return "< " + label(1);
            }
            double v = lo + i * bin;
            return bin < 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
        }

        String width(String unit) {
            return (bin < 1 ? String.format(Locale.ROOT, "%.1f", bin) : String.format(Locale.ROOT, "%.0f", bin)) + " " + unit;
        }
    }

    private static final List<Histogram> HISTOGRAMS = List.of(
            new Histogram("integrated_lufs", "Integrated loudness", "LUFS", "LU",
                    "Integrated loudness of the catalog (ITU-R BS.1770-4), bins of %s."),
            new Histogram("true_peak_dbtp", "True peak", "dBTP", "dB",
                    "True peak, bins of %s (the first one holds everything below it when the range is wide); above -1 dBTP"
                            + " fails the QC limit, above 0 dBTP clips once decoded."),
            new Histogram("loudness_range_lu", "Loudness range", "LU", "LU",
                    "Loudness range (EBU Tech 3342), bins of %s."));

    /** Verdict colours: ok green, warn amber, fail red. */
    private static final Color[] VERDICT_COLORS = {new Color(0x2e, 0x8b, 0x57), new Color(0xe0, 0xa0, 0x20),
        new Color(0xc8, 0x32, 0x32)};

    /**
     * Writes the summary. Every count (histogram bins, verdicts per platform, QC failures, totals) is one
     * column of a single Spark aggregation, so the table is scanned once; the offender lists are top-N
     * queries.
     */
    static Totals write(Dataset<Row> t, ProfileSet profiles, int skippedNonAudio, Path file) {
        List<Profile> ps = new ArrayList<>();
        profiles.forEach(ps::add);
        Column read = col("error").isNull();
        // the range of each distribution first (one small aggregation), so the bins fit the catalog
        List<Column> range = new ArrayList<>();
        for (Histogram h : HISTOGRAMS) {
            range.add(min(when(read, col(h.column()))));
            range.add(max(when(read, col(h.column()))));
        }
        Row mm = t.agg(range.get(0), range.subList(1, range.size()).toArray(new Column[0])).first();
        List<Bins> bins = new ArrayList<>();
        for (int j = 0; j < HISTOGRAMS.size(); j++) {
            double lo = mm.isNullAt(2 * j) ? Double.NaN : mm.getDouble(2 * j);
            double hi = mm.isNullAt(2 * j + 1) ? Double.NaN : mm.getDouble(2 * j + 1);
            // true peak in 0.5 dB bins, so the -1 dBTP limit and 0 dBTP are bin edges
            bins.add(Double.isNaN(lo) ? null : HISTOGRAMS.get(j).column().equals("true_peak_dbtp")
                    ? Bins.fine(lo, hi, 0.5) : Bins.of(lo, hi));
        }
        List<Column> aggs = new ArrayList<>();
        aggs.add(count(lit(1)));
        aggs.add(sum(when(read, 1).otherwise(0)));
        aggs.add(sum(when(read, col("duration_s"))));
        for (int j = 0; j < HISTOGRAMS.size(); j++) {
            Bins h = bins.get(j);
            if (h == null) {
                continue;
            }
            Column x = col(HISTOGRAMS.get(j).column());
            Column b = floor(x.minus(h.lo()).divide(h.bin()));
            for (int i = 0; i < h.bins(); i++) {
                // the top edge belongs to the last bin
                Column in = i == h.bins() - 1 ? b.geq(i) : i == 0 && h.openLow() ? b.leq(0) : b.equalTo(i);
                aggs.add(sum(when(read.and(x.isNotNull()).and(in), 1).otherwise(0)));
            }
        }
        for (Profile p : ps) {
            String c = TrackAudit.columnSafe(p.id()) + "_verdict";
            for (String v : List.of("ok", "warn", "fail")) {
                aggs.add(sum(when(col(c).equalTo(v), 1).otherwise(0)));
            }
        }
        for (String q : TrackAudit.QC_IDS) {
            aggs.add(sum(when(col("qc_" + q).equalTo(false), 1).otherwise(0)));
        }
        Row a = t.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
        long files = a.getLong(0);
        long measured = a.isNullAt(1) ? 0 : a.getLong(1);
        double hours = a.isNullAt(2) ? 0 : a.getDouble(2) / 3600;
        int k = 3;

        HtmlReport r = HtmlReport.titled("Catalog audit");
        r.paragraph(String.format(Locale.ROOT, "%s, %d measured (%s of audio), %d could not be read%s.",
                CatalogJob.Result.count(files, "file"), measured, audio(hours), files - measured,
                skippedNonAudio > 0 ? "; " + CatalogJob.Result.count(skippedNonAudio, "non-audio file")
                        + " in the folders skipped" : ""));
        r.note("Loudness and true peak per ITU-R BS.1770-4 / EBU R 128 (the figures of mw loudness); QC with the"
                + " music defaults of mw study (true peak at most -1 dBTP); platform verdicts as mw platforms gives them.");

        r.heading("Distributions");
        for (int j = 0; j < HISTOGRAMS.size(); j++) {
            Histogram h = HISTOGRAMS.get(j);
            Bins b = bins.get(j);
            if (b == null) {
                r.paragraph(h.title() + ": no file has a value.");
                continue;
            }
            double[] counts = new double[b.bins()];
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                counts[i] = intAt(a, k++);
                labels.add(b.label(i));
            }
            CategoryChart c = Charts.bars(h.title(), h.unit() + " (bin start)", "files", labels, List.of("files"),
                    List.of(counts));
            c.getStyler().setLegendVisible(false);
            r.chart(c, String.format(Locale.ROOT, h.caption(), b.width(h.stepUnit())));
        }

        r.heading("Verdicts per platform");
        StringColumn id = StringColumn.create("profile");
        StringColumn name = StringColumn.create("platform or specification");
        IntColumn okc = IntColumn.create("ok");
        IntColumn warn = IntColumn.create("warn");
        IntColumn fail = IntColumn.create("fail");
        List<String> ids = new ArrayList<>();
        double[][] verdicts = new double[3][ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            Profile p = ps.get(i);
            id.append(p.id());
            name.append(p.name());
            ids.add(p.id());
            int[] v = {intAt(a, k++), intAt(a, k++), intAt(a, k++)};
            okc.append(v[0]);
            warn.append(v[1]);
            fail.append(v[2]);
            for (int q = 0; q < 3; q++) {
                verdicts[q][i] = v[q];
            }
        }
        if (measured > 0) {
            CategoryChart vc = Charts.bars("Verdicts per platform", "profile", "files", ids, List.of("ok", "warn", "fail"),
                    List.of(verdicts[0], verdicts[1], verdicts[2]));
            vc.getStyler().setStacked(true);
            vc.getStyler().setSeriesColors(VERDICT_COLORS);
            r.chart(vc, "Files per verdict on each platform: ok (green, plays as intended), warn (amber, plays but"
                    + " deserves attention: quieter than others, the platform's limiter acts, peaks above the recommendation),"
                    + " fail (red, out of the specification or clips at playback). Files that could not be read have no verdict.");
        }
        r.table(Table.create("Files per verdict (ok / warn / fail) on each platform", id, name, okc, warn, fail));

        r.heading("QC failures per check");
        StringColumn check = StringColumn.create("check");
        IntColumn failed = IntColumn.create("files failing");
        DoubleColumn share = Tables.fixedDecimals(DoubleColumn.create("Share of measured (%)"), 1);
        for (String q : TrackAudit.QC_IDS) {
            int f = intAt(a, k++);
            check.append(q);
            failed.append(f);
            share.append(measured == 0 ? Double.NaN : Math.round(1000.0 * f / measured) / 10.0);
        }
        r.table(Table.create("QC checks failed (limits in docs/platforms.md)", check, failed, share));

        Dataset<Row> ok = t.filter(read);
        r.heading("Worst offenders");
        r.table(offenders(ok.filter(col("true_peak_dbtp").isNotNull()).orderBy(col("true_peak_dbtp").desc()),
                "Highest true peak", ps.size()));
        r.table(offenders(ok.filter(col("integrated_lufs").isNotNull()).orderBy(col("integrated_lufs").desc()),
                "Loudest (most turned down by normalising platforms)", ps.size()));
        r.table(offenders(ok.filter(col("integrated_lufs").isNotNull()).orderBy(col("integrated_lufs").asc()),
                "Quietest (turned up, or left quiet where platforms do not raise)", ps.size()));

        if (measured < files) {
            r.heading("Files that could not be read");
            List<Row> errs = t.filter(col("error").isNotNull()).select("path", "error").limit(ERRORS_SHOWN).collectAsList();
            StringColumn p = StringColumn.create("file");
            StringColumn e = StringColumn.create("error");
            for (Row x : errs) {
                p.append(x.getString(0));
                e.append(x.getString(1));
            }
            r.table(Table.create("First " + errs.size() + " of " + (files - measured) + " (all in tracks.csv)", p, e));
        }
        r.write(file);
        return new Totals(files, measured, hours);
    }

    /** Hours of audio for reading: seconds, minutes or hours. */
    static String audio(double hours) {
        double s = hours * 3600;
        if (s < 90) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        return s < 5400 ? String.format(Locale.ROOT, "%.0f min", s / 60) : String.format(Locale.ROOT, "%.1f hours", hours);
    }

    private static int intAt(Row r, int i) {
        return r.isNullAt(i) ? 0 : (int) r.getLong(i);
    }

    /** "10 of 19: soundcloud, bandcamp, cd, ..." (the whole list is in tracks.csv). */
    static String failedPlatforms(String ids, int profiles) {
        if (ids.isBlank()) {
            return "none";
        }
        String[] f = ids.split(",");
        StringBuilder b = new StringBuilder().append(f.length).append(" of ").append(profiles).append(": ");
        for (int i = 0; i < Math.min(3, f.length); i++) {
            b.append(i > 0 ? ", " : "").append(f[i]);
        }
        return b.append(f.length > 3 ? ", ..." : "").toString();
    }

    private static Table offenders(Dataset<Row> sorted, String caption, int profiles) {
        List<Row> rows = sorted.select("path", "integrated_lufs", "true_peak_dbtp", "loudness_range_lu", "qc_failures",
                "platforms_failed").limit(OFFENDERS).collectAsList();
        StringColumn p = StringColumn.create("file");
        DoubleColumn i = Tables.fixedDecimals(DoubleColumn.create("Integrated (LUFS)"), 1);
        DoubleColumn tp = Tables.fixedDecimals(DoubleColumn.create("True peak (dBTP)"), 2);
        DoubleColumn lra = Tables.fixedDecimals(DoubleColumn.create("LRA (LU)"), 1);
        StringColumn qc = StringColumn.create("QC failed");
        StringColumn pf = StringColumn.create("platforms failed");
        for (Row x : rows) {
            p.append(shortPath(x.getString(0)));
            i.append(round2(x, 1));
            tp.append(round2(x, 2));
            lra.append(round2(x, 3));
            qc.append(x.isNullAt(4) || x.getString(4).isBlank() ? "none" : x.getString(4).replace(",", ", "));
            pf.append(x.isNullAt(5) ? "" : failedPlatforms(x.getString(5), profiles));
        }
        return Table.create(caption, p, i, tp, lra, qc, pf);
    }

    private static double round2(Row x, int i) {
        return x.isNullAt(i) ? Double.NaN : Math.round(x.getDouble(i) * 100) / 100.0;
    }

    /** The last two path elements: enough to recognise a track, short enough for the table. */
    private static String shortPath(String p) {
        Path q = Path.of(p);
        int n = q.getNameCount();
        return n >= 2 ? q.subpath(n - 2, n).toString() : p;
    }
}
