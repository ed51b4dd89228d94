package mw.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mw.WorkbenchException;
import mw.analysis.Analysis;
import mw.audio.AudioBuffer;
import mw.loudness.Loudness;
import mw.processing.Chain;
import mw.processing.Compressor;
import mw.processing.Limiter;
import mw.processing.LoudnessTarget;
import mw.view.Charts;
import mw.view.Views;
import org.junit.jupiter.api.Test;

/**
 * Every analysis, chart, table, report and render of the library on hostile but valid audio: each either
 * gives a result or one {@link WorkbenchException}; never another exception.
 */
class HostileSignalsTest {
    private interface Step {
        void run(AudioBuffer a);
    }

    /** Signals whose charts are painted as well as built. */
    private static final java.util.Set<String> PAINTED = java.util.Set.of("digital silence 3 s", "1 sample",
            "1 sample of silence", "subnormal samples", "100 ms sine at -10.5 dBFS", "DC at full scale", "32 channels, 50 ms",
            "1 Hz sample rate, 10 s");
    private static final Map<AudioBuffer, String> NAMES = new java.util.IdentityHashMap<>();

    private static String name(AudioBuffer a) {
        return NAMES.getOrDefault(a, "");
    }

    private static final Map<String, Step> STEPS = new java.util.LinkedHashMap<>();

    static {
        STEPS.put("loudness", Loudness::of);
        STEPS.put("analysis + tables + charts + report", a -> {
            Analysis an = Analysis.of("x", a);
            Views.tables(an).values().forEach(t -> mw.view.Tables.toCsv(t));
            var charts = Views.charts(an);
            if (PAINTED.contains(name(a))) {
                // painting is slow; the most degenerate cases are painted, the rest only built
                charts.values().forEach(Charts::png);
            }
            Views.report(an).toHtml();
        });
        STEPS.put("chain", a -> Chain.of(Compressor.ratio(2).thresholdDb(-20), Limiter.truePeak(-1)).process(a));
        STEPS.put("loudness target", a -> LoudnessTarget.render(a, Chain.of(), -14, -1));
    }

    @Test
    void everyStepGivesAResultOrAWorkbenchException() {
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (var signal : HostileCorpus.signals().entrySet()) {
            NAMES.put(signal.getValue(), signal.getKey());
            for (var step : STEPS.entrySet()) {
                runs++;
                try {
                    step.getValue().run(signal.getValue());
                } catch (WorkbenchException e) {
                    // a clear refusal is fine
                } catch (RuntimeException | Error e) {
                    StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
                    failures.add(signal.getKey() + " / " + step.getKey() + ": " + e + " at " + at);
                }
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + runs + " runs failed:\n" + String.join("\n", failures));
    }
}
