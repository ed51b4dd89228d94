package mw.analysis;

import mw.audio.AudioBuffer;
import mw.loudness.Loudness;
import mw.loudness.LoudnessMeter;
import mw.loudness.LoudnessReport;
import mw.loudness.LoudnessSeries;

/**
 * Everything the workbench measures about one programme, in one call: features of the mono mix,
 * the long-term spectrum of every signal, stereo image (for two channels), dynamics, loudness and damage.
 *
 * <pre>{@code
 * Analysis a = Analysis.of("mix.wav", Audio.read("mix.wav"));
 * a.features().spectralCentroidHz();
 * }</pre>
 *
 * @param name         what the programme is called (usually its file name)
 * @param sampleRate   Hz
 * @param channels     channel count
 * @param durationSeconds length
 * @param features     features of the mono mix ({@link Features})
 * @param ltas         long-term average spectrum ({@link Spectrum#ltas})
 * @param spectrogram  spectrogram of the mono mix, at most {@link Spectrum#SPECTROGRAM_MAX_FRAMES} frames
 * @param stereo       stereo report, or null when the programme is not two-channel
 * @param dynamics     dynamics report
 * @param loudness     loudness report (ITU-R BS.1770-4 / EBU R 128, {@link Loudness})
 * @param loudnessSeries momentary and short-term loudness every {@link #LOUDNESS_HOP_MS} ms
 * @param damage       clicks, clipped runs, noise floor, DC offset and hum ({@link DamageReport})
 */
public record Analysis(String name, int sampleRate, int channels, double durationSeconds, FeatureSet features,
                       Ltas ltas, Spectrogram spectrogram, StereoReport stereo, DynamicsReport dynamics,
                       LoudnessReport loudness, LoudnessSeries loudnessSeries, DamageReport damage) {
    /** Hop of the loudness series. */
    public static final int LOUDNESS_HOP_MS = 100;


    /** Analyses a buffer. */
    public static Analysis of(String name, AudioBuffer audio) {
        Signals.requireFinite(audio, name);
        LoudnessMeter meter = Loudness.meter(audio, LOUDNESS_HOP_MS);
        LoudnessReport lr = meter.report();
        LoudnessSeries series = meter.series();
        DynamicsReport dyn = DynamicsMeter.of(audio, lr, series.shortTermLufs());
        Ltas ltas = Spectrum.ltas(audio);
        double[] mono = Signals.select(audio, Signals.MIX);
        return new Analysis(name, audio.sampleRate(), audio.channels(), audio.durationSeconds(),
                Features.of(mono, audio.sampleRate(), Signals.MIX), ltas,
                Spectrum.spectrogram(mono, audio.sampleRate(), Signals.MIX),
                audio.channels() == 2 ? StereoImage.of(audio, ltas) : null, dyn, lr, series, DamageReport.of(audio));
    }

    @Override
    public String toString() {
        return "Analysis[" + name + ": " + features + (stereo != null ? ", " + stereo : "") + ", " + dynamics + "]";
    }
}
