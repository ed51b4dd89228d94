package mw.analysis;

import mw.audio.AudioBuffer;
import mw.loudness.Loudness;
import mw.loudness.LoudnessReport;

/**
 * Everything the workbench measures about one programme, in one call: features of the mono mix,
 * the long-term spectrum of every signal, stereo image (for two channels), dynamics and loudness.
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
 * @param loudness     loudness report, or null when the loudness meter is unavailable
 */
public record Analysis(String name, int sampleRate, int channels, double durationSeconds, FeatureSet features,
                       Ltas ltas, Spectrogram spectrogram, StereoReport stereo, DynamicsReport dynamics,
                       LoudnessReport loudness) {

    /** Analyses a buffer. */
    public static Analysis of(String name, AudioBuffer audio) {
        Signals.requireFinite(audio, name);
        LoudnessReport lr = null;
        String note = "";
        try {
            lr = Loudness.of(audio);
        } catch (UnsupportedOperationException e) {
            note = "loudness figures unavailable: " + e.getMessage();
        }
        DynamicsReport dyn = lr != null ? Dynamics.of(audio, lr, new double[0]) : Dynamics.of(audio, null, new double[0]);
        if (lr == null) {
            dyn = new DynamicsReport(dyn.crestFactorDb(), dyn.drScore(), dyn.drPerChannelDb(), dyn.plrDb(), dyn.psrDb(),
                    dyn.loudnessRangeLu(), dyn.integratedLufs(), dyn.truePeakDbtp(), dyn.windowSeconds(),
                    dyn.windowTimesSeconds(), dyn.crestPerWindowDb(), dyn.shortTermLufs(), dyn.shortTermHistogram(), note);
        }
        Ltas ltas = Spectrum.ltas(audio);
        return new Analysis(name, audio.sampleRate(), audio.channels(), audio.durationSeconds(), Features.of(audio),
                ltas, Spectrum.spectrogram(audio, Signals.MIX),
                audio.channels() == 2 ? Stereo.of(audio, ltas) : null, dyn, lr);
    }

    @Override
    public String toString() {
        return "Analysis[" + name + ": " + features + (stereo != null ? ", " + stereo : "") + ", " + dynamics + "]";
    }
}
