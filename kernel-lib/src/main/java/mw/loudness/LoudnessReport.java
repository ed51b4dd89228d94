package mw.loudness;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The loudness figures of one programme, per ITU-R BS.1770-4 and EBU R 128 / Tech 3341 / Tech 3342.
 * A figure that does not exist (for example the integrated loudness of silence, which every block
 * fails the absolute gate) is {@link Double#NaN}; {@link #notes()} says why.
 *
 * @param sampleRate        Hz
 * @param channels          channel count
 * @param durationSeconds   programme length
 * @param integratedLufs    gated integrated loudness (LUFS)
 * @param loudnessRangeLu   EBU Tech 3342 loudness range (LU)
 * @param momentaryMaxLufs  maximum momentary (400 ms) loudness (LUFS)
 * @param shortTermMaxLufs  maximum short-term (3 s) loudness (LUFS)
 * @param truePeakDbtp      maximum true peak over all channels (dBTP)
 * @param samplePeakDbfs    maximum sample peak over all channels (dBFS)
 * @param plrDb             peak-to-loudness ratio: true peak minus integrated loudness (dB)
 * @param notes             why a figure is missing, or other remarks; empty when none
 */
public record LoudnessReport(int sampleRate, int channels, double durationSeconds, double integratedLufs,
                             double loudnessRangeLu, double momentaryMaxLufs, double shortTermMaxLufs,
                             double truePeakDbtp, double samplePeakDbfs, double plrDb, String notes) {

    /**
     * The figures as a JSON object with the keys of {@code mw loudness --json} ({@code sample_rate},
     * {@code channels}, {@code duration_s}, {@code integrated_lufs}, {@code loudness_range_lu},
     * {@code momentary_max_lufs}, {@code short_term_max_lufs}, {@code true_peak_dbtp},
     * {@code sample_peak_dbfs}, {@code plr_db}); a missing figure is {@code null}, and {@code notes} is
     * present when there is something to say.
     */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("sample_rate", sampleRate);
        o.put("channels", channels);
        o.put("duration_s", round(durationSeconds, 6));
        for (Map.Entry<String, Double> e : figures().entrySet()) {
            putNumber(o, e.getKey(), e.getValue());
        }
        if (!notes.isEmpty()) {
            o.put("notes", notes);
        }
        return o;
    }

    /** The measured figures by their JSON key, in report order. */
    public Map<String, Double> figures() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("integrated_lufs", integratedLufs);
        m.put("loudness_range_lu", loudnessRangeLu);
        m.put("momentary_max_lufs", momentaryMaxLufs);
        m.put("short_term_max_lufs", shortTermMaxLufs);
        m.put("true_peak_dbtp", truePeakDbtp);
        m.put("sample_peak_dbfs", samplePeakDbfs);
        m.put("plr_db", plrDb);
        return m;
    }

    /** Puts a number rounded to 0.01, or null when it is not finite. */
    static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, round(v, 2));
        } else {
            o.putNull(key);
        }
    }

    static double round(double v, int decimals) {
        return new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    /** A figure formatted with two decimals, or "-" when it does not exist. */
    public static String format(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "LoudnessReport[I %s LUFS, LRA %s LU, M max %s LUFS, S max %s LUFS, TP %s dBTP, SP %s dBFS, PLR %s dB; %d Hz, %d ch, %.3f s%s]",
                format(integratedLufs), format(loudnessRangeLu), format(momentaryMaxLufs), format(shortTermMaxLufs),
                format(truePeakDbtp), format(samplePeakDbfs), format(plrDb), sampleRate, channels, durationSeconds,
                notes.isEmpty() ? "" : "; " + notes);
    }
}
