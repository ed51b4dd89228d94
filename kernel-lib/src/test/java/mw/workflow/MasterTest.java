package mw.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.processing.Chain;
import mw.processing.Gain;
import mw.view.Show;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master workflow against analytic expectations: a 997 Hz stereo sine at -20 dBFS reads -20 LUFS
 * (ITU-R BS.1770-4; EBU Tech 3341 case 1 uses the same property at -23 dBFS), so reaching -14 LUFS takes
 * +6 dB and, with its peaks at -14 dBTP, no limiting.
 */
class MasterTest {
    @TempDir
    Path dir;

    static AudioBuffer sine(double dbfs, double seconds, int fs) {
        double a = Math.pow(10, dbfs / 20);
        double[] x = new double[(int) (seconds * fs)];
        for (int i = 0; i < x.length; i++) {
            x[i] = a * Math.sin(2 * Math.PI * 997 * i / fs);
        }
        return AudioBuffer.of(fs, x, x.clone());
    }

    @Test
    void aLoudnessTargetIsAGainStageAndALimiterWithTheirSettingsAsData() {
        MasterResult m = Master.of(sine(-20, 5, 48_000), Chain.of(), MasterTarget.lufs(-14));
        assertEquals(-20, m.before().integratedLufs(), 0.05);
        assertEquals(-14, m.after().integratedLufs(), 0.1);
        assertTrue(m.reached());
        assertEquals(2, m.stages().size());
        MasterStage gain = m.targetGainStage();
        assertEquals(MasterStage.Role.TARGET_GAIN, gain.role());
        assertEquals("Gain", gain.name());
        assertEquals(6.0, ((Number) gain.parameters().get("gainDb")).doubleValue(), 0.1);
        assertEquals(6.0, m.targetGainDb(), 0.1);
        MasterStage lim = m.finalLimiter();
        assertEquals("Limiter", lim.name());
        assertEquals(-1.0, ((Number) lim.parameters().get("ceilingDbtp")).doubleValue(), 1e-9);
        // peaks at -14 dBTP: the limiter never acts
        assertEquals(0.0, m.limitingDb(), 0.01);
        assertEquals(-14, m.after().truePeakDbtp(), 0.1);
        assertTrue(m.clips().clean());
        String text = Show.text(m);
        assertTrue(text.contains("target -14.0 LUFS under -1.0 dBTP: reached (stage 1 gain +6.0"), text);
        assertTrue(Show.tables(m).keySet().containsAll(java.util.List.of("Master", "Stages", "Target")));
        assertEquals("target gain", Show.jsonNode(m).get("stages").get(0).get("role").asText());
    }

    @Test
    void aTargetOutOfReachSaysWhyAndKeepsTheLimitingWithinTheLimit() {
        // +20 dB on a sine peaking at -20 dBTP needs about 19 dB of limiting at a -1 dBTP ceiling
        MasterResult m = Master.of(sine(-20, 5, 48_000), Chain.of(), MasterTarget.of(0, -1).maxLimitingDb(3));
        assertFalse(m.reached());
        assertTrue(m.reason().contains("limiting"), m.reason());
        assertTrue(m.limitingDb() <= 3.2, "limiting " + m.limitingDb());
        assertTrue(m.after().truePeakDbtp() <= -0.95);
        assertTrue(Show.text(m).contains("NOT reached") && Show.text(m).contains("why:"));
    }

    @Test
    void aCeilingAloneSetsAFinalLimiterAndAFileIsMeasuredAsWritten() {
        Path in = dir.resolve("in.wav");
        Audio.write(sine(-6, 3, 44_100), in, SampleFormat.PCM_24);
        Path out = dir.resolve("out.wav");
        // +6 dB takes the sine to 0 dBFS; the ceiling holds it at -3 dBTP
        MasterResult m = Master.render(in, out, SampleFormat.PCM_16, Chain.of(Gain.db(6)), MasterTarget.ceiling(-3), null);
        assertEquals(out, m.output());
        assertNull(m.audio());
        assertEquals(2, m.stages().size());
        assertEquals(MasterStage.Role.CHAIN, m.stages().get(0).role());
        assertEquals(MasterStage.Role.CEILING_LIMITER, m.stages().get(1).role());
        assertNull(m.targetGainStage());
        assertTrue(m.after().truePeakDbtp() <= -3 + 0.05, "true peak " + m.after().truePeakDbtp());
        // the limiter takes the 3 dB the sine rises above the ceiling
        assertEquals(3.0, m.limitingDb(), 0.3);
        assertEquals(16, Audio.info(out).bitsPerSample());
        assertFalse(Show.text(m).contains("target "), Show.text(m));
    }
}
