package mw.processing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import mw.WorkbenchException;

/**
 * The declaration of one processor type: its type name (as presets and chain specs write it), how to make
 * one, and each parameter once, with its unit, accepted values, default, display format and the field it
 * lives in. Everything else that touches parameters is derived from it: range checks in setters,
 * {@link Processor#params()}, {@link Processor#set(String, Object)} and {@link Processor#get(String)},
 * {@link Processor#parameters()}, {@code toString()}, preset loading and saving and the chain-spec parser.
 *
 * <pre>{@code
 * static final ParamSet<Gain> PARAMS = ParamSet.of("gain", v -> new Gain())
 *         .number("gainDb", "dB", -120, 60, 0, "%.2f", g -> g.gainDb, (g, v) -> g.gainDb = v);
 * }</pre>
 *
 * A declaration line may be followed by modifiers that apply to the parameter just declared:
 * {@link #change}, {@link #offAt}, {@link #accepting}, {@link #only}, {@link #shownIf}, {@link #unnamed}.
 *
 * @param <P> the processor type
 */
public final class ParamSet<P extends AbstractProcessor<P>> {
    private final String type;
    private final Function<Map<String, Object>, P> factory;
    private final List<Binding<P>> bindings = new ArrayList<>();
    private final Map<String, Binding<P>> byName = new LinkedHashMap<>();
    private String note = "";
    private volatile List<Param> params;

    private ParamSet(String type, Function<Map<String, Object>, P> factory) {
        this.type = type;
        this.factory = factory;
    }

    /**
     * A declaration for processors of {@code type}; {@code factory} makes one with default settings (it sees
     * the values about to be set, for types whose construction depends on one of them).
     */
    public static <P extends AbstractProcessor<P>> ParamSet<P> of(String type, Function<Map<String, Object>, P> factory) {
        return new ParamSet<>(type, factory);
    }

    // ---------------------------------------------------------------- declaring

    /** A real number within {@code min..max}, shown with {@code format} (for example {@code "%.2f"}). */
    public ParamSet<P> number(String name, String unit, double min, double max, double def, String format,
                              ToDoubleFunction<P> get, ObjDoubleConsumer<P> set) {
        Binding<P> b = new Binding<>(name, unit, Param.Kind.NUMBER, min, max, def, format,
                get::applyAsDouble, (p, v) -> set.accept(p, (Double) v));
        b.setNumber = set;
        b.accepted = num(min) + " to " + num(max);
        return add(b);
    }

    /** A whole number within {@code min..max}. */
    public ParamSet<P> integer(String name, String unit, long min, long max, long def, ToLongFunction<P> get, ObjLongConsumer<P> set) {
        Binding<P> b = new Binding<>(name, unit, Param.Kind.INTEGER, min, max, def, "%d",
                get::applyAsLong, (p, v) -> set.accept(p, (Long) v));
        b.accepted = min + " to " + max;
        return add(b);
    }

    /**
     * One of an enum's constants, written as {@code id} returns them; {@code parse} reads a name (and throws
     * a {@link WorkbenchException} listing the accepted names).
     */
    public <E extends Enum<E>> ParamSet<P> choice(String name, E def, Function<E, String> id, Function<String, E> parse,
                                                  Function<P, E> get, BiConsumer<P, E> set) {
        Class<E> c = def.getDeclaringClass();
        List<String> ids = Arrays.stream(c.getEnumConstants()).map(id).toList();
        Binding<P> b = new Binding<>(name, "", Param.Kind.CHOICE, Double.NaN, Double.NaN, def, "%s",
                get::apply, (p, v) -> set.accept(p, c.cast(v)));
        b.choices = ids;
        b.accepted = String.join(", ", ids);
        b.change = Param.Change.IMMEDIATE;
        b.toChoice = v -> c.isInstance(v) ? v : parse.apply(v.toString().trim());
        b.show = v -> id.apply(c.cast(v));
        return add(b);
    }

    /** A list of numbers, each within {@code min..max}. */
    public ParamSet<P> numbers(String name, String unit, double min, double max, double[] def,
                               Function<P, double[]> get, BiConsumer<P, double[]> set) {
        Binding<P> b = new Binding<>(name, unit, Param.Kind.NUMBERS, min, max, def.clone(), "%s",
                p -> get.apply(p).clone(), (p, v) -> set.accept(p, ((double[]) v).clone()));
        b.accepted = "a list of numbers, each " + num(min) + " to " + num(max);
        b.change = Param.Change.ON_PREPARE;
        b.show = v -> Arrays.toString((double[]) v);
        return add(b);
    }

    /** A list of nested stages of one type, each given as a processor or as a map of its parameters. */
    public <S extends AbstractProcessor<S>> ParamSet<P> stages(String name, ParamSet<S> of, Function<P, List<S>> get,
                                                             BiConsumer<P, List<S>> set) {
        Binding<P> b = new Binding<>(name, "", Param.Kind.STAGES, Double.NaN, Double.NaN, List.of(), "%s",
                p -> List.copyOf(get.apply(p)), null);
        b.accepted = "a JSON array of " + of.type + " objects";
        b.change = Param.Change.ON_PREPARE;
        b.stages = of;
        b.set = (p, v) -> {
            List<S> list = new ArrayList<>();
            for (Object o : (List<?>) v) {
                @SuppressWarnings("unchecked")
                S stage = (S) o;
                list.add(stage);
            }
            set.accept(p, list);
        };
        return add(b);
    }

    /**
     * A nested chain of any registered stages (the parts of a split, for example): in code a {@link Processor}
     * (usually a {@link Chain}), in a preset a JSON array of stage objects with their {@code type}, in a chain
     * spec the stages in parentheses, {@code (eq:shape=highShelf,frequencyHz=8000,gainDb=-2; gain:gainDb=1)}.
     * It defaults to the empty chain and is shown only when it has stages.
     */
    public ParamSet<P> chain(String name, Function<P, Processor> get, BiConsumer<P, Processor> set) {
        Binding<P> b = new Binding<>(name, "", Param.Kind.CHAIN, Double.NaN, Double.NaN, List.of(), "%s",
                get::apply, (p, v) -> set.accept(p, (Processor) v));
        b.accepted = "a chain: stages in parentheses in a spec, a JSON array of stage objects in a preset";
        b.change = Param.Change.ON_PREPARE;
        b.shownIf = p -> !Binding.stagesOf(get.apply(p)).isEmpty();
        return add(b);
    }

    private ParamSet<P> add(Binding<P> b) {
        if (byName.containsKey(b.name)) {
            throw new IllegalStateException(type + " declares " + b.name + " twice");
        }
        bindings.add(b);
        byName.put(b.name, b);
        params = null;
        return this;
    }

    private Binding<P> last() {
        return bindings.get(bindings.size() - 1);
    }

    /** The last declared parameter takes effect this way while running (numbers default to {@code SMOOTH}). */
    public ParamSet<P> change(Param.Change change) {
        last().change = change;
        return this;
    }

    /** The last declared number also accepts {@code off} (meaning "off"), outside its range. */
    public ParamSet<P> offAt(double off) {
        Binding<P> b = last();
        b.off = off;
        b.accepted = num(off) + " (off) or " + b.accepted;
        return this;
    }

    /** The last declared number must also pass {@code test}; {@code accepted} says what passes. */
    public ParamSet<P> accepting(DoublePredicate test, String accepted) {
        Binding<P> b = last();
        b.test = test;
        b.accepted = accepted;
        return this;
    }

    /** The last declared whole number must be one of {@code values}. */
    public ParamSet<P> only(long... values) {
        Binding<P> b = last();
        LongPredicate ok = v -> Arrays.stream(values).anyMatch(x -> x == v);
        b.test = d -> ok.test((long) d);
        b.choices = Arrays.stream(values).mapToObj(Long::toString).toList();
        b.accepted = String.join(", ", b.choices);
        return this;
    }

    /** The last declared parameter appears in {@code toString()} only when {@code when} holds. */
    public ParamSet<P> shownIf(Predicate<P> when) {
        last().shownIf = when;
        return this;
    }

    /** The last declared parameter appears in {@code toString()} as its value alone, without {@code name=}. */
    public ParamSet<P> unnamed() {
        last().named = false;
        return this;
    }

    /** Text added at the end of {@code toString()} (a fixed property, for example {@code "oversampling=4x"}). */
    public ParamSet<P> note(String text) {
        note = text;
        return this;
    }

    // ---------------------------------------------------------------- using

    /** The type name in presets and chain specs. */
    public String type() {
        return type;
    }

    /** The declared parameters, in order. */
    public List<Param> params() {
        List<Param> ps = params;
        if (ps == null) {
            ps = bindings.stream().map(Binding::param).toList();
            params = ps;
        }
        return ps;
    }

    /** The declared names, in order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** For a parameter holding stages of one type ({@link Param.Kind#STAGES}), that type's name; else null. */
    String nestedType(String name) {
        Binding<P> b = byName.get(name);
        return b == null || b.stages == null ? null : b.stages.type();
    }

    /** A processor with default settings. */
    public P create() {
        return create(Map.of());
    }

    /** A processor with the given parameter values (by name; others default), every one validated. */
    public P create(Map<String, ?> values) {
        return create(type, values);
    }

    /** As {@link #create(Map)}; errors start with {@code where} (for example {@code "stages[2] (compressor)"}). */
    P create(String where, Map<String, ?> values) {
        try {
            Map<String, Object> copy = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            P p = factory.apply(copy);
            set(p, copy);
            return p;
        } catch (WorkbenchException e) {
            String m = e.getMessage();
            throw new WorkbenchException(m.startsWith(where) ? m : where + ": " + m, e);
        }
    }

    /** Sets defaults on a new processor (from its constructor). */
    public void applyDefaults(P p) {
        for (Binding<P> b : bindings) {
            if (b.kind != Param.Kind.STAGES && b.kind != Param.Kind.CHAIN) {
                b.set.accept(p, b.kind == Param.Kind.NUMBERS ? ((double[]) b.def).clone() : b.def);
                p.changed(b.name);
            }
        }
    }

    /**
     * Sets several parameters at once, in declaration order, then checks the processor as a whole; if any
     * value is rejected nothing changes.
     */
    void set(P p, Map<String, ?> values) {
        List<String> unknown = new ArrayList<>();
        for (String k : values.keySet()) {
            if (!byName.containsKey(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new WorkbenchException(String.format(Locale.ROOT, "unknown parameter%s %s; accepted: %s",
                    unknown.size() > 1 ? "s" : "", String.join(", ", unknown), String.join(", ", byName.keySet())));
        }
        List<Binding<P>> todo = new ArrayList<>();
        List<Object> coerced = new ArrayList<>();
        for (Binding<P> b : bindings) {
            if (values.containsKey(b.name)) {
                todo.add(b);
                coerced.add(b.coerce(values.get(b.name)));
            }
        }
        List<Object> old = new ArrayList<>();
        for (Binding<P> b : todo) {
            old.add(b.get.apply(p));
        }
        try {
            for (int i = 0; i < todo.size(); i++) {
                todo.get(i).set.accept(p, coerced.get(i));
                p.changed(todo.get(i).name);
            }
            p.validate();
        } catch (RuntimeException e) {
            for (int i = 0; i < todo.size(); i++) {
                todo.get(i).set.accept(p, old.get(i));
                p.changed(todo.get(i).name);
            }
            try {
                p.validate();
            } catch (RuntimeException ignored) {
                // the old settings were accepted before; derived state is rebuilt either way
            }
            throw e;
        }
    }

    /**
     * Sets one number parameter without allocating, for real-time control from an audio thread: checks the
     * value against the parameter's range, sets it and runs the processor's change hook. The processor-wide
     * check of {@link #set(AbstractProcessor, Map)} is not run: use this only for parameters whose range is
     * their whole check.
     */
    void setNumber(P p, String name, double value) {
        Binding<P> b = byName.get(name);
        if (b == null || b.setNumber == null) {
            throw new WorkbenchException(name + " is not a number parameter of " + type + "; accepted: " + String.join(", ", byName.keySet()));
        }
        b.setNumber.accept(p, b.checkNumber(value));
        p.changed(name);
    }

    /** The value of one parameter as presets write it (a number, a name or a list). */
    Object get(P p, String name) {
        return binding(name).export(p);
    }

    private Binding<P> binding(String name) {
        Binding<P> b = byName.get(name);
        if (b == null) {
            throw new WorkbenchException(type + " has no parameter " + name + "; accepted: " + String.join(", ", byName.keySet()));
        }
        return b;
    }

    /** Every parameter as presets write it, in declaration order. */
    Map<String, Object> values(P p) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Binding<P> b : bindings) {
            m.put(b.name, b.export(p));
        }
        return m;
    }

    /** {@code Name[a=1.0 b=2.00 ...]}, each value in its declared format. */
    String describe(P p) {
        StringBuilder sb = new StringBuilder(p.getClass().getSimpleName()).append('[');
        boolean first = true;
        for (Binding<P> b : bindings) {
            if (b.shownIf != null && !b.shownIf.test(p)) {
                continue;
            }
            sb.append(first ? "" : " ");
            first = false;
            if (b.named) {
                sb.append(b.name).append('=');
            }
            sb.append(b.shown(b.get.apply(p)));
        }
        if (!note.isEmpty()) {
            sb.append(first ? "" : " ").append(note);
        }
        return sb.append(']').toString();
    }

    private static String num(double v) {
        return Double.toString(v);
    }

    /** One declared parameter with the field it lives in. */
    private static final class Binding<P extends AbstractProcessor<P>> {
        final String name;
        final String unit;
        final Param.Kind kind;
        final double min;
        final double max;
        final Object def;
        final String format;
        final Function<P, Object> get;
        BiConsumer<P, Object> set;
        /** For number parameters: the setter without boxing. */
        ObjDoubleConsumer<P> setNumber;
        String accepted = "";
        List<String> choices = List.of();
        Param.Change change = Param.Change.SMOOTH;
        Double off;
        DoublePredicate test;
        Predicate<P> shownIf;
        boolean named = true;
        Function<Object, Object> toChoice;
        Function<Object, String> show;
        ParamSet<?> stages;

        Binding(String name, String unit, Param.Kind kind, double min, double max, Object def, String format,
                Function<P, Object> get, BiConsumer<P, Object> set) {
            this.name = name;
            this.unit = unit;
            this.kind = kind;
            this.min = min;
            this.max = max;
            this.def = def;
            this.format = format;
            this.get = get;
            this.set = set;
        }

        Param param() {
            Object d = switch (kind) {
                case NUMBERS -> Arrays.stream((double[]) def).boxed().toList();
                case CHOICE -> show.apply(def);
                case INTEGER -> (long) (Long) def == (int) (long) (Long) def ? (Object) (int) (long) (Long) def : def;
                default -> def;
            };
            return new Param(name, unit, kind, min, max, d, choices, accepted, change);
        }

        /** A value from a setter, a preset (numbers, strings, lists, maps) or a spec (strings) in this field's type. */
        Object coerce(Object v) {
            if (v == null) {
                throw new WorkbenchException(name + " has no value; accepted: " + accepted);
            }
            return switch (kind) {
                case NUMBER -> checkNumber(toDouble(v));
                case INTEGER -> {
                    Long exact = exactLong(v);
                    if (exact != null && (exact > (1L << 53) || exact < -(1L << 53))) {
                        yield exact; // beyond a double's exact range: only seeds are this large
                    }
                    double d = toDouble(v);
                    if (d != Math.rint(d) || Double.isInfinite(d)) {
                        throw new WorkbenchException(name + " = " + d + " is not a whole number");
                    }
                    if (test != null) {
                        if (!test.test(d) || d < min || d > max) {
                            throw new WorkbenchException(name + " = " + (long) d + " is not accepted; accepted: " + accepted);
                        }
                    } else {
                        WorkbenchException.checkRange(name, d, min, max);
                    }
                    yield (long) d;
                }
                case CHOICE -> toChoice.apply(v);
                case NUMBERS -> {
                    double[] a = toDoubles(v);
                    for (int i = 0; i < a.length; i++) {
                        WorkbenchException.checkRange(name + "[" + i + "]", a[i], min, max);
                    }
                    yield a;
                }
                case STAGES -> toStages(v);
                case CHAIN -> toChain(v);
            };
        }

        private double checkNumber(double d) {
            if (off != null && d == off) {
                return d;
            }
            if (test != null) {
                if (!(d >= min && d <= max) || !test.test(d)) {
                    throw new WorkbenchException(name + " = " + d + " is not accepted; accepted: " + accepted);
                }
                return d;
            }
            if (off != null && !(d >= min && d <= max)) {
                throw new WorkbenchException(name + " = " + d + " is out of range; accepted: " + accepted);
            }
            return WorkbenchException.checkRange(name, d, min, max);
        }

        private static Long exactLong(Object v) {
            if (v instanceof Long || v instanceof Integer) {
                return ((Number) v).longValue();
            }
            try {
                return Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private double toDouble(Object v) {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            try {
                return Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new WorkbenchException(name + " = " + v + " is not a number");
            }
        }

        private double[] toDoubles(Object v) {
            if (v instanceof double[] a) {
                return a.clone();
            }
            List<?> items = v instanceof List<?> l ? l : List.of((Object[]) v.toString().split("/"));
            double[] out = new double[items.size()];
            for (int i = 0; i < out.length; i++) {
                Object o = items.get(i);
                try {
                    out[i] = o instanceof Number n ? n.doubleValue() : Double.parseDouble(o.toString().trim());
                } catch (NumberFormatException e) {
                    throw new WorkbenchException(name + " = " + v + " is not a list of numbers (a JSON array, or 120/2000 in a spec)");
                }
            }
            return out;
        }

        private List<Object> toStages(Object v) {
            if (!(v instanceof List<?> l)) {
                throw new WorkbenchException(name + " must be a list of " + stages.type() + " stages: (" + stages.type()
                        + ":name=value; ...) in a spec, a JSON array of objects in a preset");
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                Object o = l.get(i);
                if (o instanceof Map<?, ?> m) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    m.forEach((k, x) -> values.put(String.valueOf(k), x));
                    Object t = values.remove("type");
                    if (t != null && !stages.type().equals(String.valueOf(t))) {
                        throw new WorkbenchException(name + "[" + i + "]: type '" + t + "' is not accepted; accepted: " + stages.type());
                    }
                    out.add(stages.create(name + "[" + i + "] (" + stages.type() + ")", values));
                } else if (o instanceof AbstractProcessor<?> s && s.declared() == stages) {
                    out.add(s);
                } else {
                    throw new WorkbenchException(name + " must be a JSON array of objects");
                }
            }
            return out;
        }

        /** A nested chain from a processor, a list of stage maps (preset or spec) or a spec text. */
        private Processor toChain(Object v) {
            if (v instanceof Processor p) {
                return p;
            }
            if (v instanceof CharSequence text) {
                String t = text.toString().trim();
                if (t.startsWith("(") && t.endsWith(")")) {
                    t = t.substring(1, t.length() - 1).trim();
                }
                if (t.isEmpty()) {
                    return Chain.of();
                }
                try {
                    return Presets.parseSpec(t);
                } catch (WorkbenchException e) {
                    throw new WorkbenchException(name + ": " + e.getMessage(), e);
                }
            }
            if (!(v instanceof List<?> l)) {
                throw new WorkbenchException(name + " = " + v + " is not a chain; accepted: " + accepted);
            }
            List<Processor> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                Object o = l.get(i);
                String where = name + "[" + i + "]";
                if (o instanceof Processor p) {
                    out.add(p);
                } else if (o instanceof Map<?, ?> m) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    m.forEach((k, x) -> values.put(String.valueOf(k), x));
                    Object type = values.remove("type");
                    if (!(type instanceof String t)) {
                        throw new WorkbenchException(where + ": type is missing; accepted: " + String.join(", ", Presets.types().keySet()));
                    }
                    out.add(Presets.createAt(where, t, values));
                } else {
                    throw new WorkbenchException(where + " = " + o + " is not a stage; accepted: " + accepted);
                }
            }
            return Chain.of(out);
        }

        /** The stages of a nested chain, nested chains flattened. */
        static List<Processor> stagesOf(Processor p) {
            List<Processor> out = new ArrayList<>();
            if (p instanceof Chain c) {
                for (Processor s : c) {
                    out.addAll(stagesOf(s));
                }
            } else if (p != null) {
                out.add(p);
            }
            return out;
        }

        /** The value as presets write it. */
        Object export(P p) {
            Object v = get.apply(p);
            return switch (kind) {
                case NUMBERS -> Arrays.stream((double[]) v).boxed().toList();
                case CHOICE -> show.apply(v);
                case INTEGER -> {
                    long l = (Long) v;
                    yield l == (int) l ? (Object) (int) l : (Object) l;
                }
                case STAGES -> {
                    List<Object> out = new ArrayList<>();
                    for (Object s : (List<?>) v) {
                        out.add(((Processor) s).parameters());
                    }
                    yield out;
                }
                case CHAIN -> {
                    List<Object> out = new ArrayList<>();
                    for (Processor s : stagesOf((Processor) v)) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("type", s.type());
                        m.putAll(s.parameters());
                        out.add(m);
                    }
                    yield out;
                }
                default -> v;
            };
        }

        String shown(Object v) {
            if (show != null) {
                return show.apply(v);
            }
            if (kind == Param.Kind.STAGES) {
                return v.toString();
            }
            if (kind == Param.Kind.CHAIN) {
                return "(" + Presets.toSpec(Chain.of(stagesOf((Processor) v))) + ")";
            }
            return String.format(Locale.ROOT, format, v);
        }
    }
}
