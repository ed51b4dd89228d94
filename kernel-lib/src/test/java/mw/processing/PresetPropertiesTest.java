package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mw.WorkbenchException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Property tests of the chain-spec and preset parsers, driven by the processors' own declarations: any
 * value inside a declared range is accepted (or refused as a whole-processor combination with a
 * {@link WorkbenchException}), any value outside it is refused with a message naming the parameter,
 * a saved preset loads back to the same settings, and no string whatever makes either parser throw
 * anything but the library's own exception.
 */
class PresetPropertiesTest {

    /** A processor type with values for some of its declared parameters, each inside its declared range. */
    record Settings(String type, Map<String, Object> values) {
    }

    @Provide
    Arbitrary<Settings> validSettings() {
        List<String> types = Presets.types().entrySet().stream()
                .filter(e -> e.getValue().params().stream().noneMatch(p -> p.kind() == Param.Kind.STAGES))
                .map(Map.Entry::getKey).sorted().toList();
        return Arbitraries.of(types).flatMap(type -> {
            List<Param> params = Presets.types().get(type).params();
            List<Arbitrary<Object>> each = new ArrayList<>();
            for (Param p : params) {
                each.add(Arbitraries.oneOf(Arbitraries.just(null), valueInside(p)));
            }
            return Combinators.combine(each).as(vs -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < params.size(); i++) {
                    if (vs.get(i) != null) {
                        m.put(params.get(i).name(), vs.get(i));
                    }
                }
                return new Settings(type, m);
            });
        });
    }

    private static Arbitrary<Object> valueInside(Param p) {
        return switch (p.kind()) {
            case NUMBER -> Arbitraries.doubles().between(p.min(), p.max()).ofScale(3).map(d -> (Object) d);
            case INTEGER -> p.choices().isEmpty()
                    ? Arbitraries.longs().between((long) p.min(), (long) Math.min(p.max(), (double) Long.MAX_VALUE))
                            .map(l -> (Object) l)
                    : Arbitraries.of(p.choices()).map(s -> (Object) Long.parseLong(s));
            case CHOICE -> Arbitraries.of(p.choices()).map(s -> (Object) s);
            case NUMBERS -> Arbitraries.doubles().between(p.min(), p.max()).ofScale(2).list().ofMinSize(1).ofMaxSize(4)
                    .map(l -> (Object) l);
            case STAGES, CHAIN -> Arbitraries.just(null);
        };
    }

    @Property(tries = 400)
    void valuesInsideTheirRangesAreAcceptedAndSurviveAPreset(@ForAll("validSettings") Settings s) {
        Processor p;
        try {
            p = Presets.create(s.type(), s.values());
        } catch (WorkbenchException e) {
            // a combination may be refused as a whole (e.g. a crossover's bands in order): it must say so
            assertTrue(e.getMessage().startsWith(s.type()), e.getMessage());
            return;
        }
        for (var v : s.values().entrySet()) {
            assertSameValue(v.getValue(), p.get(v.getKey()), s.type() + "." + v.getKey());
        }
        Chain back = Presets.fromJson(Presets.toJson(Chain.of(p)));
        assertEquals(1, back.size());
        assertEquals(p.parameters(), back.get(0).parameters(), "a saved preset loads back to the same settings");
    }

    @Property(tries = 300)
    void specsWithValuesInsideTheirRangesParseToThoseValues(@ForAll("validSettings") Settings s) {
        StringBuilder spec = new StringBuilder(s.type());
        String sep = ":";
        for (var v : s.values().entrySet()) {
            spec.append(sep).append(v.getKey()).append('=').append(specText(v.getValue()));
            sep = ",";
        }
        Chain c;
        try {
            c = Presets.parseSpec(spec + "; gain:gainDb=0");
        } catch (WorkbenchException e) {
            assertTrue(e.getMessage().startsWith("chain stage 1 (" + s.type() + ")"), e.getMessage());
            return;
        }
        assertEquals(2, c.size());
        for (var v : s.values().entrySet()) {
            assertSameValue(v.getValue(), c.get(0).get(v.getKey()), spec + ": " + v.getKey());
        }
    }

    /** Presets.toSpec writes any valid settings so that parseSpec reads back the same settings. */
    @Property(tries = 300)
    void aWrittenSpecReadsBackToTheSameSettings(@ForAll("validSettings") Settings s) {
        Processor p;
        try {
            p = Presets.create(s.type(), s.values());
        } catch (WorkbenchException e) {
            return;
        }
        String spec = Presets.toSpec(Chain.of(p));
        Chain back = Presets.parseSpec(spec);
        assertEquals(1, back.size(), spec);
        assertEquals(p.parameters(), back.get(0).parameters(), spec);
    }

    /** The built-in presets, multiband bands included, survive spec -> chain -> spec with every setting. */
    @net.jqwik.api.Example
    void builtInPresetsSurviveASpec() {
        for (String name : Presets.BUILT_IN) {
            Chain c = Presets.builtIn(name);
            String spec = Presets.toSpec(c);
            Chain back = Presets.parseSpec(spec);
            assertEquals(c.parameters(), back.parameters(), spec);
            assertEquals(spec, Presets.toSpec(back));
        }
        assertTrue(Presets.toSpec(Presets.builtIn("streaming-loud")).contains("bands=(compressor"));
    }

    /** Every value outside a declared range (and NaN, infinities) is refused, and the message names the parameter. */
    @Property(tries = 400)
    void valuesOutsideTheirRangesAreRefusedByName(@ForAll("outOfRange") Map.Entry<String, Map<String, Object>> bad) {
        String type = bad.getKey();
        String name = bad.getValue().keySet().iterator().next();
        try {
            Presets.create(type, bad.getValue());
            fail(type + "." + name + " = " + bad.getValue().get(name) + " was accepted");
        } catch (WorkbenchException e) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
            assertTrue(e.getMessage().contains("accepted"), e.getMessage());
        }
    }

    @Provide
    Arbitrary<Map.Entry<String, Map<String, Object>>> outOfRange() {
        List<Map.Entry<String, Param>> numeric = new ArrayList<>();
        Presets.types().forEach((t, ps) -> ps.params().stream()
                .filter(p -> p.kind() == Param.Kind.NUMBER
                        && (Double.isFinite(p.min()) || Double.isFinite(p.max())))
                .forEach(p -> numeric.add(Map.entry(t, p))));
        return Arbitraries.of(numeric).flatMap(tp -> {
            Param p = tp.getValue();
            List<Arbitrary<Double>> outside = new ArrayList<>();
            outside.add(Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
            if (Double.isFinite(p.min()) && p.min() > -1e300) {
                outside.add(Arbitraries.doubles().between(-1e9, 1e9).map(d -> p.min() - 1e-6 - Math.abs(d)));
            }
            if (Double.isFinite(p.max()) && p.max() < 1e300) {
                outside.add(Arbitraries.doubles().between(-1e9, 1e9).map(d -> p.max() + 1e-6 + Math.abs(d)));
            }
            return Arbitraries.oneOf(outside).map(v -> Map.entry(tp.getKey(), Map.<String, Object>of(p.name(), v)));
        });
    }

    /** Any string at all: a chain or the library's own exception, never another one. */
    @Property(tries = 2000)
    void anySpecStringParsesOrIsRefusedClearly(@ForAll("specLike") String spec) {
        try {
            Presets.parseSpec(spec);
        } catch (WorkbenchException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }

    @Provide
    Arbitrary<String> specLike() {
        List<String> words = new ArrayList<>(Presets.types().keySet());
        Presets.types().values().forEach(ps -> words.addAll(ps.names()));
        words.addAll(List.of(":", "=", ",", ";", "|", "/", "-", "1e999", "NaN", "-0", "0x10", " ", "", "peak", "1.5"));
        Arbitrary<String> tokens = Arbitraries.oneOf(Arbitraries.of(words),
                Arbitraries.strings().ofMaxLength(6), Arbitraries.doubles().map(d -> Double.toString(d)));
        return tokens.list().ofMaxSize(14).map(l -> String.join("", l));
    }

    @Property(tries = 1500)
    void anyPresetTextLoadsOrIsRefusedClearly(@ForAll("presetLike") String json) {
        try {
            Presets.fromJson(json);
        } catch (WorkbenchException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }

    @Property(tries = 300)
    void anyUnicodeStringIsRefusedClearly(@ForAll @StringLength(max = 60) String s) {
        for (String text : new String[] {s, "{\"format\":\"" + Presets.FORMAT + "\",\"version\":1,\"stages\":[" + s + "]}"}) {
            try {
                Presets.fromJson(text);
            } catch (WorkbenchException e) {
                assertTrue(!e.getMessage().isBlank());
            }
        }
        try {
            Presets.parseSpec(s);
        } catch (WorkbenchException e) {
            assertTrue(!e.getMessage().isBlank());
        }
    }

    /** Valid presets with one structural change: a value swapped for another JSON type, a key renamed or dropped. */
    @Provide
    Arbitrary<String> presetLike() {
        String valid = Presets.toJson(Presets.builtIn("streaming-loud"));
        List<String> swaps = List.of("null", "true", "[]", "{}", "\"x\"", "-1e400", "1e400", "[1,[2]]", "{\"type\":{}}",
                "\"limiter\"", "0", "-0.0", "\"\"");
        Arbitrary<String> replaceValue = Combinators.combine(Arbitraries.integers().between(0, valid.length() - 1),
                Arbitraries.of(swaps)).as((at, with) -> {
                    int colon = valid.indexOf(':', at);
                    if (colon < 0) {
                        return valid;
                    }
                    int end = colon + 1;
                    while (end < valid.length() && ",}]\n".indexOf(valid.charAt(end)) < 0) {
                        end++;
                    }
                    return valid.substring(0, colon + 1) + with + valid.substring(end);
                });
        Arbitrary<String> cut = Arbitraries.integers().between(0, valid.length()).map(n -> valid.substring(0, n));
        Arbitrary<String> flip = Combinators.combine(Arbitraries.integers().between(0, valid.length() - 1),
                Arbitraries.chars().ascii()).as((at, c) -> valid.substring(0, at) + c + valid.substring(at + 1));
        return Arbitraries.oneOf(replaceValue, cut, flip);
    }

    private static String specText(Object v) {
        if (v instanceof List<?> l) {
            return String.join("/", l.stream().map(PresetPropertiesTest::specText).toList());
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%s", d);
        }
        return String.valueOf(v);
    }

    private static void assertSameValue(Object expected, Object actual, String what) {
        if (expected instanceof Number n && actual instanceof Number a) {
            assertEquals(n.doubleValue(), a.doubleValue(), 1e-9 * Math.max(1, Math.abs(n.doubleValue())), what);
        } else if (expected instanceof List<?> l) {
            double[] got = actual instanceof double[] d ? d
                    : ((List<?>) actual).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
            assertEquals(l.size(), got.length, what);
            for (int i = 0; i < got.length; i++) {
                assertEquals(((Number) l.get(i)).doubleValue(), got[i], 1e-9, what);
            }
        } else {
            assertEquals(String.valueOf(expected).toLowerCase(Locale.ROOT), String.valueOf(actual).toLowerCase(Locale.ROOT), what);
        }
    }
}
