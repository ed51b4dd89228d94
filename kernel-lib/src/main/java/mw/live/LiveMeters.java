package mw.live;

import java.util.Locale;

/**
 * A consistent reading of the live engine's meters and state, taken at the end of one block.
 *
 * @param frames                    frames processed so far
 * @param momentaryLufs             momentary loudness of the output (ITU-R BS.1770, last 400 ms, updated every
 *                                  10 ms); NaN during the first 400 ms
 * @param compressorReductionDb     the compressor's gain reduction at the last sample, positive dB
 * @param limiterReductionDb        the limiter's gain reduction at the last sample, positive dB
 * @param truePeakDbtp              largest true peak of the output so far (4x oversampled, BS.1770 Annex 2), dBTP
 * @param state                     the state the engine is in, or is moving to
 * @param progress                  share of the running transition done, 0 to 1 (1 when settled)
 */
public record LiveMeters(long frames, double momentaryLufs, double compressorReductionDb, double limiterReductionDb,
        double truePeakDbtp, String state, double progress) {
    /** Total gain reduction of compressor and limiter, positive dB. */
    public double gainReductionDb() {
        return compressorReductionDb + limiterReductionDb;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LiveMeters[%s%s, M %.1f LUFS, GR %.1f dB (comp %.1f, lim %.1f), TP %.1f dBTP]",
                state, progress < 1 ? String.format(Locale.ROOT, " (%.0f%%)", 100 * progress) : "", momentaryLufs,
                gainReductionDb(), compressorReductionDb, limiterReductionDb, truePeakDbtp);
    }
}
