package mw.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import mw.loudness.LoudnessReport;
import mw.processing.GainReduction;
import mw.workflow.MasterResult;
import mw.workflow.MasterStage;
import tech.tablesaw.api.Table;

/**
 * How a {@link MasterResult} is shown: loudness before and after, the stages as rendered with what each
 * did, and the target. The terminal text is what {@code mw master} prints.
 */
final class MasterView {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MasterView() {
    }

    static final Presenter<MasterResult> PRESENTER = new Presenter<>() {
        @Override
        public Map<String, Table> tables(MasterResult m) {
            return m.target().hasLoudness()
                    ? Presenters.ordered("Master", loudnessTable(m), "Stages", stagesTable(m), "Target", targetTable(m))
                    : Presenters.ordered("Master", loudnessTable(m), "Stages", stagesTable(m));
        }

        @Override
        public JsonNode json(MasterResult m) {
            return MasterView.json(m);
        }

        @Override
        public String text(MasterResult m) {
            return MasterView.text(m);
        }
    };

    /** Loudness of the input and of the master, one row per measure. */
    static Table loudnessTable(MasterResult m) {
        LoudnessReport a = m.before();
        LoudnessReport b = m.after();
        return Tables.builder("Master").columns("measure", "before", "after")
                .row("integrated (LUFS)", a.integratedLufs(), b.integratedLufs())
                .row("loudness range (LU)", a.loudnessRangeLu(), b.loudnessRangeLu())
                .row("short-term max (LUFS)", a.shortTermMaxLufs(), b.shortTermMaxLufs())
                .row("true peak (dBTP)", a.truePeakDbtp(), b.truePeakDbtp())
                .row("sample peak (dBFS)", a.samplePeakDbfs(), b.samplePeakDbfs())
                .build();
    }

    /** One row per stage as rendered: role, output peak, gain reduction and parameters. */
    static Table stagesTable(MasterResult m) {
        Tables.Builder t = Tables.builder("Stages").columns("stage", "processor", "role", "peak_out_dbfs", "gr_max_db",
                "gr_mean_db", "gr_active", "parameters");
        t.row(0, "input", "", m.inputPeakDbfs(), null, null, null, "");
        for (MasterStage s : m.stages()) {
            GainReduction.Stats g = s.gainReduction();
            t.row(s.index(), s.name(), s.role().key(), s.peakOutDbfs(), g == null ? null : g.maxDb(), g == null ? null : g.meanDb(),
                    g == null ? null : g.activeFraction(), parameters(s));
        }
        return t.build();
    }

    static Table targetTable(MasterResult m) {
        return Tables.builder("Target").columns("target_lufs", "ceiling_dbtp", "reached", "gain_db", "limiting_db", "renders", "why")
                .row(m.target().targetLufs(), m.target().ceilingDbtp(), m.reached(), m.targetGainDb(), m.limitingDb(), m.renders(),
                        m.reason())
                .build();
    }

    private static String parameters(MasterStage s) {
        StringBuilder sb = new StringBuilder();
        s.parameters().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(Format.value(v)));
        return sb.toString();
    }

    static JsonNode json(MasterResult m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("input", m.input() == null ? null : m.input().toString());
        n.put("output", m.output() == null ? null : m.output().toString());
        n.put("format", m.format() == null ? "float64 in memory" : m.format().label());
        n.set("before", loudness(m.before()));
        n.set("after", loudness(m.after()));
        num(n, "input_peak_dbfs", m.inputPeakDbfs());
        ArrayNode st = n.putArray("stages");
        for (MasterStage s : m.stages()) {
            ObjectNode x = st.addObject();
            x.put("index", s.index());
            x.put("name", s.name());
            x.put("type", s.type());
            x.put("role", s.role().key());
            x.set("parameters", JSON.valueToTree(s.parameters()));
            num(x, "peak_out_dbfs", s.peakOutDbfs());
            if (s.gainReduction() != null) {
                num(x, "gr_max_db", s.gainReduction().maxDb());
                num(x, "gr_mean_db", s.gainReduction().meanDb());
                num(x, "gr_active", s.gainReduction().activeFraction());
            }
        }
        ObjectNode t = n.putObject("target");
        num(t, "target_lufs", m.target().targetLufs());
        num(t, "ceiling_dbtp", m.target().ceilingDbtp());
        num(t, "max_limiting_db", m.target().maxLimitingDb());
        t.put("reached", m.reached());
        t.put("reason", m.reason());
        num(t, "gain_db", m.targetGainDb());
        num(t, "limiting_db", m.limitingDb());
        t.put("renders", m.renders());
        ObjectNode c = n.putObject("clips");
        c.put("samples_at_full_scale", m.clips().atFullScale());
        c.put("overs", m.clips().overs());
        c.put("beyond_full_scale", m.clips().overFullScale());
        return n;
    }

    static ObjectNode loudness(LoudnessReport l) {
        ObjectNode n = JSON.createObjectNode();
        num(n, "integrated_lufs", l.integratedLufs());
        num(n, "loudness_range_lu", l.loudnessRangeLu());
        num(n, "short_term_max_lufs", l.shortTermMaxLufs());
        num(n, "true_peak_dbtp", l.truePeakDbtp());
        num(n, "sample_peak_dbfs", l.samplePeakDbfs());
        return n;
    }

    /** A number rounded to 0.01, or null when it does not exist. */
    static void num(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, Math.round(v * 100) / 100.0);
        } else {
            n.putNull(key);
        }
    }

    private static String f2(double v) {
        return Format.number(v, 2);
    }

    /** What {@code mw master} prints. */
    static String text(MasterResult m) {
        StringBuilder sb = new StringBuilder();
        String format = m.format() == null ? "64-bit float, in memory"
                : m.format().isFloat() ? m.format().label() : m.format().label() + " with TPDF dither where the word length is reduced";
        sb.append(String.format(Locale.ROOT, "%s -> %s (%s)%n", m.input() == null ? "audio" : m.input(),
                m.output() == null ? "master" : m.output(), format));
        // the stages as rendered: with a target these include the gain (and limiter) it adds
        sb.append("chain:\n");
        if (m.stages().isEmpty()) {
            sb.append("  (none)\n");
        }
        for (MasterStage s : m.stages()) {
            sb.append(String.format(Locale.ROOT, "  %d. %s%n", s.index(), s.description()));
        }
        MasterStage gain = m.targetGainStage();
        MasterStage limiter = m.finalLimiter();
        if (gain != null && limiter != null) {
            sb.append(String.format(Locale.ROOT, "  (the target sets the gain of stage %d, in front of the true-peak limiter at stage %d)%n",
                    gain.index(), limiter.index()));
        }
        sb.append(String.format(Locale.ROOT, "%-22s %12s %12s%n", "", "before", "after"));
        row(sb, "integrated (LUFS)", m.before().integratedLufs(), m.after().integratedLufs());
        row(sb, "loudness range (LU)", m.before().loudnessRangeLu(), m.after().loudnessRangeLu());
        row(sb, "short-term max (LUFS)", m.before().shortTermMaxLufs(), m.after().shortTermMaxLufs());
        row(sb, "true peak (dBTP)", m.before().truePeakDbtp(), m.after().truePeakDbtp());
        row(sb, "sample peak (dBFS)", m.before().samplePeakDbfs(), m.after().samplePeakDbfs());
        sb.append("stages:\n");
        sb.append(String.format(Locale.ROOT, "  input sample peak %s dBFS%n", f2(m.inputPeakDbfs())));
        for (MasterStage s : m.stages()) {
            GainReduction.Stats g = s.gainReduction();
            sb.append(String.format(Locale.ROOT, "  %d. %s: peak out %s dBFS%s%n", s.index(), s.name(), f2(s.peakOutDbfs()),
                    g == null ? "" : String.format(Locale.ROOT, ", gain reduction max %s dB, mean %s dB, active %s %% of the time",
                            f2(g.maxDb()), f2(g.meanDb()), Format.number(100 * g.activeFraction(), 1))));
        }
        if (m.target().hasLoudness()) {
            sb.append(String.format(Locale.ROOT, "target %.1f LUFS under %.1f dBTP: %s (stage %d gain %+.2f dB, %d renders)%s%n",
                    m.target().targetLufs(), m.target().ceilingDbtp(), m.reached() ? "reached" : "NOT reached",
                    gain == null ? 0 : gain.index(), m.targetGainDb(), m.renders(), m.reached() ? "" : "\n  why: " + m.reason()));
        }
        sb.append(m.clips().clean() ? "full scale: " : "WARNING: the master clips: ").append(m.clips().describe()).append('\n');
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, double a, double b) {
        sb.append(String.format(Locale.ROOT, "%-22s %12s %12s%n", name, f2(a), f2(b)));
    }

}
