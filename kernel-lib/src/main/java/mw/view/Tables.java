package mw.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import mw.WorkbenchException;
import mw.io.Audio;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Results as tables: records and lists of records become Tablesaw {@link Table}s, and tables become
 * CSV, Markdown, HTML and JSON text or files.
 *
 * <pre>{@code
 * Table t = Tables.of(List.of(featuresA, featuresB));   // one row per record
 * Tables.writeCsv(t, Path.of("out/features.csv"));
 * String md = Tables.toMarkdown(t);
 * }</pre>
 *
 * <p>Column types follow the record components: {@code double}/{@code float} give a double column,
 * {@code int}/{@code short}/{@code byte} an int column, {@code long} a long column, {@code boolean} a
 * boolean column, and anything else a string column ({@code toString()}). A {@code double[]} or
 * {@code int[]} component is spread over columns {@code name_1 ... name_n} (for example 13 MFCC
 * columns). Every file is written atomically with {@link Audio#atomicWrite}.
 *
 * <p>Headers: text, Markdown and HTML show a column named as a record component or a builder writes it in
 * camel case ({@code noiseFloorDbfs}) as words with the unit its last word names ({@code "Noise floor
 * (dBFS)"}, see {@link #header}); CSV and JSON keep the names as they are, for programs.
 *
 * <p>Number formatting: CSV and JSON keep full precision ({@code Double.toString}, {@link Locale#ROOT});
 * Markdown and HTML round for reading (see {@link #format(double)}). In JSON a NaN ("not defined")
 * is {@code null} and an infinity is the string {@code "Infinity"} or {@code "-Infinity"}, since JSON
 * has no number for either.
 */
public final class Tables {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Tables() {
    }

    /**
     * The column printed with a fixed count of decimals ({@link Format#number(double, int)}), so the
     * figures of one column line up (7.30 under 7.56, not 7.3); returns the column.
     */
    public static DoubleColumn fixedDecimals(DoubleColumn column, int decimals) {
        column.setPrintFormatter(new tech.tablesaw.columns.numbers.NumberColumnFormatter() {
            @Override
            public String format(double v) {
                return Format.number(v, decimals);
            }
        });
        return column;
    }

    /** A one-row table of a record, named after its type. */
    public static Table of(Record row) {
        return of(List.of(row));
    }

    /** A table with one row per record, named after the records' type. */
    public static Table of(Collection<? extends Record> rows) {
        if (rows.isEmpty()) {
            return Table.create("empty");
        }
        Class<?> type = rows.iterator().next().getClass();
        return of(type.getSimpleName(), rows);
    }

    /** A named table with one row per record; all records must be of the same type. */
    public static Table of(String name, Collection<? extends Record> rows) {
        if (rows.isEmpty()) {
            return Table.create(name);
        }
        Class<?> type = rows.iterator().next().getClass();
        RecordComponent[] comps = type.getRecordComponents();
        List<Object[]> values = new ArrayList<>();
        for (Record r : rows) {
            if (r.getClass() != type) {
                throw new WorkbenchException("a table's rows must all be " + type.getSimpleName()
                        + ", found " + r.getClass().getSimpleName());
            }
            Object[] v = new Object[comps.length];
            for (int i = 0; i < comps.length; i++) {
                try {
                    v[i] = comps[i].getAccessor().invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw new WorkbenchException("cannot read " + comps[i].getName() + " of " + type.getSimpleName(), e);
                }
            }
            values.add(v);
        }
        Builder b = builder(name);
        List<String> names = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>();
        for (int i = 0; i < comps.length; i++) {
            Class<?> t = comps[i].getType();
            if (t == double[].class || t == int[].class || t == float[].class) {
                int n = 0;
                for (Object[] v : values) {
                    n = Math.max(n, java.lang.reflect.Array.getLength(v[i]));
                }
                for (int k = 1; k <= n; k++) {
                    names.add(comps[i].getName() + "_" + k);
                    types.add(t == int[].class ? int.class : double.class);
                }
            } else {
                names.add(comps[i].getName());
                types.add(t);
            }
        }
        List<Column<?>> cols = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            cols.add(newColumn(names.get(c), types.get(c)));
        }
        for (Object[] v : values) {
            List<Object> flat = new ArrayList<>();
            for (int i = 0; i < comps.length; i++) {
                Class<?> t = comps[i].getType();
                if (t == double[].class || t == int[].class || t == float[].class) {
                    int n = java.lang.reflect.Array.getLength(v[i]);
                    for (int k = 0; k < n; k++) {
                        flat.add(java.lang.reflect.Array.get(v[i], k));
                    }
                } else {
                    flat.add(v[i]);
                }
            }
            for (int c = 0; c < cols.size(); c++) {
                append(cols.get(c), c < flat.size() ? flat.get(c) : null);
            }
        }
        return b.table(cols);
    }

    /** Units a column name may end with, as a person writes them. */
    private static final java.util.Map<String, String> UNITS = java.util.Map.ofEntries(
            java.util.Map.entry("db", "dB"), java.util.Map.entry("dbfs", "dBFS"), java.util.Map.entry("dbtp", "dBTP"),
            java.util.Map.entry("lufs", "LUFS"), java.util.Map.entry("lu", "LU"), java.util.Map.entry("hz", "Hz"),
            java.util.Map.entry("khz", "kHz"), java.util.Map.entry("ms", "ms"), java.util.Map.entry("sec", "s"),
            java.util.Map.entry("seconds", "s"), java.util.Map.entry("percent", "%"), java.util.Map.entry("pct", "%"),
            java.util.Map.entry("bpm", "BPM"), java.util.Map.entry("bits", "bits"), java.util.Map.entry("samples", "samples"));
    /** Words written in capitals. */
    private static final java.util.Set<String> ACRONYMS = java.util.Set.of("dc", "lra", "mfcc", "rms", "plr", "psr", "sdr",
            "snr", "id", "lufs", "lu", "fft", "qc", "lsd", "url", "ebu", "bpm", "cd", "dr");

    /**
     * A column name as a header for people: a camel-case name becomes words in sentence case, and a unit
     * its last word names goes in parentheses: {@code clippedRuns} reads "Clipped runs",
     * {@code noiseFloorDbfs} "Noise floor (dBFS)", {@code dcOffsetDb} "DC offset (dB)", {@code mfcc_3}
     * "MFCC 3". A name that is not one identifier (it has spaces, or starts with a capital) is kept.
     */
    public static String header(String name) {
        if (name == null || !name.matches("[a-z][A-Za-z0-9]*(_[0-9]+)?")) {
            return name;
        }
        String suffix = "";
        int u = name.indexOf('_');
        String base = name;
        if (u > 0) {
            suffix = " " + name.substring(u + 1);
            base = name.substring(0, u);
        }
        String[] words = base.split("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
        String unit = null;
        int n = words.length;
        if (n > 1) {
            String last = words[n - 1].toLowerCase(Locale.ROOT);
            if (UNITS.containsKey(last)) {
                unit = UNITS.get(last);
                n--;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String w = words[i].toLowerCase(Locale.ROOT);
            if (ACRONYMS.contains(w)) {
                w = w.toUpperCase(Locale.ROOT);
            } else if (i == 0) {
                w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            }
            sb.append(i == 0 ? "" : " ").append(w);
        }
        sb.append(suffix);
        String words2 = sb.toString().replace("hort term", "hort-term");
        sb.setLength(0);
        sb.append(words2);
        if (unit != null) {
            sb.append(" (").append(unit).append(')');
        }
        return sb.toString();
    }

    /**
     * A builder for a table from plain values, row by row; column types are taken from the first row
     * (numbers become double columns unless they are {@code Integer}/{@code Long}).
     *
     * <pre>{@code
     * Table t = Tables.builder("EQ").columns("bandHz", "gainDb", "reason")
     *         .row(125.0, -1.5, "mix is fuller than the references").build();
     * }</pre>
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a table row by row. */
    public static final class Builder {
        private final String name;
        private List<String> names = List.of();
        private final List<Object[]> rows = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** The column names, in order. */
        public Builder columns(String... columnNames) {
            this.names = List.of(columnNames);
            return this;
        }

        /** One row; as many values as columns. */
        public Builder row(Object... values) {
            if (values.length != names.size()) {
                throw new WorkbenchException("table " + name + ": a row has " + values.length
                        + " values but the table has " + names.size() + " columns");
            }
            rows.add(values.clone());
            return this;
        }

        /** The table. */
        public Table build() {
            List<Column<?>> cols = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                Class<?> t = String.class;
                for (Object[] r : rows) {
                    if (r[c] != null) {
                        t = r[c].getClass();
                        break;
                    }
                }
                Column<?> col = newColumn(names.get(c), t == Integer.class ? int.class
                        : t == Long.class ? long.class : t == Boolean.class ? boolean.class
                        : Number.class.isAssignableFrom(t) ? double.class : String.class);
                for (Object[] r : rows) {
                    append(col, r[c]);
                }
                cols.add(col);
            }
            return table(cols);
        }

        private Table table(List<Column<?>> cols) {
            return Table.create(name, cols);
        }
    }

    private static Column<?> newColumn(String name, Class<?> t) {
        if (t == double.class || t == float.class || t == Double.class || t == Float.class) {
            return DoubleColumn.create(name);
        }
        if (t == int.class || t == short.class || t == byte.class || t == Integer.class) {
            return IntColumn.create(name);
        }
        if (t == long.class || t == Long.class) {
            return LongColumn.create(name);
        }
        if (t == boolean.class || t == Boolean.class) {
            return BooleanColumn.create(name);
        }
        return StringColumn.create(name);
    }

    private static void append(Column<?> col, Object v) {
        if (col instanceof DoubleColumn d) {
            if (v == null) {
                d.append(Double.NaN);
            } else {
                d.append(((Number) v).doubleValue());
            }
        } else if (col instanceof IntColumn i) {
            if (v == null) {
                i.appendMissing();
            } else {
                i.append(((Number) v).intValue());
            }
        } else if (col instanceof LongColumn l) {
            if (v == null) {
                l.appendMissing();
            } else {
                l.append(((Number) v).longValue());
            }
        } else if (col instanceof BooleanColumn b) {
            if (v == null) {
                b.appendMissing();
            } else {
                b.append((Boolean) v);
            }
        } else {
            ((StringColumn) col).append(v == null ? "" : v.toString());
        }
    }

    /**
     * A number rounded for reading as {@link Format#number(double)} does, but an empty string for NaN (the
     * form of a data cell).
     */
    public static String format(double v) {
        return Double.isNaN(v) ? "" : Format.number(v);
    }

    /** The text of a cell for reading (numbers by {@link Format#number(double)}, a missing value as {@value Format#MISSING}). */
    public static String cell(Table t, int column, int row) {
        Column<?> col = t.column(column);
        if (col.isMissing(row) && !(col instanceof DoubleColumn)) {
            return Format.MISSING;
        }
        if (col instanceof DoubleColumn d) {
            double v = d.getDouble(row);
            String own = d.getString(row);
            // a column with its own print format keeps it (even where its text happens to read like the
            // default's, as 50.0 in a column of one decimal); Tablesaw's default prints full precision
            if (Double.isFinite(v) && !own.isEmpty() && !own.equals(DoubleColumn.create("", v).getString(0))) {
                return own;
            }
            return Format.number(v);
        }
        return col.getString(row);
    }

    /** The text of a cell at full precision (for CSV). */
    private static String exact(Column<?> col, int row) {
        if (col instanceof DoubleColumn d) {
            double v = d.getDouble(row);
            return Double.isNaN(v) ? "" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : Double.toString(v);
        }
        if (col.isMissing(row)) {
            return "";
        }
        return col.getString(row);
    }

    /** CSV text (RFC 4180 quoting, comma separator, header row, full precision, NaN as empty). */
    public static String toCsv(Table t) {
        StringBuilder sb = new StringBuilder();
        List<String> names = t.columnNames();
        for (int c = 0; c < names.size(); c++) {
            sb.append(c == 0 ? "" : ",").append(csvQuote(names.get(c)));
        }
        sb.append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < t.columnCount(); c++) {
                sb.append(c == 0 ? "" : ",").append(csvQuote(exact(t.column(c), r)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** One CSV field, quoted per RFC 4180 when it holds a comma, a quote or a line break. */
    public static String csvQuote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** The table as aligned plain text for a terminal: a header row, then one line per row (numbers right-aligned). */
    public static String toText(Table t) {
        int n = t.columnCount();
        int[] w = new int[n];
        String[][] cells = new String[t.rowCount()][n];
        for (int c = 0; c < n; c++) {
            w[c] = header(t.column(c).name()).length();
            for (int r = 0; r < t.rowCount(); r++) {
                cells[r][c] = cell(t, c, r);
                w[c] = Math.max(w[c], cells[r][c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        if (t.name() != null && !t.name().isBlank()) {
            sb.append(t.name()).append('\n');
        }
        for (int c = 0; c < n; c++) {
            sb.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + w[c] + "s", header(t.column(c).name())));
        }
        sb.append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < n; c++) {
                ColumnType type = t.column(c).type();
                boolean numeric = type != ColumnType.STRING && type != ColumnType.BOOLEAN;
                sb.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%" + (numeric ? "" : "-") + w[c] + "s", cells[r][c]));
            }
            sb.append('\n');
        }
        return sb.toString().replaceAll("(?m) +$", "");
    }

    /** A GitHub-flavoured Markdown table (numbers rounded for reading). */
    public static String toMarkdown(Table t) {
        StringBuilder sb = new StringBuilder("|");
        for (String n : t.columnNames()) {
            sb.append(' ').append(mdEscape(header(n))).append(" |");
        }
        sb.append("\n|");
        for (int c = 0; c < t.columnCount(); c++) {
            ColumnType type = t.column(c).type();
            boolean numeric = type != ColumnType.STRING && type != ColumnType.BOOLEAN;
            sb.append(numeric ? "---:|" : "---|");
        }
        sb.append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            sb.append('|');
            for (int c = 0; c < t.columnCount(); c++) {
                sb.append(' ').append(mdEscape(cell(t, c, r))).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String mdEscape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** An HTML {@code <table>} element with a caption (the table's name), numbers right-aligned and rounded. */
    public static String toHtml(Table t) {
        return toHtml(t, Integer.MAX_VALUE, Integer.MAX_VALUE, true);
    }

    /**
     * An HTML {@code <table>}: tables longer than {@code maxRows} show their first {@code headRows} rows and a
     * note; {@code numberClass} marks numeric cells {@code class="num"} (the report style sheet right-aligns
     * them). Cells as {@link #cell}.
     */
    public static String toHtml(Table t, int maxRows, int headRows, boolean numberClass) {
        int shown = t.rowCount() > maxRows ? headRows : t.rowCount();
        StringBuilder sb = new StringBuilder("<table class=\"mw-table\">\n");
        if (t.name() != null && !t.name().isEmpty()) {
            sb.append("<caption>").append(HtmlReport.escape(t.name())).append("</caption>\n");
        }
        sb.append("<thead><tr>");
        for (String n : t.columnNames()) {
            sb.append("<th>").append(HtmlReport.escape(header(n))).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < shown; r++) {
            sb.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) {
                ColumnType type = t.column(c).type();
                boolean numeric = numberClass && type != ColumnType.STRING && type != ColumnType.BOOLEAN;
                sb.append(numeric ? "<td class=\"num\">" : "<td>").append(HtmlReport.escape(cell(t, c, r))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        if (shown < t.rowCount()) {
            sb.append(String.format(Locale.ROOT,
                    "<div class=\"note\" style=\"font-size:smaller\">showing the first %d of %d rows (%d more not shown)</div>\n",
                    shown, t.rowCount(), t.rowCount() - shown));
        }
        return sb.toString();
    }

    /** The table as a JSON array of objects, one per row, keyed by column name. */
    public static String toJson(Table t) {
        return json(toJsonNode(t));
    }

    /** The table as a Jackson array node (for embedding in a larger document). */
    public static ArrayNode toJsonNode(Table t) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (int r = 0; r < t.rowCount(); r++) {
            ObjectNode o = arr.addObject();
            for (int c = 0; c < t.columnCount(); c++) {
                Column<?> col = t.column(c);
                String n = col.name();
                if (col instanceof DoubleColumn d) {
                    double v = d.getDouble(r);
                    if (Double.isNaN(v)) {
                        o.putNull(n);
                    } else if (Double.isInfinite(v)) {
                        o.put(n, v > 0 ? "Infinity" : "-Infinity");
                    } else {
                        o.put(n, v);
                    }
                } else if (col.isMissing(r)) {
                    o.putNull(n);
                } else if (col instanceof IntColumn i) {
                    o.put(n, i.getInt(r));
                } else if (col instanceof LongColumn l) {
                    o.put(n, l.getLong(r));
                } else if (col instanceof BooleanColumn b) {
                    o.put(n, b.get(r));
                } else {
                    o.put(n, col.getString(r));
                }
            }
        }
        return arr;
    }

    /**
     * Any value as indented JSON through Jackson (records, lists, maps, arrays, Jackson nodes).
     * Non-finite doubles inside records are written by Jackson's rules ({@code NaN} tokens); prefer
     * {@link #toJson(Table)} for results that may hold them.
     */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new WorkbenchException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@link #toCsv(Table)} to a file atomically (UTF-8). */
    public static Path writeCsv(Table t, Path file) {
        return writeText(toCsv(t), file);
    }

    /** Writes {@link #toJson(Table)} to a file atomically (UTF-8). */
    public static Path writeJson(Table t, Path file) {
        return writeText(toJson(t), file);
    }

    /** Writes {@link #toMarkdown(Table)} to a file atomically (UTF-8). */
    public static Path writeMarkdown(Table t, Path file) {
        return writeText(toMarkdown(t), file);
    }

    /** Writes text to a file atomically as UTF-8. */
    public static Path writeText(String text, Path file) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Audio.atomicWrite(file, List.of(), out -> out.write(bytes));
        return file;
    }

    /** The values of a numeric column as an array (NaN for missing). */
    public static double[] doubles(Table t, String column) {
        Column<?> col = t.column(column);
        double[] out = new double[t.rowCount()];
        Arrays.fill(out, Double.NaN);
        for (int r = 0; r < out.length; r++) {
            if (!col.isMissing(r) && col.get(r) instanceof Number n) {
                out[r] = n.doubleValue();
            }
        }
        return out;
    }
}
