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
                    String key = kv.substring(0, eq).trim();
                    if (values.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key))) {
                        throw new WorkbenchException(where + " (" + type + "): '" + key
                                + "' is given twice; give each parameter once");
                    }
                    values.put(key, kv.substring(eq + 1).trim());
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
}
