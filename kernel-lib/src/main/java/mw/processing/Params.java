package mw.processing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mw.WorkbenchException;

/**
 * Named parameter values of one stage read from a preset or a chain spec (numbers, or strings that
 * hold numbers), with every unknown name rejected.
 */
final class Params {
    private final String where;
    private final Map<String, Object> values;
    private final Set<String> known = new LinkedHashSet<>();

    Params(String where, Map<String, Object> values) {
        this.where = where;
        this.values = new LinkedHashMap<>(values);
    }

    double num(String name, double def) {
        known.add(name);
        Object v = values.get(name);
        if (v == null) {
            return def;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new WorkbenchException(where + ": " + name + " = " + v + " is not a number");
        }
    }

    int integer(String name, int def) {
        double d = num(name, def);
        if (d != Math.rint(d)) {
            throw new WorkbenchException(where + ": " + name + " = " + d + " is not a whole number");
        }
        return (int) d;
    }

    /** A list of numbers: a JSON array, or in a spec numbers separated by '/'. */
    double[] nums(String name, double[] def) {
        known.add(name);
        Object v = values.get(name);
        if (v == null) {
            return def;
        }
        List<?> items = v instanceof List<?> l ? l : List.of((Object[]) v.toString().split("/"));
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = items.get(i);
            try {
                out[i] = o instanceof Number n ? n.doubleValue() : Double.parseDouble(o.toString().trim());
            } catch (NumberFormatException e) {
                throw new WorkbenchException(where + ": " + name + " = " + v + " is not a list of numbers (a JSON array, or 120/2000 in a spec)");
            }
        }
        return out;
    }

    /** A list of objects (JSON only), each a map of parameter values. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> objects(String name) {
        known.add(name);
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof Map<?, ?>)) {
                    throw new WorkbenchException(where + ": " + name + " must be a JSON array of objects");
                }
                out.add((Map<String, Object>) o);
            }
            return out;
        }
        throw new WorkbenchException(where + ": " + name + " must be a JSON array of objects (use a preset file)");
    }

    String str(String name, String def) {
        known.add(name);
        Object v = values.get(name);
        return v == null ? def : v.toString();
    }

    /** Rejects names that were not asked for. */
    void finish() {
        List<String> unknown = new ArrayList<>();
        for (String k : values.keySet()) {
            if (!known.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new WorkbenchException(String.format(Locale.ROOT, "%s: unknown parameter%s %s; accepted: %s", where,
                    unknown.size() > 1 ? "s" : "", String.join(", ", unknown), String.join(", ", known)));
        }
    }

    String where() {
        return where;
    }
}
