package mw.processing;

import java.util.Locale;

/**
 * The complex frequency response of a filter at a list of frequencies: magnitude in dB and phase in
 * degrees (unwrapped per point, in -180..180).
 *
 * @param frequencyHz  the frequencies evaluated
 * @param magnitudeDb  gain at each frequency, dB
 * @param phaseDegrees phase at each frequency, degrees
 */
public record FrequencyResponse(double[] frequencyHz, double[] magnitudeDb, double[] phaseDegrees) {

    /** {@code points} frequencies spaced logarithmically from {@code fromHz} to {@code toHz}. */
    public static double[] logGrid(double fromHz, double toHz, int points) {
        double[] f = new double[points];
        for (int i = 0; i < points; i++) {
            f[i] = fromHz * Math.pow(toHz / fromHz, points == 1 ? 0 : (double) i / (points - 1));
        }
        return f;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FrequencyResponse[");
        int step = Math.max(1, frequencyHz.length / 8);
        for (int i = 0; i < frequencyHz.length; i += step) {
            sb.append(String.format(Locale.ROOT, "%s%.0f Hz: %.2f dB", i == 0 ? "" : ", ", frequencyHz[i], magnitudeDb[i]));
        }
        return sb.append(frequencyHz.length > 8 ? ", ...]" : "]").toString();
    }
}
