package mw.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mw.analysis.Analysis;
import mw.analysis.Comparison;
import mw.analysis.DynamicsReport;
import mw.analysis.FeatureSet;
import mw.analysis.Ltas;
import mw.analysis.Spectrogram;
import mw.analysis.StereoReport;
import mw.loudness.LoudnessReport;
import mw.platforms.Outcomes;
import mw.platforms.QcReport;
import mw.processing.ChainReport;
import mw.workflow.DeliverBatch;
import mw.workflow.DeliverMaster;
import mw.workflow.DeliveryResult;
import mw.workflow.MasterResult;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/** The presenters of the library's own result types, registered with {@link Show} when it loads. */
final class Presenters {
    private Presenters() {
    }

    static void registerBuiltIns() {
        Show.register(Outcomes.class, OutcomesView.PRESENTER);
        Show.register(LoudnessReport.class, (Presenter<LoudnessReport>) l -> Map.of("Loudness", Views.loudnessTable(l)));
        Show.register(Analysis.class, new Presenter<Analysis>() {
            @Override
            public Map<String, Table> tables(Analysis a) {
                return Views.tables(a);
            }

            @Override
            public Map<String, Chart<?, ?>> charts(Analysis a) {
                return Views.charts(a);
            }

            @Override
            public HtmlReport addTo(HtmlReport r, Analysis a) {
                return Views.addTo(r, a);
            }
        });
        Show.register(Comparison.class, new Presenter<Comparison>() {
            @Override
            public Map<String, Table> tables(Comparison c) {
                return Views.tables(c);
            }

            @Override
            public Map<String, Chart<?, ?>> charts(Comparison c) {
                return Views.charts(c);
            }

            @Override
            public HtmlReport addTo(HtmlReport r, Comparison c) {
                return Views.addTo(r, c);
            }
        });
        Show.register(StereoReport.class, new Presenter<StereoReport>() {
            @Override
            public Map<String, Table> tables(StereoReport s) {
                return ordered("Stereo", Views.stereoTable(s), "Stereo per band", Views.stereoBandTable(s));
            }

            @Override
            public Map<String, Chart<?, ?>> charts(StereoReport s) {
                return ordered("Correlation", Views.correlationChart(s), "Goniometer", Views.goniometerChart(s),
                        "Width per band", Views.widthChart(s));
            }
        });
        Show.register(DynamicsReport.class, new Presenter<DynamicsReport>() {
            @Override
            public Map<String, Table> tables(DynamicsReport d) {
                return Map.of("Dynamics", Views.dynamicsTable(d));
            }

            @Override
            public Map<String, Chart<?, ?>> charts(DynamicsReport d) {
                return ordered("Crest factor", Views.crestChart(d), "Histogram", Views.dynamicsHistogramChart(d));
            }
        });
        Show.register(Ltas.class, new Presenter<Ltas>() {
            @Override
            public Map<String, Table> tables(Ltas l) {
                return Map.of("Band levels", Views.bandTable(l));
            }

            @Override
            public Map<String, Chart<?, ?>> charts(Ltas l) {
                return Map.of("Long-term average spectrum", Views.ltasChart(l));
            }
        });
        Show.register(Spectrogram.class, new Presenter<Spectrogram>() {
            @Override
            public Map<String, Table> tables(Spectrogram s) {
                return Map.of();
            }

            @Override
            public Map<String, Chart<?, ?>> charts(Spectrogram s) {
                return Map.of("Spectrogram", Views.spectrogramChart(s));
            }
        });
        Show.register(FeatureSet.class, (Presenter<FeatureSet>) f -> ordered("Features", Views.featureTable(List.of(f)),
                "Timbre", Views.timbreTable(List.of(f))));
        Show.register(mw.analysis.DamageReport.class, new Presenter<mw.analysis.DamageReport>() {
            @Override
            public Map<String, Table> tables(mw.analysis.DamageReport d) {
                return d.clickList().isEmpty() ? Map.of("Damage", Views.damageTable(d))
                        : ordered("Damage", Views.damageTable(d), "Clicks", Views.clickTable(d));
            }

            @Override
            public HtmlReport addTo(HtmlReport r, mw.analysis.DamageReport d) {
                return Views.addTo(r, d);
            }
        });
        Show.register(ChainReport.class, (Presenter<ChainReport>) ChainView::tables);
        Show.register(MasterResult.class, MasterView.PRESENTER);
        Show.register(DeliverMaster.class, DeliverView.MASTER);
        Show.register(DeliveryResult.class, DeliverView.RESULT);
        Show.register(DeliverBatch.class, DeliverView.BATCH);
        Show.register(mw.workflow.StudyResult.class, StudyView.RESULT);
        Show.register(mw.workflow.StudyTrack.class, StudyView.TRACK);
        Show.register(QcReport.class, (Presenter<QcReport>) q -> Map.of("QC: " + q.subject(), Tables.of(q.checks())));
    }

    /** A map that keeps the order of its pairs (name, value, name, value, ...). */
    @SuppressWarnings("unchecked")
    static <V> Map<String, V> ordered(Object... pairs) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (V) pairs[i + 1]);
        }
        return m;
    }
}
