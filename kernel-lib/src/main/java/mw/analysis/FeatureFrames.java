package mw.analysis;

/**
 * Framewise features, one value per STFT frame ({@code 1 + n / 512} frames, frame {@code t} centred at
 * {@code t * 512} samples), as librosa's {@code feature.*} functions return them; see {@link Features}
 * for the definitions. The means over frames are the figures of {@link FeatureSet}.
 *
 * @param signal               which signal
 * @param sampleRate           Hz
 * @param settings             framing (librosa's defaults)
 * @param timesSeconds         centre time of each frame
 * @param spectralCentroidHz   per frame
 * @param spectralBandwidthHz  per frame
 * @param spectralRolloffHz    per frame
 * @param spectralFlatness     per frame
 * @param zeroCrossingRate     per frame
 * @param rms                  per frame (linear)
 * @param onsetStrength        librosa's onset strength (mean positive log-mel difference, dB), per frame
 * @param mfcc                 {@code [frame][13]}
 * @param chroma               {@code [frame][12]}, C first, each frame's maximum 1
 */
public record FeatureFrames(String signal, int sampleRate, StftSettings settings, double[] timesSeconds,
                            double[] spectralCentroidHz, double[] spectralBandwidthHz, double[] spectralRolloffHz,
                            double[] spectralFlatness, double[] zeroCrossingRate, double[] rms, double[] onsetStrength,
                            double[][] mfcc, double[][] chroma) {
    /** Number of frames. */
    public int size() {
        return timesSeconds.length;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "FeatureFrames[%s, %d frames, hop %d]", signal, size(),
                settings.hopLength());
    }
}
