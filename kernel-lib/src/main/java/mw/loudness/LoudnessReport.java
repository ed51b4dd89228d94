package mw.loudness;

/**
 * The loudness figures of one programme, per ITU-R BS.1770-4 and EBU R 128 / Tech 3341 / Tech 3342.
 * A figure that does not exist (for example the integrated loudness of silence, which every block
 * fails the absolute gate) is {@link Double#NaN}; {@link #notes()} says why.
 *
 * @param sampleRate        Hz
 * @param channels          channel count
 * @param durationSeconds   programme length
 * @param integratedLufs    gated integrated loudness (LUFS)
 * @param loudnessRangeLu   EBU Tech 3342 loudness range (LU)
 * @param momentaryMaxLufs  maximum momentary (400 ms) loudness (LUFS)
 * @param shortTermMaxLufs  maximum short-term (3 s) loudness (LUFS)
 * @param truePeakDbtp      maximum true peak over all channels (dBTP)
 * @param samplePeakDbfs    maximum sample peak over all channels (dBFS)
 * @param plrDb             peak-to-loudness ratio: true peak minus integrated loudness (dB)
 * @param notes             why a figure is missing, or other remarks; empty when none
 */
public record LoudnessReport(int sampleRate, int channels, double durationSeconds, double integratedLufs,
                             double loudnessRangeLu, double momentaryMaxLufs, double shortTermMaxLufs,
                             double truePeakDbtp, double samplePeakDbfs, double plrDb, String notes) {
}
