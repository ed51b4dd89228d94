package mw.analysis;

/**
 * Stereo figures of one band, from the Welch-averaged auto and cross spectra of L and R.
 *
 * @param band             nominal band label
 * @param centreHz         exact mid-band frequency
 * @param correlation      {@code Re(P_LR) / sqrt(P_LL P_RR)}: +1 identical, 0 unrelated, -1 inverted (0 if a channel is silent in the band)
 * @param sideToMidDb      side energy relative to mid, {@code 10 log10(P_SS / P_MM)}: -inf for identical channels, +inf for inverted ones
 * @param monoLossDb       level lost when folding down to mono {@code (L + R) / 2}, relative to the mean channel power:
 *                         {@code 10 log10(((P_LL + P_RR) / 2) / P_MM)}; 0 dB identical, 3.01 dB unrelated, +inf inverted
 * @param leftMinusRightDb {@code 10 log10(P_LL / P_RR)}
 */
public record StereoBand(String band, double centreHz, double correlation, double sideToMidDb, double monoLossDb,
                         double leftMinusRightDb) {
}
