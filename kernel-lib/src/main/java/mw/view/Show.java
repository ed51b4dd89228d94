package mw.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mw.WorkbenchException;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * The presentation layer's entry point: any result of the workbench as a table, chart, JSON, CSV,
 * Markdown, terminal text or HTML, by asking the {@link Presenter} registered for its type. The notebook
 * display, the command line and the HTML reports all come here, so a result looks the same everywhere,
 * and a new result type needs one presenter, registered once, to be shown everywhere.
 *
 * <pre>{@code
 * Show.table(Loudness.of(mix));           // a one-row table
 * Show.chart(outcomes);                   // playback loudness per platform
 * Show.text(outcomes);                    // what `mw platforms` prints
 * Show.report(Analysis.of("mix", mix)).write(Path.of("out/mix.html"));
 * }</pre>
 *
 * <p>Why a registry keyed by type rather than an interface the results implement: results are plain
 * records in packages below {@code view} (analysis, loudness, platforms, processing, and the matching,
 * assistant and repair packages) that must not depend on Tablesaw, XChart or HTML; a registry keeps them
 * plain, keeps every presentation decision in this package, and lets callers present an object whose
 * type they do not know. Lookup follows the class, then its superclasses and interfaces; records and lists
 * of one record type without a presenter become tables of their components.
 */
public final class Show {
    private static final Map<Class<?>, Presenter<?>> PRESENTERS = new ConcurrentHashMap<>();

    static {
        Presenters.registerBuiltIns();
    }

    private Show() {
    }

    /** Registers how values of {@code type} (and its subtypes without their own presenter) are shown. */
    public static <T> void register(Class<T> type, Presenter<? super T> presenter) {
        PRESENTERS.put(type, presenter);
    }

    /** Whether a value has a presenter of its own (not only the record fallback). */
    public static boolean hasPresenter(Object value) {
        return value != null && find(value.getClass()) != null;
    }

    @SuppressWarnings("unchecked")
    private static Presenter<Object> find(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            Presenter<?> p = PRESENTERS.get(k);
            if (p != null) {
                return (Presenter<Object>) p;
            }
            for (Class<?> i : k.getInterfaces()) {
                p = PRESENTERS.get(i);
                if (p != null) {
                    return (Presenter<Object>) p;
                }
            }
        }
        return null;
    }

    /** The presenter of a value: its registered one, or the record/list-of-records fallback. */
    public static Presenter<Object> presenter(Object value) {
        if (value == null) {
            throw new WorkbenchException("nothing to show: the value is null");
        }
        Presenter<Object> p = find(value.getClass());
        if (p != null) {
            return p;
        }
        if (value instanceof Record r) {
            return v -> Map.of(r.getClass().getSimpleName(), Tables.of((Record) v));
        }
        if (value instanceof List<?> l && isListOfOneRecordType(l)) {
            return v -> {
                @SuppressWarnings("unchecked")
                List<Record> rows = (List<Record>) v;
                return Map.of(rows.get(0).getClass().getSimpleName(), Tables.of(rows));
            };
        }
        throw new WorkbenchException("no presentation for " + value.getClass().getName()
                + "; accepted: the workbench's results, records and lists of records");
    }

    static boolean isListOfOneRecordType(List<?> list) {
        if (list.isEmpty() || !(list.get(0) instanceof Record)) {
            return false;
        }
        Class<?> c = list.get(0).getClass();
        return list.stream().allMatch(o -> o != null && o.getClass() == c);
    }

    static Table first(Map<String, Table> tables) {
        if (tables.isEmpty()) {
            throw new WorkbenchException("this result has no table");
        }
        return tables.values().iterator().next();
    }

    /** The main table of a result. */
    public static Table table(Object value) {
        return first(tables(value));
    }

    /** Every table of a result, by name. */
    public static Map<String, Table> tables(Object value) {
        return presenter(value).tables(value);
    }

    /** The main chart of a result. */
    public static Chart<?, ?> chart(Object value) {
        Map<String, Chart<?, ?>> c = charts(value);
        if (c.isEmpty()) {
            throw new WorkbenchException("a " + value.getClass().getSimpleName() + " has no chart; show it as a table");
        }
        return c.values().iterator().next();
    }

    /** Every chart of a result, by name. */
    public static Map<String, Chart<?, ?>> charts(Object value) {
        return presenter(value).charts(value);
    }

    /** The result as a Jackson tree. */
    public static JsonNode jsonNode(Object value) {
        return presenter(value).json(value);
    }

    /** The result as indented JSON text. */
    public static String json(Object value) {
        return Tables.json(jsonNode(value));
    }

    /** CSV of the main table. */
    public static String csv(Object value) {
        return presenter(value).csv(value);
    }

    /** Markdown of the tables. */
    public static String markdown(Object value) {
        return presenter(value).markdown(value);
    }

    /** Plain text for a terminal. */
    public static String text(Object value) {
        return presenter(value).text(value);
    }

    /** Adds a result's tables and charts to a report. */
    public static HtmlReport addTo(HtmlReport report, Object value) {
        return presenter(value).addTo(report, value);
    }

    /** A report of one result, titled after its type. */
    public static HtmlReport report(Object value) {
        return addTo(HtmlReport.titled(value.getClass().getSimpleName()), value);
    }

    /** The result's tables as HTML {@code <table>} elements (charts left out), for embedding. */
    public static String htmlTables(Object value) {
        StringBuilder sb = new StringBuilder();
        for (Table t : tables(value).values()) {
            sb.append(Tables.toHtml(t));
        }
        return sb.toString();
    }

    /** The registered types, for documentation and tests. */
    public static List<Class<?>> registeredTypes() {
        return new ArrayList<>(new LinkedHashMap<>(PRESENTERS).keySet());
    }
}
