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
 * Stages nested in a parameter (a split's part chains, a multiband's bands) go in parentheses, written the
 * same way: {@code "split:percussive=(transient:attackDb=3; gain:gainDb=1); limiter:ceilingDbtp=-1"}; in a
 * preset they are a JSON array of stage objects ({@code "percussive": [{"type": "gain", "gainDb": 1}]}).
 * {@link #toSpec} writes a chain back as a spec.
 */
public final class Presets {
    /** The preset format version this library writes and reads. */
    public static final int VERSION = 1;
    /** The value of the {@code format} field. */
    public static final String FORMAT = "mastering-workbench-chain";
    /** Duplicate keys are an error, not "the last one wins". */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** The declarations of every processor type a preset or spec may name, by type name. */
    private static final Map<String, ParamSet<?>> TYPES = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    static {
        for (ParamSet<?> p : List.of(Gain.PARAMS, Eq.PARAMS, Compressor.PARAMS, Limiter.PARAMS, MultibandCompressor.PARAMS,
                Expander.PARAMS, Stereo.PARAMS, Saturation.PARAMS, FirEq.PARAMS, DcBlock.PARAMS, Dither.PARAMS,
                mw.repair.Declick.PARAMS, mw.repair.Declip.PARAMS, mw.repair.Denoise.PARAMS, mw.repair.Split.PARAMS, TransientShaper.PARAMS, GainRider.PARAMS)) {
            register(p);
        }
    }

    private Presets() {
    }

    /**
     * Makes a processor type available to presets and chain specs under its type name (processors of other
     * packages register themselves this way).
     */
    public static void register(ParamSet<?> declaration) {
        ParamSet<?> old = TYPES.putIfAbsent(declaration.type(), declaration);
        if (old != null && old != declaration) {
            throw new WorkbenchException("a processor type '" + declaration.type() + "' is already registered");
        }
    }

    /** The processor types presets and chain specs accept, by type name. */
    public static Map<String, ParamSet<?>> types() {
        return java.util.Collections.unmodifiableMap(TYPES);
    }

    private static String typeNames() {
        return String.join(", ", TYPES.keySet());
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
        if (format == null) {
            throw new WorkbenchException("has no \"format\"; a chain preset starts with \"format\": \"" + FORMAT + "\"");
        }
        if (!FORMAT.equals(format.asText())) {
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
                throw new WorkbenchException(where + ": type is missing; accepted: " + typeNames());
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
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue(); // exact: a seed may be beyond a double's 2^53
        }
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

    /**
     * Parses a one-line chain spec such as {@code "eq:shape=peak,frequencyHz=300,gainDb=-2; limiter:ceilingDbtp=-1"}.
     * A parameter that holds stages takes them in parentheses, written as a spec:
     * {@code "split:mode=midSide,side=(eq:shape=highShelf,frequencyHz=6000,gainDb=2; gain:gainDb=1); limiter"}.
     */
    public static Chain parseSpec(String spec) {
        List<Processor> list = new ArrayList<>();
        for (Map<String, Object> stage : specStages(spec, "chain stage ", 0)) {
            String where = (String) stage.remove(WHERE);
            String type = (String) stage.remove("type");
            list.add(create(where, type, stage));
        }
        if (list.isEmpty()) {
            throw new WorkbenchException("the chain spec '" + spec + "' has no stages; example: \"eq:shape=highShelf,frequencyHz=8000,gainDb=1.5; limiter:ceilingDbtp=-1\"");
        }
        return Chain.of(list);
    }

    /** The key under which {@link #specStages} records where a stage was written (for messages). */
    private static final String WHERE = "\0where";
    /** Parentheses nest at most this deep in a spec. */
    private static final int MAX_DEPTH = 8;

    /**
     * The stages of a spec as maps: {@code type}, the parameter values as written (text), and a parameter in
     * parentheses as a list of such maps (without the {@link #WHERE} key).
     */
    private static List<Map<String, Object>> specStages(String spec, String wherePrefix, int depth) {
        if (depth > MAX_DEPTH) {
            throw new WorkbenchException("the chain spec nests parentheses more than " + MAX_DEPTH + " deep");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> parts = splitTop(spec, ";|");
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i).trim();
            if (part.isEmpty()) {
                continue;
            }
            String where = wherePrefix + (i + 1);
            int colon = part.indexOf(':');
            int paren = part.indexOf('(');
            if (paren >= 0 && (colon < 0 || paren < colon)) {
                throw new WorkbenchException(where + ": '" + part + "' does not start with a processor type; "
                        + "write type:name=(stages), for example split:side=(gain:gainDb=2)");
            }
            String type = (colon < 0 ? part : part.substring(0, colon)).trim();
            Map<String, Object> values = new LinkedHashMap<>();
            if (colon >= 0) {
                for (String kv : splitTop(part.substring(colon + 1), ",")) {
                    if (kv.isBlank()) {
                        continue;
                    }
                    int eq = kv.indexOf('=');
                    if (eq < 0) {
                        throw new WorkbenchException(where + " (" + type + "): '" + kv.trim() + "' is not name=value");
                    }
                    String key = kv.substring(0, eq).trim();
                    if (values.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key))) {
                        throw new WorkbenchException(where + " (" + type + "): '" + key
                                + "' is given twice; give each parameter once");
                    }
                    String value = kv.substring(eq + 1).trim();
                    if (value.startsWith("(") && value.endsWith(")")) {
                        List<Object> nested = new ArrayList<>();
                        for (Map<String, Object> m : specStages(value.substring(1, value.length() - 1), "", depth + 1)) {
                            m.remove(WHERE);
                            nested.add(m);
                        }
                        values.put(key, nested);
                    } else if (value.indexOf('(') >= 0 || value.indexOf(')') >= 0) {
                        throw new WorkbenchException(where + " (" + type + "): " + key + " = " + value
                                + " is not accepted; stages go in parentheses, for example " + key + "=(gain:gainDb=3)");
                    } else {
                        values.put(key, value);
                    }
                }
            }
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put(WHERE, where);
            stage.put("type", type);
            stage.putAll(values);
            out.add(stage);
        }
        return out;
    }

    /** Splits at any of {@code separators} outside parentheses; refuses unbalanced parentheses. */
    private static List<String> splitTop(String s, String separators) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth < 0) {
                    throw new WorkbenchException("the chain spec '" + s + "' closes a parenthesis it did not open");
                }
            } else if (depth == 0 && separators.indexOf(c) >= 0) {
                out.add(s.substring(from, i));
                from = i + 1;
            }
        }
        if (depth != 0) {
            throw new WorkbenchException("the chain spec '" + s + "' leaves a parenthesis open");
        }
        out.add(s.substring(from));
        return out;
    }

    /**
     * The one-line spec of a chain, which {@link #parseSpec} reads back to the same settings: each stage's
     * type and the parameters that differ from their defaults, nested stages in parentheses, for example
     * {@code "split:percussive=(gain:gainDb=3); limiter:ceilingDbtp=-1"}.
     */
    public static String toSpec(Processor chain) {
        List<String> out = new ArrayList<>();
        for (Processor p : flatten(chain)) {
            out.add(stageSpec(p.type(), p.parameters()));
        }
        return String.join("; ", out);
    }

    private static List<Processor> flatten(Processor p) {
        List<Processor> out = new ArrayList<>();
        if (p instanceof Chain c) {
            for (Processor s : c) {
                out.addAll(flatten(s));
            }
        } else {
            out.add(p);
        }
        return out;
    }

    private static String stageSpec(String type, Map<String, Object> values) {
        ParamSet<?> declared = TYPES.get(type);
        if (declared == null) {
            throw new WorkbenchException("a " + type + " stage cannot be written in a chain spec; accepted: " + typeNames());
        }
        StringBuilder sb = new StringBuilder(type);
        String sep = ":";
        for (Param d : declared.params()) {
            Object v = values.get(d.name());
            if (v == null || d.isDefault(v)) {
                continue;
            }
            sb.append(sep).append(d.name()).append('=').append(valueSpec(declared, d, v));
            sep = ",";
        }
        return sb.toString();
    }

    private static String valueSpec(ParamSet<?> declared, Param d, Object v) {
        if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    m.forEach((k, x) -> values.put(String.valueOf(k), x));
                    Object type = values.remove("type");
                    items.add(stageSpec(type == null ? declared.nestedType(d.name()) : type.toString(), values));
                } else {
                    items.add(valueSpec(declared, d, o));
                }
            }
            return d.kind() == Param.Kind.NUMBERS ? String.join("/", items) : "(" + String.join("; ", items) + ")";
        }
        if (v instanceof Double x) {
            return numberSpec(x);
        }
        if (v instanceof Float x) {
            return numberSpec(x.doubleValue());
        }
        return String.valueOf(v);
    }

    /** A number as short as it can be written and still read back exactly. */
    static String numberSpec(double x) {
        if (x == 0 && 1 / x < 0) {
            return "-0";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x);
    }

    /** Creates one processor from its type name and parameter values, validating every one. */
    public static Processor create(String type, Map<String, Object> values) {
        return create(type, type, values);
    }

    /** As {@link #create(String, Map)}; errors start with {@code where}. */
    static Processor createAt(String where, String type, Map<String, Object> values) {
        return create(where, type, values);
    }

    private static Processor create(String where, String type, Map<String, Object> values) {
        ParamSet<?> declared = TYPES.get(type);
        if (declared == null) {
            throw new WorkbenchException(where + ": unknown processor type '" + type + "'; accepted: " + typeNames());
        }
        return declared.create(where + " (" + type + ")", values);
    }

    /** The preset JSON of a chain (format version 1). */
    public static String toJson(Chain chain) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode stages = root.putArray("stages");
        for (Processor p : chain) {
            if (!TYPES.containsKey(p.type())) {
                throw new WorkbenchException("a " + p.type() + " stage cannot be saved in a preset; accepted: " + typeNames());
            }
            ObjectNode s = stages.addObject();
            s.put("type", p.type());
            Map<String, Param> declared = new LinkedHashMap<>();
            p.params().forEach(d -> declared.put(d.name(), d));
            for (Map.Entry<String, Object> e : p.parameters().entrySet()) {
                Param d = declared.get(e.getKey());
                if (d != null && d.kind() == Param.Kind.CHAIN && d.isDefault(e.getValue())) {
                    continue; // an empty part chain: nothing to say
                }
                checkNested(e.getValue(), p.type() + "." + e.getKey());
                s.set(e.getKey(), node(e.getValue()));
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new WorkbenchException("cannot write the preset: " + e.getMessage(), e);
        }
    }

    /** Every nested stage of a value has a type a preset can name. */
    private static void checkNested(Object v, String where) {
        if (v instanceof List<?> l) {
            for (Object o : l) {
                checkNested(o, where);
            }
        } else if (v instanceof Map<?, ?> m) {
            Object t = m.get("type");
            if (t != null && !TYPES.containsKey(t.toString())) {
                throw new WorkbenchException("a " + t + " stage (in " + where + ") cannot be saved in a preset; accepted: " + typeNames());
            }
            for (Object o : m.values()) {
                checkNested(o, where);
            }
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
}
