package mw.workflow;

import java.nio.file.Path;
import java.util.List;
import mw.analysis.DynamicsReport;
import mw.analysis.FeatureSet;
import mw.analysis.Ltas;
import mw.analysis.StereoReport;
import mw.io.AudioFileInfo;
import mw.loudness.LoudnessReport;
import mw.loudness.LoudnessSeries;
import mw.loudness.TruePeakSeries;
import mw.platforms.QcReport;

/**
 * What a {@link Study} measured on one track. The analyses after loudness are null when they could not be
 * computed ({@code notes} says why); what the platforms do to the track is in {@link StudyResult#outcomes}.
 *
 * @param number              position among the analysed tracks, from 1
 * @param file                the file
 * @param info                what the file says: container, codec, rate, bits, channels
 * @param loudness            loudness and true peak (ITU-R BS.1770-4 / EBU R 128)
 * @param loudnessSeries      momentary, short-term and running integrated loudness every 100 ms (null when not computed)
 * @param truePeaks           true peak every 100 ms (for the timeline of overs)
 * @param dynamics            crest factor, DR, PLR, PSR (null when not computed)
 * @param features            spectral features of the mono mix (null when not computed)
 * @param stereo              stereo image (null for other than two channels, or when not computed)
 * @param ltas                long-term average spectrum of every signal (null when not computed)
 * @param tonalBalanceHz      centres of the one-third-octave bands of {@code tonalBalanceDb}
 * @param tonalBalanceDb      one-third-octave band levels of the mid (or mono) signal relative to the integrated
 *                            loudness (dB; empty when not computed)
 * @param qc                  delivery quality control (music limits, the settings' true-peak ceiling)
 * @param excerptStartSeconds where the listening excerpt starts: around the loudest short-term reading
 * @param notes               remarks: why an analysis is missing, what the meter noticed
 */
public record StudyTrack(int number, Path file, AudioFileInfo info, LoudnessReport loudness, LoudnessSeries loudnessSeries,
                         TruePeakSeries truePeaks, DynamicsReport dynamics, FeatureSet features, StereoReport stereo,
                         Ltas ltas, double[] tonalBalanceHz, double[] tonalBalanceDb, QcReport qc,
                         double excerptStartSeconds, List<String> notes) {
    public StudyTrack {
        notes = List.copyOf(notes);
    }

    /** The file name, which names the track in the outcomes and the report. */
    public String name() {
        return file.getFileName().toString();
    }

    /** Whether the full analysis ran (not only loudness). */
    public boolean analysed() {
        return dynamics != null;
    }

    @Override
    public String toString() {
        return "StudyTrack[" + number + " " + name() + ": " + LoudnessReport.format(loudness.integratedLufs()) + " LUFS, "
                + LoudnessReport.format(loudness.truePeakDbtp()) + " dBTP, QC " + qc.result() + "]";
    }
}
