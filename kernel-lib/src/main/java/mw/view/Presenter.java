package mw.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * How one result type is shown: its tables, charts, JSON, terminal text and HTML section, in one place.
 * Registered with {@link Show#register}; the CLI, the HTML reports and the notebook display all ask
 * {@link Show} and so show a result the same way. Only {@link #tables} is required; the rest default to
 * forms of the first table.
 *
 * @param <T> the result type
 */
public interface Presenter<T> {
    /** The tables of a result, by name, the main one first. */
    Map<String, Table> tables(T value);

    /** The charts of a result, by name (none by default). */
    default Map<String, Chart<?, ?>> charts(T value) {
        return Map.of();
    }

    /** The result as JSON (by default the main table as an array of row objects). */
    default JsonNode json(T value) {
        return Tables.toJsonNode(Show.first(tables(value)));
    }

    /** CSV of the main table (full precision, missing figures empty). */
    default String csv(T value) {
        return Tables.toCsv(Show.first(tables(value)));
    }

    /** Markdown of the tables. */
    default String markdown(T value) {
        StringBuilder sb = new StringBuilder();
        for (Table t : tables(value).values()) {
            sb.append(sb.length() == 0 ? "" : "\n").append(Tables.toMarkdown(t));
        }
        return sb.toString();
    }

    /** Plain text for a terminal: each table as aligned columns. */
    default String text(T value) {
        StringBuilder sb = new StringBuilder();
        for (Table t : tables(value).values()) {
            sb.append(sb.length() == 0 ? "" : "\n").append(Tables.toText(t));
        }
        return sb.toString();
    }

    /** Adds the result to an HTML report: its tables, then its charts. */
    default HtmlReport addTo(HtmlReport report, T value) {
        for (Table t : tables(value).values()) {
            report.table(t);
        }
        for (Map.Entry<String, Chart<?, ?>> c : charts(value).entrySet()) {
            report.chart(c.getValue(), c.getKey());
        }
        return report;
    }
}
