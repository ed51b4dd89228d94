package mw.analysis;

/**
 * One fractional-octave band.
 *
 * @param centreHz exact mid-band frequency (IEC 61260-1 base-10)
 * @param lowHz    lower band edge
 * @param highHz   upper band edge
 * @param nominal  nominal label per IEC 61260-1 / ISO 266 ("31.5", "1k", "12.5k")
 */
public record Band(double centreHz, double lowHz, double highHz, String nominal) {
    /** The nominal frequency with its unit: "31.5 Hz", "1 kHz", "12.5 kHz". */
    public String label() {
        return label(nominal);
    }

    /** A nominal label ("1k") with its unit ("1 kHz"). */
    public static String label(String nominal) {
        return nominal.endsWith("k") ? nominal.substring(0, nominal.length() - 1) + " kHz" : nominal + " Hz";
    }

    /** True when {@code frequencyHz} lies in {@code [lowHz, highHz)}. */
    public boolean contains(double frequencyHz) {
        return frequencyHz >= lowHz && frequencyHz < highHz;
    }
}
