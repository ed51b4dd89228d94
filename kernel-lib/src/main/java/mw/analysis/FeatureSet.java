package mw.analysis;

/**
 * The features of one signal, each a mean over frames of librosa's framewise definition with librosa's
 * defaults ({@code n_fft=2048, hop_length=512, window="hann", center=True}, zero padding). See
 * {@link Features} for every definition.
 *
 * @param signal              which signal ("mix", "L", "M", ...)
 * @param sampleRate          Hz
 * @param durationSeconds     length
 * @param spectralCentroidHz  {@code librosa.feature.spectral_centroid}, mean over frames
 * @param spectralBandwidthHz {@code librosa.feature.spectral_bandwidth} (p = 2), mean
 * @param spectralRolloffHz   {@code librosa.feature.spectral_rolloff} (85 %), mean
 * @param spectralFlatness    {@code librosa.feature.spectral_flatness} (power 2, amin 1e-10), mean; about
 *                            {@code exp(-Euler's gamma)} = 0.56 for white noise, see {@link Features}
 * @param zeroCrossingRate    {@code librosa.feature.zero_crossing_rate}, crossings per sample, mean
 * @param rms                 {@code librosa.feature.rms}, mean of framewise RMS (linear full scale)
 * @param rmsDbfs             RMS of the whole signal in dBFS, AES17 convention (full-scale sine = 0 dBFS)
 * @param crestFactorDb       sample peak over RMS of the whole signal, dB (sine 3.01 dB)
 * @param hnrDb               harmonic-to-noise ratio, Boersma's autocorrelation method, mean over voiced frames (NaN if none)
 * @param onsetsPerSecond     onsets found by librosa's {@code onset_detect} definition, per second
 * @param mfcc                13 MFCCs ({@code librosa.feature.mfcc}), mean over frames
 * @param chroma              12 chroma values C, C#, ..., B ({@code librosa.feature.chroma_stft}, tuning 0), mean
 */
public record FeatureSet(String signal, int sampleRate, double durationSeconds, double spectralCentroidHz,
                         double spectralBandwidthHz, double spectralRolloffHz, double spectralFlatness,
                         double zeroCrossingRate, double rms, double rmsDbfs, double crestFactorDb, double hnrDb,
                         double onsetsPerSecond, double[] mfcc, double[] chroma) {

    /** Pitch-class names in chroma order. */
    public static final String[] PITCH_CLASSES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};

    /** The pitch class with the most chroma energy. */
    public String dominantPitchClass() {
        int best = 0;
        for (int i = 1; i < chroma.length; i++) {
            if (chroma[i] > chroma[best]) {
                best = i;
            }
        }
        return PITCH_CLASSES[best];
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "FeatureSet[%s: centroid %.0f Hz, bandwidth %.0f Hz, roll-off %.0f Hz, flatness %.3f, ZCR %.4f, "
                        + "RMS %.1f dBFS, crest %.1f dB, HNR %.1f dB, onsets %.2f/s, chroma peak %s]",
                signal, spectralCentroidHz, spectralBandwidthHz, spectralRolloffHz, spectralFlatness, zeroCrossingRate,
                rmsDbfs, crestFactorDb, hnrDb, onsetsPerSecond, dominantPitchClass());
    }
}
