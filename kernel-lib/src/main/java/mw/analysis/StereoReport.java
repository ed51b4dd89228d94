package mw.analysis;

import java.util.List;

/**
 * Stereo image of a two-channel programme. Mid {@code M = (L + R) / 2}, side {@code S = (L - R) / 2}.
 *
 * @param correlation          phase correlation of the whole programme, {@code sum LR / sqrt(sum L^2 sum R^2)} (0 if a channel is silent)
 * @param minCorrelation       lowest value of the correlation over time
 * @param leftMinusRightDb     balance: level of L minus level of R, dB
 * @param sideToMidDb          {@code 10 log10(sum S^2 / sum M^2)}
 * @param monoLossDb           {@code 10 log10(((sum L^2 + sum R^2) / 2) / sum M^2)}: level lost in a mono fold-down
 * @param bands                the same per one-third-octave band (20 Hz to 20 kHz or Nyquist)
 * @param windowSeconds        length of each correlation window
 * @param timesSeconds         centre time of each window
 * @param correlationOverTime  correlation in each window (hop {@link StereoImage#HOP_SECONDS})
 * @param goniometerX          goniometer points, horizontal: {@code (R - L) / sqrt 2} (left-only signals lean left)
 * @param goniometerY          goniometer points, vertical: {@code (L + R) / sqrt 2}
 */
public record StereoReport(double correlation, double minCorrelation, double leftMinusRightDb, double sideToMidDb,
                           double monoLossDb, List<StereoBand> bands, double windowSeconds, double[] timesSeconds,
                           double[] correlationOverTime, double[] goniometerX, double[] goniometerY) {

    /** The one-row summary (without the series). */
    public Summary summary() {
        return new Summary(correlation, minCorrelation, leftMinusRightDb, sideToMidDb, monoLossDb);
    }

    /** The scalar figures of a {@link StereoReport}. */
    public record Summary(double correlation, double minCorrelation, double leftMinusRightDb, double sideToMidDb,
                          double monoLossDb) {
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "StereoReport[correlation %.2f (min %.2f), L-R %.2f dB, side/mid %.1f dB, mono loss %.2f dB]",
                correlation, minCorrelation, leftMinusRightDb, sideToMidDb, monoLossDb);
    }
}
