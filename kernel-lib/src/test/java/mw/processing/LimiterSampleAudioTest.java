package mw.processing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import mw.ExternalTools;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every sample-audio track, its sample peak raised to +8 dBFS, into a -1 dBTP limiter: the true peak of the output, read by
 * the project's BS.1770 meter and by ffmpeg's ebur128 filter on the written file, is at or under the
 * ceiling.
 */
class LimiterSampleAudioTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"acoustic-traveling-minstrels.flac", "electronic-through-space.flac",
        "orchestral-heroes-rite.flac", "quiet-dynamic-nunc-dimittis.flac", "rock-hedgewars-rock.flac"})
    void truePeakAtOrUnderCeilingWhenDrivenHard(String name) {
        ExternalTools.require("ffmpeg");
        AudioBuffer raw = Audio.read(LoudnessTargetTest.sample(name));
        AudioBuffer in = raw.gainDb(8 - 20 * Math.log10(raw.peak())); // sample peak at +8 dBFS
        Limiter lim = Limiter.truePeak(-1.0);
        AudioBuffer out = lim.process(in);
        assertTrue(lim.gainReductionStats().maxDb() > 3, "the limiter works: " + lim.gainReductionStats());
        double meter = Loudness.of(out).truePeakDbtp();
        assertTrue(meter <= -1.0, name + ": meter true peak " + meter);
        Path f = tmp.resolve(name + ".wav");
        Audio.write(out, f, SampleFormat.FLOAT_32);
        double ff = LoudnessTargetTest.ffmpegEbur128(f)[1];
        assertTrue(ff <= -1.0, name + ": ffmpeg true peak " + ff);
    }
}
