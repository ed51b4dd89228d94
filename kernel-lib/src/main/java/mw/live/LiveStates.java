package mw.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import mw.WorkbenchException;

/**
 * The named states of a live chain and how the engine moves between them: a default transition and
 * transitions for particular pairs ({@code from -> to}, either side may be {@code *}).
 *
 * <p>A states file is either the source's preset layout as is, a JSON array of objects such as
 * <pre>{@code
 * [{"presetName": "Combat_Aggressive", "compressionThreshold": -15, "compressionRatio": 4,
 *   "limiterCeiling": -0.5, "eqLowGain": 2, "eqMidGain": 1, "eqHighGain": 3, "stereoWidth": 1.2}]
 * }</pre>
 * where any object may also set any chain parameter by name ({@code "compressor.attackMs": 5}), or an
 * object {@code {"states": [...], "defaultTransition": {"seconds": 2, "curve": "scurve"},
 * "transitions": [{"from": "Menu", "to": "Combat", "seconds": 0.5, "curve": "exp"}]}}. Fields not set
 * take the source's defaults (threshold -18 dB, ratio 3, ceiling -1 dBTP, EQ gains 0 dB, width 1).
 *
 * <p>A state is found by its full name or by the part before its first underscore, ignoring case:
 * {@code combat} finds {@code Combat_Aggressive} (when only one state starts so).
 */
public final class LiveStates {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<LiveState> states;
    private final LiveTransition defaultTransition;
    private final Map<String, LiveTransition> overrides;

    private LiveStates(List<LiveState> states, LiveTransition defaultTransition, Map<String, LiveTransition> overrides) {
        if (states.isEmpty()) {
            throw new WorkbenchException("no states; accepted: at least one state");
        }
        this.states = List.copyOf(states);
        this.defaultTransition = Objects.requireNonNull(defaultTransition);
        this.overrides = Map.copyOf(overrides);
        for (int i = 0; i < this.states.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (this.states.get(i).name().equalsIgnoreCase(this.states.get(j).name())) {
                    throw new WorkbenchException("state name " + this.states.get(i).name() + " is used twice");
                }
            }
        }
    }

    /** States with the default transition (two seconds, linear) and no pair overrides. */
    public static LiveStates of(LiveState... states) {
        return new LiveStates(List.of(states), LiveTransition.DEFAULT, Map.of());
    }

    /** The same states with another default transition. */
    public LiveStates defaultTransition(double seconds, TransitionCurve curve) {
        return new LiveStates(states, new LiveTransition(seconds, curve), overrides);
    }

    /** The same states with a transition for one pair ({@code *} matches any state). */
    public LiveStates transition(String from, String to, double seconds, TransitionCurve curve) {
        Map<String, LiveTransition> m = new LinkedHashMap<>(overrides);
        m.put(pairKey(from, to), new LiveTransition(seconds, curve));
        return new LiveStates(states, defaultTransition, m);
    }

    private String pairKey(String from, String to) {
        String f = from.equals("*") ? "*" : get(from).name();
        String t = to.equals("*") ? "*" : get(to).name();
        return f + "->" + t;
    }

    /** Every state, in file order. */
    public List<LiveState> states() {
        return states;
    }

    public LiveTransition defaultTransition() {
        return defaultTransition;
    }

    /** The transition from one state to another: the pair's own, else {@code from -> *}, {@code * -> to}, else the default. */
    public LiveTransition transition(String from, String to) {
        String f = get(from).name();
        String t = get(to).name();
        for (String k : new String[] {f + "->" + t, f + "->*", "*->" + t}) {
            LiveTransition tr = overrides.get(k);
            if (tr != null) {
                return tr;
            }
        }
        return defaultTransition;
    }

    /** The state of a name (full, or the part before the first underscore; case ignored). */
    public LiveState get(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new WorkbenchException("unknown state " + name + "; accepted: " + names());
        }
        return states.get(i);
    }

    int indexOf(String name) {
        for (int i = 0; i < states.size(); i++) {
            if (states.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        int found = -1;
        for (int i = 0; i < states.size(); i++) {
            if (shortName(states.get(i).name()).equalsIgnoreCase(name)) {
                if (found >= 0) {
                    throw new WorkbenchException("state " + name + " is ambiguous: it matches " + states.get(found).name()
                            + " and " + states.get(i).name() + "; use the full name");
                }
                found = i;
            }
        }
        return found;
    }

    private static String shortName(String n) {
        int u = n.indexOf('_');
        return u > 0 ? n.substring(0, u) : n;
    }

    /** The names of the states, comma separated. */
    public String names() {
        StringBuilder sb = new StringBuilder();
        for (LiveState s : states) {
            sb.append(sb.length() == 0 ? "" : ", ").append(s.name());
        }
        return sb.toString();
    }

    /** Reads a states file (see the class comment for the layout). */
    public static LiveStates read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new WorkbenchException(file, "no such states file");
        } catch (IOException e) {
            throw new WorkbenchException(file, "cannot read the states file: " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (WorkbenchException e) {
            throw new WorkbenchException(file, e.getMessage(), e);
        }
    }

    /** Parses the text of a states file. */
    public static LiveStates parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new WorkbenchException("not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new WorkbenchException("the states file is empty; accepted: a JSON array of presets or an object with \"states\"");
        }
        JsonNode list = root;
        LiveTransition def = LiveTransition.DEFAULT;
        List<JsonNode> pairs = List.of();
        if (root.isObject()) {
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!List.of("states", "defaultTransition", "transitions").contains(k)) {
                    throw new WorkbenchException("unknown field " + k + "; accepted: states, defaultTransition, transitions");
                }
            }
            list = root.get("states");
            if (root.has("defaultTransition")) {
                def = transition("defaultTransition", root.get("defaultTransition"), List.of("seconds", "curve"));
            }
            if (root.has("transitions")) {
                if (!root.get("transitions").isArray()) {
                    throw new WorkbenchException("transitions must be a JSON array of {from, to, seconds, curve}");
                }
                pairs = new ArrayList<>();
                root.get("transitions").forEach(pairs::add);
            }
        }
        if (list == null || !list.isArray()) {
            throw new WorkbenchException("states must be a JSON array of presets, such as [{\"presetName\": \"Combat\", "
                    + "\"compressionThreshold\": -15, ...}]");
        }
        List<LiveState> states = new ArrayList<>();
        int n = 0;
        for (JsonNode o : list) {
            n++;
            states.add(state(n, o));
        }
        LiveStates result = new LiveStates(states, def, Map.of());
        int k = 0;
        for (JsonNode p : pairs) {
            k++;
            String where = "transitions[" + k + "]";
            LiveTransition t = transition(where, p, List.of("from", "to", "seconds", "curve"));
            String from = text(where, p, "from");
            String to = text(where, p, "to");
            if (!from.equals("*") && result.indexOf(from) < 0 || !to.equals("*") && result.indexOf(to) < 0) {
                throw new WorkbenchException(where + ": unknown state " + (result.indexOf(from) < 0 && !from.equals("*") ? from : to)
                        + "; accepted: " + result.names() + " or *");
            }
            result = result.transition(from, to, t.seconds(), t.curve());
        }
        return result;
    }

    private static String text(String where, JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new WorkbenchException(where + ": " + field + " must be a state name (text)");
        }
        return v.asText();
    }

    private static LiveTransition transition(String where, JsonNode o, List<String> accepted) {
        if (!o.isObject()) {
            throw new WorkbenchException(where + " must be an object such as {\"seconds\": 2, \"curve\": \"scurve\"}");
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!accepted.contains(k)) {
                throw new WorkbenchException(where + ": unknown field " + k + "; accepted: " + String.join(", ", accepted));
            }
        }
        JsonNode s = o.get("seconds");
        if (s == null || !s.isNumber()) {
            throw new WorkbenchException(where + ": seconds must be a number (more than 0, at most 600)");
        }
        TransitionCurve c = o.has("curve") ? TransitionCurve.parse(o.get("curve").asText()) : TransitionCurve.LINEAR;
        try {
            return new LiveTransition(s.asDouble(), c);
        } catch (WorkbenchException e) {
            throw new WorkbenchException(where + ": " + e.getMessage());
        }
    }

    private static LiveState state(int n, JsonNode o) {
        if (!o.isObject()) {
            throw new WorkbenchException("state " + n + " must be a JSON object with presetName and parameters");
        }
        JsonNode nameNode = o.get("presetName");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            throw new WorkbenchException("state " + n + " has no presetName (text)");
        }
        String name = nameNode.asText().trim();
        String where = "state " + n + " (" + name + ")";
        LiveState s = LiveState.defaults(name);
        double[] v = s.raw().clone();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("presetName")) {
                continue;
            }
            int i = indexOfField(where, e.getKey());
            if (!e.getValue().isNumber()) {
                throw new WorkbenchException(where + ": " + e.getKey() + " = " + e.getValue() + " is not a number");
            }
            v[i] = LiveChain.PARAMETERS.get(i).check(where, e.getKey(), e.getValue().asDouble());
        }
        return new LiveState(name, v);
    }

    /** The parameter index of a preset field or chain parameter name; unknown names are rejected with the list. */
    static int indexOfField(String where, String field) {
        for (int i = 0; i < LiveChain.COUNT; i++) {
            LiveParameter p = LiveChain.PARAMETERS.get(i);
            if (field.equals(p.presetField()) || field.equals(p.name())) {
                return i;
            }
        }
        StringBuilder fields = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (LiveParameter p : LiveChain.PARAMETERS) {
            if (p.presetField() != null) {
                fields.append(", ").append(p.presetField());
            }
            names.append(names.length() == 0 ? "" : ", ").append(p.name());
        }
        throw new WorkbenchException(String.format(Locale.ROOT, "%s: unknown field %s; accepted: presetName%s, or a chain parameter: %s",
                where, field, fields, names));
    }

    @Override
    public String toString() {
        return "LiveStates[" + names() + "; default " + defaultTransition + (overrides.isEmpty() ? "" : "; " + overrides) + "]";
    }
}
