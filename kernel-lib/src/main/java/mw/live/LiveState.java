package mw.live;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A named state of the live chain: a value for every parameter of {@link LiveEngine#parameters()}.
 * Immutable; {@link #values()} hands out a copy.
 */
public final class LiveState {
    private final String name;
    private final double[] values;

    LiveState(String name, double[] values) {
        this.name = name;
        this.values = values.clone();
    }

    /** A state with every parameter at its default (the source's preset defaults). */
    public static LiveState defaults(String name) {
        double[] v = new double[LiveChain.COUNT];
        for (int i = 0; i < v.length; i++) {
            v[i] = LiveChain.PARAMETERS.get(i).defaultValue();
        }
        return new LiveState(name, v);
    }

    /**
     * A copy of this state under another name with some parameters changed, by chain name
     * ({@code compressor.thresholdDb}) or by preset field ({@code compressionThreshold}); values are
     * checked against each parameter's range.
     */
    public LiveState with(String newName, Map<String, ? extends Number> changes) {
        double[] v = values.clone();
        changes.forEach((k, val) -> {
            int i = LiveStates.indexOfField("state " + newName, k);
            v[i] = LiveChain.PARAMETERS.get(i).check("state " + newName, k, val.doubleValue());
        });
        return new LiveState(newName, v);
    }

    public String name() {
        return name;
    }

    /** The value of a parameter by chain name or preset field. */
    public double value(String parameter) {
        return values[LiveStates.indexOfField("state " + name, parameter)];
    }

    double valueAt(int index) {
        return values[index];
    }

    double[] raw() {
        return values;
    }

    /** Every parameter by chain name, in chain order. */
    public Map<String, Double> values() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(LiveChain.PARAMETERS.get(i).name(), values[i]);
        }
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LiveState[").append(name);
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? " " : ", ").append(LiveChain.PARAMETERS.get(i).name()).append('=')
                    .append(String.format(Locale.ROOT, "%.4g", values[i]));
        }
        return sb.append(']').toString();
    }
}
