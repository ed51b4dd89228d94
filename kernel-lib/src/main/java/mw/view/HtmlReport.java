package mw.view;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import mw.io.Audio;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * A self-contained HTML page: title, headings, paragraphs, tables and charts (embedded as base64
 * PNG, so the single file can be mailed or archived), with a small clean style sheet and no
 * scripts or external resources.
 *
 * <pre>{@code
 * HtmlReport.titled("Analysis of mix.wav")
 *         .paragraph("48 kHz stereo, 3:12")
 *         .heading("Features").table(Tables.of(features))
 *         .heading("Spectrum").chart(ltasChart)
 *         .write(Path.of("out/report.html"));
 * }</pre>
 *
 * <p>All text is HTML-escaped; {@link #html(String)} inserts a trusted fragment as it is. Builders
 * are not thread-safe; {@link #toHtml()} may be called any number of times.
 */
public final class HtmlReport {
    private static final String CSS = """
            body{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;max-width:1000px;\
            margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.6em;border-bottom:2px solid #0072b2;padding-bottom:.2em}
            h2{font-size:1.25em;margin-top:1.6em;color:#0a3d62}
            h3{font-size:1.05em}
            table.mw-table{border-collapse:collapse;margin:.8em 0;font-size:.9em}
            table.mw-table caption{text-align:left;font-weight:600;padding:.3em 0;color:#555}
            table.mw-table th,table.mw-table td{border:1px solid #ddd;padding:.25em .6em}
            table.mw-table th{background:#f2f5f8;text-align:left}
            table.mw-table td.num{text-align:right;font-variant-numeric:tabular-nums}
            table.mw-table tbody tr:nth-child(even){background:#fafafa}
            figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{color:#555;font-size:.9em}
            .note{color:#666;font-size:.9em}
            """;

    /**
     * Added by {@link #printable()}: a page that prints on A4 or Letter without its controls, with every
     * folded section open and figures and tables kept whole.
     */
    static final String PRINT_CSS = """
            @media print{body{max-width:none;margin:0;padding:0;font-size:10pt;color:#000}\
            a{color:inherit;text-decoration:none}nav.crumbs,audio,.player,.no-print{display:none}\
            h2,h3{break-after:avoid}figure,tr,.verdict{break-inside:avoid}figure img{border:none;max-width:100%}\
            details>summary{list-style:none;font-weight:600}details>summary::-webkit-details-marker{display:none}}
            """;

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final StringBuilder css = new StringBuilder();
    private final StringBuilder head = new StringBuilder();

    private HtmlReport(String title) {
        this.title = title;
    }

    /** A new report with a title (shown as the page title and the first heading). */
    public static HtmlReport titled(String title) {
        return new HtmlReport(title);
    }

    /** A section heading ({@code <h2>}). */
    public HtmlReport heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** A sub-heading ({@code <h3>}). */
    public HtmlReport subheading(String text) {
        body.append("<h3>").append(escape(text)).append("</h3>\n");
        return this;
    }

    /** A paragraph of text. */
    public HtmlReport paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A small grey note (definitions, caveats). */
    public HtmlReport note(String text) {
        body.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A bulleted list. */
    public HtmlReport list(List<String> items) {
        body.append("<ul>\n");
        for (String i : items) {
            body.append("<li>").append(escape(i)).append("</li>\n");
        }
        body.append("</ul>\n");
        return this;
    }

    /** A table (its name is the caption; numbers rounded for reading). */
    public HtmlReport table(Table table) {
        body.append(Tables.toHtml(table));
        return this;
    }

    /** A chart, embedded as a base64 PNG with its title as alternative text. */
    public HtmlReport chart(Chart<?, ?> chart) {
        return chart(chart, null);
    }

    /** A chart with a caption below it. */
    public HtmlReport chart(Chart<?, ?> chart, String caption) {
        return png(Charts.png(chart), chart.getTitle() == null ? "chart" : chart.getTitle(), caption);
    }

    /** A PNG image embedded as base64, with alternative text and an optional caption. */
    public HtmlReport png(byte[] png, String alt, String caption) {
        String b64 = Base64.getEncoder().encodeToString(png);
        body.append("<figure><img alt=\"").append(escape(alt)).append("\" src=\"data:image/png;base64,")
                .append(b64).append("\">");
        if (caption != null) {
            body.append("<figcaption>").append(escape(caption)).append("</figcaption>");
        }
        body.append("</figure>\n");
        return this;
    }

    /** An image file beside the page ({@code src} relative to it), with alternative text and an optional caption. */
    public HtmlReport image(String src, String alt, String caption) {
        body.append("<figure><img src=\"").append(escape(src)).append("\" alt=\"").append(escape(alt)).append("\">");
        if (caption != null) {
            body.append("<figcaption>").append(escape(caption)).append("</figcaption>");
        }
        body.append("</figure>\n");
        return this;
    }

    /** A section heading ({@code <h2>}) with an id to link to. */
    public HtmlReport heading(String text, String id) {
        // a plain id needs no quotes (and reads as it is written in links: id=failed, #failed)
        String attr = id.matches("[A-Za-z0-9_-]+") ? id : "\"" + escape(id) + "\"";
        body.append("<h2 id=").append(attr).append(">").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** Style rules added to the page's style sheet. */
    public HtmlReport style(String rules) {
        css.append(rules).append('\n');
        return this;
    }

    /**
     * Makes the page print well: controls hidden, folded sections ({@code <details>}) opened before printing,
     * figures and table rows not split across pages.
     */
    public HtmlReport printable() {
        css.append(PRINT_CSS);
        head.append("<script>addEventListener('beforeprint',()=>document.querySelectorAll('details')"
                + ".forEach(d=>d.open=true))</script>\n");
        return this;
    }

    /** A trusted HTML fragment, inserted without escaping. */
    public HtmlReport html(String fragment) {
        body.append(fragment).append('\n');
        return this;
    }

    /** The whole page. */
    public String toHtml() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + CSS + css + "</style>\n" + head + "</head>\n<body>\n"
                + "<h1>" + escape(title) + "</h1>\n" + body + "</body>\n</html>\n";
    }

    /** Writes the page atomically (UTF-8) and returns the path. */
    public Path write(Path file) {
        byte[] bytes = toHtml().getBytes(StandardCharsets.UTF_8);
        Audio.atomicWrite(file, List.of(), out -> out.write(bytes));
        return file;
    }

    @Override
    public String toString() {
        return "HtmlReport[" + title + "]";
    }

    /** Escapes {@code & < > " '} for HTML text and attributes. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
