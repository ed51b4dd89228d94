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
    /** True when {@code frequencyHz} lies in {@code [lowHz, highHz)}. */
    public boolean contains(double frequencyHz) {
        return frequencyHz >= lowHz && frequencyHz < highHz;
    }
}
