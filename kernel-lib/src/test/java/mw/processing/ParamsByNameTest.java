package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mw.WorkbenchException;
import org.junit.jupiter.api.Test;

/** The by-name parameter API that presets, specs, live states and the assistant use, for every registered type. */
class ParamsByNameTest {
    @Test
    void everyTypeListsItsParametersInTheOrderPresetsWriteThem() {
        assertTrue(Presets.types().keySet().containsAll(List.of("gain", "eq", "compressor", "limiter", "multiband",
                "expander", "stereo", "saturation", "firEq", "dcBlock", "dither")));
        for (ParamSet<?> type : Presets.types().values()) {
            Processor p = type.create();
            assertEquals(type.type(), p.type());
            assertEquals(p.params().stream().map(Param::name).toList(), List.copyOf(p.parameters().keySet()), type.type());
            for (Param d : p.params()) {
                if (d.kind() == Param.Kind.STAGES) {
                    continue; // one default stage per band
                }
                assertEquals(d.defaultValue(), p.get(d.name()), type.type() + "." + d.name() + " default");
            }
        }
    }

    @Test
    void numbersAreRangeCheckedByNameAndNothingChangesOnARejectedValue() {
        for (ParamSet<?> type : Presets.types().values()) {
            for (Param d : type.params()) {
                if (d.kind() != Param.Kind.NUMBER) {
                    continue;
                }
                Processor p = type.create();
                p.set(d.name(), d.max());
                assertEquals(d.max(), (Double) p.get(d.name()), 0, type.type() + "." + d.name());
                p.set(d.name(), String.valueOf(d.min()));
                assertEquals(d.min(), (Double) p.get(d.name()), 0, type.type() + "." + d.name());
                String before = p.toString();
                double above = d.max() + Math.max(1, Math.abs(d.max()));
                String m = assertThrows(WorkbenchException.class, () -> p.set(d.name(), above)).getMessage();
                assertTrue(m.startsWith(d.name() + " = ") && m.contains("accepted: "), m);
                assertEquals(before, p.toString(), "a rejected value leaves the processor unchanged");
            }
        }
    }

    @Test
    void unknownNamesListTheValidOnes() {
        String m = assertThrows(WorkbenchException.class, () -> Limiter.truePeak(-1).set("ceilingDb", -2)).getMessage();
        assertTrue(m.contains("unknown parameter ceilingDb") && m.contains("accepted: ceilingDbtp, releaseMs, lookaheadMs"), m);
        m = assertThrows(WorkbenchException.class, () -> Gain.db(0).get("gain")).getMessage();
        assertTrue(m.contains("gainDb"), m);
    }

    @Test
    void setByNameEqualsTheTypedSetter() {
        Compressor typed = Compressor.ratio(4).thresholdDb(-24).attackMs(3).detector(Compressor.Detector.RMS);
        Compressor named = Compressor.create().set("ratio", 4).set("thresholdDb", "-24").set("attackMs", 3).set("detector", "rms");
        assertEquals(typed.toString(), named.toString());
        assertEquals(typed.parameters(), named.parameters());
        assertEquals("rms", named.get("detector"));
        assertEquals(-24.0, named.get("thresholdDb"));
    }

    @Test
    void groupedParametersAreSetTogether() {
        Stereo s = Stereo.create();
        String m = assertThrows(WorkbenchException.class, () -> s.set("crossoversHz", List.of(300.0))).getMessage();
        assertTrue(m.contains("1 crossovers need 2 band widths"), m);
        assertEquals(List.of(), s.get("crossoversHz"));
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("crossoversHz", List.of(300.0));
        both.put("bandWidths", List.of(0.5, 1.5));
        s.set(both);
        assertEquals(List.of(0.5, 1.5), s.get("bandWidths"));
    }

    @Test
    void aChainSetsItsStagesByPositionOrType() {
        Chain c = Chain.of(Eq.highShelf(8000, 1.5), Compressor.create(), Limiter.truePeak(-1));
        c.set("2.thresholdDb", -30).set("limiter.ceilingDbtp", -2);
        assertEquals(-30.0, c.get("compressor.thresholdDb"));
        assertEquals(-2.0, ((Limiter) c.get(2)).ceilingDbtp());
        assertTrue(c.params().stream().anyMatch(p -> p.name().equals("3.lookaheadMs")
                && p.change() == Param.Change.ON_PREPARE && p.unit().equals("ms")));
        String m = assertThrows(WorkbenchException.class, () -> c.set("reverb.mix", 1)).getMessage();
        assertTrue(m.contains("1.eq, 2.compressor, 3.limiter"), m);
    }

    @Test
    void choicesAndWholeNumbersSayWhatIsAccepted() {
        String m = assertThrows(WorkbenchException.class, () -> Eq.peak(1000, 0, 1).set("slopeDbPerOct", 30)).getMessage();
        assertTrue(m.contains("slopeDbPerOct = 30 is not accepted; accepted: 6, 12, 18, 24, 36, 48"), m);
        m = assertThrows(WorkbenchException.class, () -> FirEq.fromCurve(new double[] {100}, new double[] {0}).taps(1000)).getMessage();
        assertTrue(m.contains("taps = 1000 is not accepted; accepted: an odd number from 255 to 65535"), m);
        Param shape = Eq.PARAMS.params().get(0);
        assertEquals(Param.Kind.CHOICE, shape.kind());
        assertTrue(shape.choices().contains("highShelf"));
        assertFalse(Stereo.create().set("bassMonoHz", 0).toString().isEmpty());
        assertThrows(WorkbenchException.class, () -> Stereo.create().set("bassMonoHz", 10));
    }
}
