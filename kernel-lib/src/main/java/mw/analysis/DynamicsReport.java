package mw.analysis;

/**
 * Dynamics of a programme. Loudness figures come from {@code mw.loudness.Loudness} (ITU-R BS.1770-4,
 * EBU Tech 3342) and are NaN when it is not available; {@link #notes()} then says so.
 *
 * @param crestFactorDb        highest sample peak over the RMS of all channels, whole programme, dB
 * @param drScore              the "DR" value of the Dynamic Range Meter algorithm (see {@link DynamicsMeter#drPerChannelDb})
 * @param drPerChannelDb       unrounded DR of each channel, dB
 * @param plrDb                peak-to-loudness ratio: true peak (dBTP) minus integrated loudness (LUFS)
 * @param psrDb                peak-to-short-term-loudness ratio at the loudest moment: true peak minus the maximum
 *                             short-term loudness
 * @param loudnessRangeLu      EBU Tech 3342 loudness range
 * @param integratedLufs       integrated loudness
 * @param truePeakDbtp         true peak
 * @param windowSeconds        length of the crest-factor windows
 * @param windowTimesSeconds   start of each window
 * @param crestPerWindowDb     crest factor of each window (NaN for silent windows)
 * @param shortTermLufs        short-term loudness series when one was given, else empty
 * @param shortTermHistogram   histogram of {@code shortTermLufs} in 1 LU bins (empty when no series)
 * @param notes                remarks, e.g. why loudness figures are missing; empty when none
 */
public record DynamicsReport(double crestFactorDb, int drScore, double[] drPerChannelDb, double plrDb, double psrDb,
                             double loudnessRangeLu, double integratedLufs, double truePeakDbtp, double windowSeconds,
                             double[] windowTimesSeconds, double[] crestPerWindowDb, double[] shortTermLufs,
                             LevelHistogram shortTermHistogram, String notes) {

    /** The scalar figures. */
    public Summary summary() {
        return new Summary(drScore, crestFactorDb, plrDb, psrDb, loudnessRangeLu, integratedLufs, truePeakDbtp, notes);
    }

    /** The scalar figures of a {@link DynamicsReport}. */
    public record Summary(int drScore, double crestFactorDb, double plrDb, double psrDb, double loudnessRangeLu,
                          double integratedLufs, double truePeakDbtp, String notes) {
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "DynamicsReport[DR%d, crest %.1f dB, PLR %.1f dB, PSR %.1f dB, LRA %.1f LU%s]",
                drScore, crestFactorDb, plrDb, psrDb, loudnessRangeLu, notes.isEmpty() ? "" : "; " + notes);
    }
}
