package mw.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mw.io.AudioFileInfo;
import mw.loudness.LoudnessReport;
import mw.platforms.QcCheck;
import mw.platforms.QcReport;
import mw.workflow.DeliverBatch;
import mw.workflow.DeliverMaster;
import mw.workflow.DeliveryResult;
import tech.tablesaw.api.Table;

/**
 * How deliveries are shown: a {@link DeliveryResult} (one input, a master per profile), a {@link DeliverBatch}
 * (several inputs and the ones that failed) and a single {@link DeliverMaster}. The terminal text is what
 * {@code mw deliver} prints, the JSON is its {@code deliver.json} and the HTML report its {@code deliver.html}.
 */
final class DeliverView {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeliverView() {
    }

    static final Presenter<DeliverMaster> MASTER = new Presenter<>() {
        @Override
        public Map<String, Table> tables(DeliverMaster m) {
            return Presenters.ordered("Master", mastersTable(List.of(m), false), "QC: " + m.profile().id(), qcTable(m.qc()));
        }

        @Override
        public JsonNode json(DeliverMaster m) {
            return masterJson(m);
        }

        @Override
        public String text(DeliverMaster m) {
            return line(m);
        }
    };

    static final Presenter<DeliveryResult> RESULT = new Presenter<>() {
        @Override
        public Map<String, Table> tables(DeliveryResult r) {
            Map<String, Table> t = new LinkedHashMap<>();
            t.put("Masters", mastersTable(r.masters(), false));
            t.put("Input", inputTable(List.of(r)));
            t.put("QC of the input", qcTable(r.inputQc()));
            for (DeliverMaster m : r.masters()) {
                t.put("QC: " + m.profile().id(), qcTable(m.qc()));
            }
            return t;
        }

        @Override
        public JsonNode json(DeliveryResult r) {
            return resultJson(r);
        }

        @Override
        public String text(DeliveryResult r) {
            StringBuilder sb = new StringBuilder();
            for (DeliverMaster m : r.masters()) {
                sb.append(line(m)).append('\n');
            }
            sb.append("deliver: ").append(r.passed() ? "pass" : "FAIL").append(String.format(Locale.ROOT,
                    " (%d of %d masters pass every check)%n", r.passedCount(), r.masters().size()));
            return sb.toString();
        }

        @Override
        public HtmlReport addTo(HtmlReport report, DeliveryResult r) {
            report.paragraph(String.format(Locale.ROOT, "Result: %s (%d of %d masters pass every check)",
                    r.passed() ? "pass" : "fail", r.passedCount(), r.masters().size()));
            addResult(report, r, false);
            return report;
        }
    };

    static final Presenter<DeliverBatch> BATCH = new Presenter<>() {
        @Override
        public Map<String, Table> tables(DeliverBatch b) {
            Map<String, Table> t = new LinkedHashMap<>();
            t.put("Masters", mastersTable(b.masters(), true));
            t.put("Inputs", inputTable(b.results()));
            if (!b.failures().isEmpty()) {
                Tables.Builder f = Tables.builder("Failed inputs").columns("input", "message");
                b.failures().forEach(x -> f.row(x.input().toString(), x.message()));
                t.put("Failed inputs", f.build());
            }
            return t;
        }

        @Override
        public JsonNode json(DeliverBatch b) {
            ObjectNode n = JSON.createObjectNode();
            n.put("result", b.passed() ? "pass" : "fail");
            ArrayNode a = n.putArray("inputs");
            b.results().forEach(r -> a.add(resultJson(r)));
            ArrayNode f = n.putArray("failures");
            for (DeliverBatch.Failure x : b.failures()) {
                f.addObject().put("input", x.input().toString()).put("message", x.message());
            }
            return n;
        }

        @Override
        public String text(DeliverBatch b) {
            StringBuilder sb = new StringBuilder();
            for (DeliverMaster m : b.masters()) {
                sb.append(line(m)).append('\n');
            }
            sb.append(summary(b));
            return sb.toString();
        }

        @Override
        public HtmlReport addTo(HtmlReport report, DeliverBatch b) {
            long masters = b.masters().size();
            long passed = b.masters().stream().filter(DeliverMaster::passed).count();
            report.paragraph(String.format(Locale.ROOT, "Result: %s (%d of %d masters of %d inputs pass every check%s)",
                    b.passed() ? "pass" : "fail", passed, masters, b.results().size(),
                    b.failures().isEmpty() ? "" : "; " + b.failures().size() + (b.failures().size() == 1 ? " input" : " inputs") + " failed"));
            report.table(mastersTable(b.masters(), true));
            if (!b.failures().isEmpty()) {
                report.heading("Inputs that failed");
                report.list(b.failures().stream().map(DeliverBatch.Failure::message).toList());
            }
            for (DeliveryResult r : b.results()) {
                report.heading("Input: " + r.input().getFileName());
                addResult(report, r, true);
            }
            return report;
        }
    };

    /** The lines after a batch's masters: the verdict and the inputs that failed. */
    static String summary(DeliverBatch b) {
        StringBuilder sb = new StringBuilder();
        long masters = b.masters().size();
        long passed = b.masters().stream().filter(DeliverMaster::passed).count();
        sb.append(String.format(Locale.ROOT, "deliver: %s (%d of %d masters of %d %s pass every check)%n",
                b.passed() ? "pass" : "FAIL", passed, masters, b.results().size(), b.results().size() == 1 ? "input" : "inputs"));
        if (!b.failures().isEmpty()) {
            sb.append(b.failures().size()).append(b.failures().size() == 1 ? " input failed:\n" : " inputs failed:\n");
            for (DeliverBatch.Failure f : b.failures()) {
                sb.append("  ").append(f.message()).append('\n');
            }
        }
        return sb.toString();
    }

    /** One line per master: profile, verdict, file, loudness and true peak, what failed. */
    static String line(DeliverMaster m) {
        return String.format(Locale.ROOT, "%-20s %-5s %s  %s LUFS, %s dBTP%s%s", m.profile().id(), m.qc().result(), m.file(),
                Format.number(m.measured().integratedLufs(), 2), Format.number(m.measured().truePeakDbtp(), 2),
                m.passed() ? "" : "  failed: " + String.join(", ", m.failures()),
                m.clips().clean() ? "" : "  WARNING: " + m.clips().describe());
    }

    /** One row per master: the key figures, narrow enough for a page (file names are in each master's section). */
    static Table mastersTable(List<DeliverMaster> masters, boolean withInput) {
        Tables.Builder b = Tables.builder("Masters");
        List<String> cols = new java.util.ArrayList<>(List.of("platform", "result", "format", "target (LUFS)", "measured (LUFS)",
                "true peak (dBTP)", "ceiling (dBTP)", "gain (dB)", "limiting (dB)", "failed checks"));
        if (withInput) {
            cols.add(0, "input");
        }
        b.columns(cols.toArray(String[]::new));
        for (DeliverMaster m : masters) {
            List<Object> row = new java.util.ArrayList<>(List.of(m.profile().id(), m.passed() ? "pass" : "FAIL",
                    formatText(m), m.targetLufs(), m.measured().integratedLufs(), m.measured().truePeakDbtp(), m.ceilingDbtp(),
                    m.gainDb(), m.limitingDb(), m.passed() ? "none" : String.join(", ", m.failures())));
            if (withInput) {
                String f = m.file().getFileName().toString();
                row.add(0, f.substring(0, Math.max(0, f.length() - (m.profile().id().length() + 5))));
            }
            b.row(row.toArray());
        }
        return b.build();
    }

    /** "16-bit PCM, 44.1 kHz". */
    static String formatText(DeliverMaster m) {
        return m.format().label() + ", " + Format.number(m.sampleRateHz() / 1000.0) + " kHz";
    }

    static Table inputTable(List<DeliveryResult> results) {
        Tables.Builder b = Tables.builder("Input").columns("file", "format", "rate_hz", "bits", "channels", "lufs",
                "true_peak_dbtp", "lra_lu", "qc");
        for (DeliveryResult r : results) {
            AudioFileInfo i = r.info();
            b.row(r.input().getFileName().toString(), i.container() + " " + i.codec(), i.sampleRate(),
                    i.bitsPerSample() == 0 ? "lossy" : String.valueOf(i.bitsPerSample()), i.channels(), r.loudness().integratedLufs(),
                    r.loudness().truePeakDbtp(), r.loudness().loudnessRangeLu(), r.inputQc().result());
        }
        return b.build();
    }

    static Table qcTable(QcReport q) {
        Tables.Builder b = Tables.builder("QC: " + q.subject()).columns("check", "result", "measured", "limit", "detail");
        for (QcCheck c : q.checks()) {
            b.row(c.name(), c.passed() ? "pass" : "FAIL", c.measured(), c.limit(), c.detail());
        }
        return b.build();
    }

    private static void addResult(HtmlReport report, DeliveryResult r, boolean nested) {
        AudioFileInfo info = r.info();
        LoudnessReport l = r.loudness();
        if (!nested) {
            report.table(mastersTable(r.masters(), false));
            report.heading("Input");
        }
        report.paragraph(String.format(Locale.ROOT, "%s: %s, %s, %d Hz, %s, %d channels. Integrated %s LUFS, true peak %s dBTP,"
                        + " loudness range %s LU.", r.input(), info.container(), info.codec(), info.sampleRate(),
                info.bitsPerSample() == 0 ? "lossy" : info.bitsPerSample() + " bit", info.channels(),
                Format.number(l.integratedLufs(), 2), Format.number(l.truePeakDbtp(), 2), Format.number(l.loudnessRangeLu(), 2)));
        report.subheading("QC of the input (music defaults, true peak ≤ -1 dBTP): " + r.inputQc().result());
        report.table(qcTable(r.inputQc()));
        for (DeliverMaster m : r.masters()) {
            String title = m.profile().name() + " (" + m.profile().id() + "): " + m.qc().result();
            if (nested) {
                report.subheading(title);
            } else {
                report.heading(title);
            }
            report.paragraph(String.format(Locale.ROOT, "Target %s, ceiling %s dBTP. Master %s (%s): %s LUFS,"
                            + " true peak %s dBTP. %s.",
                    Double.isNaN(m.targetLufs()) ? "none" : Format.number(m.targetLufs(), 1) + " LUFS",
                    Format.number(m.ceilingDbtp(), 1), m.file().getFileName(), formatText(m),
                    Format.number(m.measured().integratedLufs(), 2),
                    Format.number(m.measured().truePeakDbtp(), 2), capitalise(m.note())));
            report.paragraph("On the platform: " + m.outcome().verdict().key() + ": " + m.outcome().reasonText());
            if (!m.clips().clean()) {
                report.paragraph("Warning: " + m.clips().describe());
            }
            report.table(qcTable(m.qc()));
        }
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static JsonNode resultJson(DeliveryResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("input", r.input().toString());
        root.put("result", r.passed() ? "pass" : "fail");
        AudioFileInfo info = r.info();
        ObjectNode input = root.putObject("input_figures");
        input.put("container", info.container());
        input.put("codec", info.codec());
        input.put("sample_rate_hz", info.sampleRate());
        input.put("bits_per_sample", info.bitsPerSample());
        input.put("channels", info.channels());
        MasterView.num(input, "integrated_lufs", r.loudness().integratedLufs());
        MasterView.num(input, "true_peak_dbtp", r.loudness().truePeakDbtp());
        MasterView.num(input, "loudness_range_lu", r.loudness().loudnessRangeLu());
        root.set("input_qc", qcJson(r.inputQc()));
        ArrayNode ms = root.putArray("masters");
        r.masters().forEach(m -> ms.add(masterJson(m)));
        return root;
    }

    static ObjectNode masterJson(DeliverMaster m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("platform", m.profile().id());
        n.put("name", m.profile().name());
        n.put("file", m.file().toString());
        n.put("format", m.format().label());
        n.put("sample_rate_hz", m.sampleRateHz());
        ArrayNode conv = n.putArray("conversions");
        m.conversions().forEach(conv::add);
        MasterView.num(n, "target_lufs", m.targetLufs());
        MasterView.num(n, "aim_lufs", m.aimLufs());
        MasterView.num(n, "ceiling_dbtp", m.ceilingDbtp());
        MasterView.num(n, "gain_db", m.gainDb());
        MasterView.num(n, "limiting_db", m.limitingDb());
        MasterView.num(n, "integrated_lufs", m.measured().integratedLufs());
        MasterView.num(n, "true_peak_dbtp", m.measured().truePeakDbtp());
        n.put("note", m.note());
        // counted from the written master
        n.put("samples_at_full_scale", m.clips().atFullScale());
        n.put("overs", m.clips().overs());
        n.put("platform_verdict", m.outcome().verdict().key());
        ArrayNode reasons = n.putArray("platform_reasons");
        m.outcome().reasons().forEach(reasons::add);
        n.set("qc", qcJson(m.qc()));
        return n;
    }

    static ObjectNode qcJson(QcReport r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("result", r.result());
        ArrayNode a = n.putArray("checks");
        for (QcCheck c : r.checks()) {
            ObjectNode x = a.addObject();
            x.put("id", c.id());
            x.put("result", c.result());
            x.put("measured", c.measured());
            x.put("limit", c.limit());
            x.put("detail", c.detail());
        }
        return n;
    }
}
