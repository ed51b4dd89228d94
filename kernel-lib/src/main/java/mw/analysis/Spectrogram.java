package mw.analysis;

/**
 * A magnitude spectrogram in dB.
 *
 * @param signal         which signal ("mix", "L", "M", ...)
 * @param sampleRate     Hz
 * @param settings       framing
 * @param timesSeconds   centre time of each frame
 * @param frequenciesHz  frequency of each bin
 * @param levelsDb       {@code levelsDb[frame][bin]}: {@code 20 log10(2 |X| / sum(w))}, so a full-scale
 *                       sine centred on a bin reads 0 dB; floored at -200 dB
 */
public record Spectrogram(String signal, int sampleRate, StftSettings settings, double[] timesSeconds,
                          double[] frequenciesHz, float[][] levelsDb) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Spectrogram[%s, %d frames x %d bins, hop %d]", signal,
                timesSeconds.length, frequenciesHz.length, settings.hopLength());
    }
}
