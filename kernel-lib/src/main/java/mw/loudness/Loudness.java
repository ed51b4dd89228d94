package mw.loudness;

import java.nio.file.Path;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.io.AudioReader;

/**
 * One call for a loudness report per ITU-R BS.1770-4 / EBU R 128: integrated loudness, loudness range,
 * maximum momentary and short-term loudness, true peak, sample peak and PLR.
 *
 * <pre>{@code
 * LoudnessReport r = Loudness.of(Audio.read("mix.flac"));
 * LoudnessReport big = Loudness.of(Path.of("long-programme.wav"));   // streamed, bounded memory
 * LoudnessSeries s = Loudness.series(mix, 100);                       // M, S and running I every 100 ms, for a chart
 * }</pre>
 *
 * See {@link LoudnessMeter} for the streaming meter behind these calls.
 */
public final class Loudness {
    private Loudness() {
    }

    /** The full loudness report of a buffer. */
    public static LoudnessReport of(AudioBuffer audio) {
        return meter(audio, 0).report();
    }

    /** The full loudness report of a file, streamed in bounded memory. */
    public static LoudnessReport of(Path file) {
        return meter(file, 0).report();
    }

    /**
     * Album loudness of several files played in order: integrated loudness and LRA gate the blocks of all
     * tracks together; maxima and peaks are the largest of any track. See {@link LoudnessMeter#album(java.util.List)}.
     */
    public static LoudnessReport album(java.util.List<Path> files) {
        java.util.List<LoudnessMeter> meters = new java.util.ArrayList<>();
        for (Path f : files) {
            meters.add(meter(f, 0));
        }
        return LoudnessMeter.album(meters);
    }

    /**
     * Momentary, short-term and running integrated loudness of a buffer every {@code hopMs} milliseconds
     * (see {@link LoudnessSeries}).
     */
    public static LoudnessSeries series(AudioBuffer audio, int hopMs) {
        return meter(audio, hopMs).series();
    }

    /**
     * A meter that has measured the whole buffer, recording the series every {@code hopMs} ms
     * ({@code 0}: no series): ask it for the report, the series, or single readings.
     */
    public static LoudnessMeter meter(AudioBuffer audio, int hopMs) {
        LoudnessMeter m = new LoudnessMeter(audio.sampleRate(), audio.layout());
        if (hopMs > 0) {
            m.recordSeries(hopMs);
        }
        m.add(audio);
        return m;
    }

    /**
     * A meter that has measured a whole file block by block (memory does not grow with the length,
     * apart from the series when {@code hopMs > 0}).
     *
     * @throws WorkbenchException naming the file if it cannot be read, holds no audio or holds NaN/infinite samples
     */
    public static LoudnessMeter meter(Path file, int hopMs) {
        try (AudioReader r = Audio.open(file)) {
            AudioFileInfo info = r.info();
            LoudnessMeter m = new LoudnessMeter(info.sampleRate(), info.layout());
            if (hopMs > 0) {
                m.recordSeries(hopMs);
            }
            double[][] block = new double[info.channels()][Audio.BLOCK];
            int n;
            while ((n = r.read(block, Audio.BLOCK)) >= 0) {
                m.add(block, 0, n);
            }
            if (m.frames() == 0) {
                throw new WorkbenchException(file, "contains no audio (0 sample frames)");
            }
            return m;
        } catch (WorkbenchException e) {
            if (e.file() == null) {
                throw new WorkbenchException(file, e.getMessage(), e);
            }
            throw e;
        }
    }
}
