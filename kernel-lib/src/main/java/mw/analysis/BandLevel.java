package mw.analysis;

/**
 * The level of one signal in one band.
 *
 * @param signal    which signal ("L", "R", "M", "S", "mix", ...)
 * @param band      nominal band label ("1k")
 * @param centreHz  exact mid-band frequency
 * @param levelDbfs band power in dBFS, AES17 convention: a full-scale sine inside the band reads 0 dBFS
 *                  ({@code 10 log10(2 P)} for band power {@code P} in full-scale units)
 */
public record BandLevel(String signal, String band, double centreHz, double levelDbfs) {
}
