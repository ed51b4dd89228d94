package mw.view;

import java.util.Map;
import mw.processing.ChainReport;
import mw.processing.GainReduction;
import tech.tablesaw.api.Table;

/** How a {@link ChainReport} is shown: one row per stage with its output peak and gain reduction. */
final class ChainView {
    private ChainView() {
    }

    static Map<String, Table> tables(ChainReport r) {
        Tables.Builder b = Tables.builder("Chain").columns("stage", "processor", "peak_out_dbfs", "gr_max_db",
                "gr_mean_db", "gr_active");
        b.row(0, "input", r.inputPeakDbfs(), null, null, null);
        for (ChainReport.Stage s : r.stages()) {
            GainReduction.Stats g = s.gainReduction();
            b.row(s.index(), s.processor(), s.peakOutDbfs(), g == null ? null : g.maxDb(), g == null ? null : g.meanDb(),
                    g == null ? null : g.activeFraction());
        }
        return Map.of("Chain", b.build());
    }
}
