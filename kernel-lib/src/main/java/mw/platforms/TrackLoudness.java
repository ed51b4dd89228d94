package mw.platforms;

import mw.loudness.LoudnessReport;

/**
 * The figures the outcome rules need about one master: its name, integrated loudness, true peak and
 * length. The rules are pure functions of these numbers, so they can be tried on constructed cases.
 *
 * @param track           a name for the track (usually its file name)
 * @param integratedLufs  integrated loudness per ITU-R BS.1770-4 (LUFS); NaN when undefined (silence)
 * @param truePeakDbtp    maximum true peak (dBTP)
 * @param durationSeconds length in seconds (weights the album loudness); NaN when unknown
 */
public record TrackLoudness(String track, double integratedLufs, double truePeakDbtp, double durationSeconds) {

    /** Figures without a known length (album loudness then weights tracks equally). */
    public static TrackLoudness of(String track, double integratedLufs, double truePeakDbtp) {
        return new TrackLoudness(track, integratedLufs, truePeakDbtp, Double.NaN);
    }

    /** Figures from a loudness report. */
    public static TrackLoudness of(String track, LoudnessReport report) {
        return new TrackLoudness(track, report.integratedLufs(), report.truePeakDbtp(), report.durationSeconds());
    }
}
