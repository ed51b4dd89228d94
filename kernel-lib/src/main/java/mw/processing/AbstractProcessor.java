package mw.processing;

import java.util.List;
import java.util.Map;

/**
 * A processor whose parameters are declared once in a {@link ParamSet}: type name, {@link #params()},
 * {@link #set(String, Object)}, {@link #get(String)}, {@link #parameters()} and {@link #toString()} all
 * come from that declaration. A subclass declares its parameters, passes the declaration to this
 * constructor, calls {@code PARAMS.applyDefaults(this)} at the end of its own, and reacts to changes in
 * {@link #changed(String)} (new coefficients, ramp targets) and {@link #validate()} (rules that tie
 * several parameters together).
 *
 * <pre>{@code
 * Compressor c = Compressor.create();
 * c.set("thresholdDb", -24).set("attackMs", 5);      // by name, range-checked
 * c.get("ratio");                                     // 2.0
 * c.params();                                         // name, unit, range, default of each
 * }</pre>
 *
 * @param <T> the concrete processor, returned by the fluent setters
 */
public abstract class AbstractProcessor<T extends AbstractProcessor<T>> implements Processor {
    private final ParamSet<T> declared;

    protected AbstractProcessor(ParamSet<T> declared) {
        this.declared = declared;
    }

    /** The declaration of this processor's parameters. */
    public final ParamSet<T> declared() {
        return declared;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    @Override
    public String type() {
        return declared.type();
    }

    @Override
    public List<Param> params() {
        return declared.params();
    }

    /**
     * Sets one parameter by name: a number (or a string holding one), a name for choices, a list for lists.
     * Out-of-range values and unknown names are rejected with a {@link mw.WorkbenchException} that says what
     * is accepted; nothing changes then.
     */
    @Override
    public T set(String name, Object value) {
        declared.set(self(), Map.of(name, value));
        return self();
    }

    /** Sets several parameters at once (for those checked together, such as crossovers and band widths). */
    @Override
    public T set(Map<String, ?> values) {
        declared.set(self(), values);
        return self();
    }

    /** One parameter's value, as presets write it (a number, a name, or a list). */
    @Override
    public Object get(String name) {
        return declared.get(self(), name);
    }

    @Override
    public Map<String, Object> parameters() {
        return declared.values(self());
    }

    /** Called after a parameter has changed (and after each default is set), to update derived state. */
    protected void changed(String name) {
    }

    /** Called after every change; throws a {@link mw.WorkbenchException} if the settings do not fit together. */
    protected void validate() {
    }

    @Override
    public String toString() {
        return declared.describe(self());
    }
}
