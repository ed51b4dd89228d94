package mw.processing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mw.WorkbenchException;

/**
 * Chains as JSON presets and as one-line specs.
 *
 * <p>A preset (format version 1):
 * <pre>{@code
 * {
 *   "format": "mastering-workbench-chain",
 *   "version": 1,
 *   "name": "gentle master",
 *   "stages": [
 *     {"type": "eq", "shape": "highShelf", "frequencyHz": 8000, "gainDb": 1.5},
 *     {"type": "compressor", "ratio": 2, "thresholdDb": -18, "attackMs": 10, "releaseMs": 120},
 *     {"type": "limiter", "ceilingDbtp": -1.0}
 *   ]
 * }
 * }</pre>
 * Missing parameters take their defaults. On load, an unknown format, version, field, stage type or
 * parameter, and every out-of-range value, is rejected with a message naming the file, the stage,
 * the field, its value and what is accepted.
 *
 * <p>A spec is the same on one line, stages separated by {@code ;} or {@code |}:
 * {@code "eq:shape=highShelf,frequencyHz=8000,gainDb=1.5; compressor:ratio=2,thresholdDb=-18; limiter:ceilingDbtp=-1"}.
 */
public final class Presets {
    /** The preset format version this library writes and reads. */
    public static final int VERSION = 1;
    /** The value of the {@code format} field. */
    public static final String FORMAT = "mastering-workbench-chain";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> TYPES = List.of("gain", "eq", "compressor", "limiter", "multiband", "expander",
            "stereo", "saturation", "firEq", "dcBlock", "dither", "declick", "declip", "denoise");

    private Presets() {
    }

    /** Names of the presets that ship with the library. */
    public static final List<String> BUILT_IN = List.of("gentle", "streaming-loud");

    /** A preset that ships with the library, by name (see {@link #BUILT_IN}). */
    public static Chain builtIn(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new WorkbenchException("no built-in preset '" + name + "'; accepted: " + String.join(", ", BUILT_IN));
        }
        try (var in = Presets.class.getResourceAsStream("/mw/presets/" + name + ".json")) {
            if (in == null) {
                throw new WorkbenchException("built-in preset '" + name + "' is missing from the library jar");
            }
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WorkbenchException("built-in preset '" + name + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads and validates a preset file. */
    public static Chain read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new WorkbenchException(file, "does not exist");
        } catch (IOException e) {
            throw new WorkbenchException(file, "cannot be read: " + e.getMessage(), e);
        }
        try {
            return fromJson(text);
        } catch (WorkbenchException e) {
            throw new WorkbenchException(file, e.getMessage(), e);
        }
    }

    /** Parses and validates a preset's JSON text. */
    public static Chain fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new WorkbenchException("is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        }
        if (root == null || !root.isObject()) {
            throw new WorkbenchException("a preset must be a JSON object with \"format\", \"version\" and \"stages\"");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("format", "version", "name", "description", "stages").contains(f)) {
                throw new WorkbenchException("unknown field \"" + f + "\"; accepted: format, version, name, description, stages");
            }
        }
        JsonNode format = root.get("format");
        if (format != null && !FORMAT.equals(format.asText())) {
            throw new WorkbenchException("format = " + format + " is not a chain preset; accepted: \"" + FORMAT + "\"");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.canConvertToInt() || version.asInt() != VERSION) {
            throw new WorkbenchException("version = " + version + " is not supported; accepted: " + VERSION);
        }
        JsonNode stages = root.get("stages");
        if (stages == null || !stages.isArray()) {
            throw new WorkbenchException("stages must be an array of processors");
        }
        List<Processor> list = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            JsonNode s = stages.get(i);
            String where = "stages[" + i + "]";
            if (!s.isObject()) {
                throw new WorkbenchException(where + " must be an object with a \"type\"");
            }
            JsonNode type = s.get("type");
            if (type == null || !type.isTextual()) {
                throw new WorkbenchException(where + ": type is missing; accepted: " + String.join(", ", TYPES));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("type")) {
                    continue;
                }
                values.put(e.getKey(), plain(e.getValue(), where + " (" + type.asText() + "): " + e.getKey()));
            }
            list.add(create(where, type.asText(), values));
        }
        return Chain.of(list);
    }

    /** A JSON value as a number, string, list or map. */
    private static Object plain(JsonNode v, String what) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonNode x : v) {
                l.add(plain(x, what));
            }
            return l;
        }
        if (v.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), plain(e.getValue(), what + "." + e.getKey()));
            }
            return m;
        }
        throw new WorkbenchException(what + " = " + v + " is not accepted; accepted: a number, a name or a list");
    }

    /** Parses a one-line chain spec such as {@code "eq:shape=peak,frequencyHz=300,gainDb=-2; limiter:ceilingDbtp=-1"}. */
    public static Chain parseSpec(String spec) {
        List<Processor> list = new ArrayList<>();
        String[] parts = spec.split("[;|]");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                continue;
            }
            String where = "chain stage " + (i + 1);
            int colon = part.indexOf(':');
            String type = (colon < 0 ? part : part.substring(0, colon)).trim();
            Map<String, Object> values = new LinkedHashMap<>();
            if (colon >= 0) {
                for (String kv : part.substring(colon + 1).split(",")) {
                    if (kv.isBlank()) {
                        continue;
                    }
                    int eq = kv.indexOf('=');
                    if (eq < 0) {
                        throw new WorkbenchException(where + " (" + type + "): '" + kv.trim() + "' is not name=value");
                    }
                    values.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
            }
            list.add(create(where, type, values));
        }
        if (list.isEmpty()) {
            throw new WorkbenchException("the chain spec '" + spec + "' has no stages; example: \"eq:shape=highShelf,frequencyHz=8000,gainDb=1.5; limiter:ceilingDbtp=-1\"");
        }
        return Chain.of(list);
    }

    /** Creates one processor from its type name and parameter values, validating every one. */
    public static Processor create(String type, Map<String, Object> values) {
        return create(type, type, values);
    }

    private static Processor create(String where, String type, Map<String, Object> values) {
        String w = where + " (" + type + ")";
        Params p = new Params(w, values);
        try {
            Processor proc = switch (type) {
                case "gain" -> Gain.db(p.num("gainDb", 0));
                case "eq" -> {
                    Eq.Shape shape = Eq.Shape.parse(p.str("shape", "peak"));
                    double defQ = shape == Eq.Shape.TILT ? 0.5 : Eq.BUTTERWORTH_Q;
                    yield Eq.of(shape, p.num("frequencyHz", 1000), p.num("gainDb", 0), p.num("q", defQ),
                            p.integer("slopeDbPerOct", 12));
                }
                case "compressor" -> compressor(p);
                case "multiband" -> {
                    double[] xo = p.nums("crossoversHz", new double[] {200, 3000});
                    List<Map<String, Object>> bandMaps = p.objects("bands");
                    Compressor[] bands = new Compressor[xo.length + 1];
                    if (!bandMaps.isEmpty() && bandMaps.size() != bands.length) {
                        throw new WorkbenchException("bands has " + bandMaps.size() + " entries; " + xo.length
                                + " crossovers need " + bands.length);
                    }
                    for (int b = 0; b < bands.length; b++) {
                        Params bp = new Params(w + ": bands[" + b + "]", bandMaps.isEmpty() ? Map.of() : bandMaps.get(b));
                        try {
                            bands[b] = compressor(bp);
                            bp.finish();
                        } catch (WorkbenchException e) {
                            String m = e.getMessage();
                            throw new WorkbenchException(m.startsWith(bp.where()) ? m : bp.where() + ": " + m, e);
                        }
                    }
                    yield MultibandCompressor.of(xo, bands);
                }
                case "expander" -> {
                    Expander x = Expander.ratio(p.num("ratio", 2));
                    x.thresholdDb(p.num("thresholdDb", x.thresholdDb()));
                    x.rangeDb(p.num("rangeDb", x.rangeDb()));
                    x.attackMs(p.num("attackMs", x.attackMs()));
                    x.releaseMs(p.num("releaseMs", x.releaseMs()));
                    x.holdMs(p.num("holdMs", x.holdMs()));
                    yield x;
                }
                case "stereo" -> {
                    Stereo st = Stereo.create();
                    st.midGainDb(p.num("midGainDb", 0));
                    st.sideGainDb(p.num("sideGainDb", 0));
                    st.withWidth(p.num("width", 1));
                    st.balance(p.num("balance", 0));
                    st.bassMonoHz(p.num("bassMonoHz", 0));
                    double[] xo = p.nums("crossoversHz", new double[0]);
                    double[] widths = p.nums("bandWidths", new double[] {1});
                    if (xo.length > 0 || widths.length != 1 || widths[0] != 1) {
                        st.withBandWidths(xo, widths);
                    }
                    yield st;
                }
                case "limiter" -> {
                    Limiter l = Limiter.truePeak(p.num("ceilingDbtp", -1));
                    l.releaseMs(p.num("releaseMs", l.releaseMs()));
                    l.lookaheadMs(p.num("lookaheadMs", l.lookaheadMs()));
                    yield l;
                }
                case "saturation" -> Saturation.driveDb(p.num("driveDb", 6))
                        .curve(Saturation.Curve.parse(p.str("curve", "tanh")))
                        .mix(p.num("mix", 1))
                        .outputGainDb(p.num("outputGainDb", 0));
                case "firEq" -> FirEq.fromCurve(p.nums("curveHz", new double[] {1000}), p.nums("curveDb", new double[] {0}))
                        .taps(p.integer("taps", 8191));
                case "dcBlock" -> DcBlock.cutoffHz(p.num("cutoffHz", DcBlock.DEFAULT_CUTOFF_HZ));
                case "dither" -> {
                    Dither d = Dither.bits(p.integer("bits", 16));
                    d.noiseShaping(Dither.Shaping.parse(p.str("noiseShaping", "none")));
                    d.seed((long) p.num("seed", Dither.DEFAULT_SEED));
                    yield d;
                }
                case "declick" -> mw.repair.Declick.create()
                        .sensitivity(p.num("sensitivity", mw.repair.Declick.DEFAULT_SENSITIVITY))
                        .maxClickMs(p.num("maxClickMs", mw.repair.Declick.DEFAULT_MAX_CLICK_MS))
                        .order(p.integer("order", mw.repair.Declick.DEFAULT_ORDER));
                case "declip" -> mw.repair.Declip.create()
                        .thresholdDbfs(p.num("thresholdDbfs", Double.NaN))
                        .outputGainDb(p.num("outputGainDb", 0))
                        .order(p.integer("order", mw.repair.Declip.DEFAULT_ORDER));
                case "denoise" -> mw.repair.Denoise.create()
                        .reductionDb(p.num("reductionDb", mw.repair.Denoise.DEFAULT_REDUCTION_DB))
                        .mode(mw.repair.Denoise.Mode.parse(p.str("mode", "stationary")));
                default -> throw new WorkbenchException(where + ": unknown processor type '" + type + "'; accepted: "
                        + String.join(", ", TYPES));
            };
            p.finish();
            return proc;
        } catch (WorkbenchException e) {
            String m = e.getMessage();
            throw new WorkbenchException(m.startsWith(where) ? m : w + ": " + m, e);
        }
    }

    private static Compressor compressor(Params p) {
        Compressor c = Compressor.create();
        c.thresholdDb(p.num("thresholdDb", c.thresholdDb()));
        c.withRatio(p.num("ratio", c.ratio()));
        c.kneeDb(p.num("kneeDb", c.kneeDb()));
        c.attackMs(p.num("attackMs", c.attackMs()));
        c.releaseMs(p.num("releaseMs", c.releaseMs()));
        c.lookaheadMs(p.num("lookaheadMs", c.lookaheadMs()));
        c.sidechainHpfHz(p.num("sidechainHpfHz", c.sidechainHpfHz()));
        c.makeupDb(p.num("makeupDb", c.makeupDb()));
        c.mix(p.num("mix", c.mix()));
        c.detector(Compressor.Detector.parse(p.str("detector", "peak")));
        c.rmsMs(p.num("rmsMs", c.rmsMs()));
        return c;
    }

    /** The preset JSON of a chain (format version 1). */
    public static String toJson(Chain chain) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode stages = root.putArray("stages");
        for (Processor p : chain) {
            if (!TYPES.contains(p.type())) {
                throw new WorkbenchException("a " + p.type() + " stage cannot be saved in a preset; accepted: " + String.join(", ", TYPES));
            }
            ObjectNode s = stages.addObject();
            s.put("type", p.type());
            for (Map.Entry<String, Object> e : p.parameters().entrySet()) {
                s.set(e.getKey(), node(e.getValue()));
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new WorkbenchException("cannot write the preset: " + e.getMessage(), e);
        }
    }

    private static JsonNode node(Object v) {
        var f = JSON.getNodeFactory();
        if (v instanceof Integer i) {
            return f.numberNode(i);
        }
        if (v instanceof Long l) {
            return f.numberNode(l);
        }
        if (v instanceof Number n) {
            return f.numberNode(n.doubleValue());
        }
        if (v instanceof List<?> l) {
            ArrayNode a = f.arrayNode();
            for (Object o : l) {
                a.add(node(o));
            }
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = f.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                o.set(String.valueOf(e.getKey()), node(e.getValue()));
            }
            return o;
        }
        return f.textNode(String.valueOf(v));
    }

    /** Writes a chain as a preset file (atomically). */
    public static void write(Chain chain, Path file) {
        byte[] bytes = toJson(chain).getBytes(StandardCharsets.UTF_8);
        mw.io.Audio.atomicWrite(file, List.of(), out -> out.write(bytes));
    }

    static String describe(Map<String, Object> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            sb.append(sb.length() == 0 ? "" : " ").append(e.getKey()).append('=');
            Object v = e.getValue();
            sb.append(v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(v));
        }
        return sb.toString();
    }
}
