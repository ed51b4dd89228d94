package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainTest {
    @TempDir
    Path tmp;

    static Chain mastering() {
        return Chain.of(Eq.highShelf(8000, 1.5), Compressor.ratio(2).thresholdDb(-18).attackMs(10).releaseMs(120).lookaheadMs(3),
                Limiter.truePeak(-1.0));
    }

    @Test
    void neutralChainIsBitTransparent() {
        AudioBuffer in = Signals.musicLike(44_100, 0.5, 4, -12);
        Chain neutral = Chain.of(Gain.db(0), Eq.peak(1000, 0, 1), Eq.lowShelf(100, 0), Compressor.ratio(1).thresholdDb(0),
                Compressor.ratio(4).thresholdDb(-30).mix(0).lookaheadMs(2), Limiter.truePeak(0));
        assertEquals(in, neutral.process(in));
    }

    @Test
    void blockAndWholeRendersAreIdenticalWithLatencyCompensated() {
        AudioBuffer in = Signals.musicLike(48_000, 1.0, 8, 3);
        Chain c = mastering();
        AudioBuffer whole = c.process(in);
        assertEquals(whole, Signals.renderInBlocks(c, in, 1, 64, 4096, 999, 2));
        assertEquals(whole, Signals.renderInBlocks(mastering(), in, 8192));
        // latency is the sum of the stages' latencies
        c.prepare(48_000, 512, 2);
        assertEquals(c.get(1).latencySamples() + c.get(2).latencySamples(), c.latencySamples());
        // an impulse comes out where it went in
        double[] x = new double[4800];
        x[1000] = 0.25;
        double[] y = Chain.of(Compressor.ratio(1).lookaheadMs(5), Limiter.truePeak(-1)).process(AudioBuffer.of(48_000, x)).channel(0);
        assertEquals(0.25, y[1000], 1e-15);
    }

    @Test
    void everyProcessorRendersTheSameInBlocksAsWhole() {
        AudioBuffer in = Signals.musicLike(44_100, 0.4, 12, 0);
        Processor[] all = {Gain.db(-3), Eq.notch(1000, 3), Compressor.ratio(3).detector(Compressor.Detector.RMS),
            Limiter.truePeak(-2), MultibandCompressor.threeBand(200, 5000), Expander.gate(-30), Stereo.width(1.3),
            Saturation.driveDb(6), FirEq.fromCurve(new double[] {100, 8000}, new double[] {2, -2}).taps(511),
            DcBlock.create(), Dither.bits(16).noiseShaping(Dither.Shaping.SECOND_ORDER), Presets.builtIn("streaming-loud")};
        for (Processor p : all) {
            assertEquals(p.process(in), Signals.renderInBlocks(p, in, 1, 129, 4096, 1000), p.toString());
        }
    }

    @Test
    void reportsPeaksAndGainReductionPerStage() {
        Chain c = mastering();
        c.process(Signals.musicLike(44_100, 1.0, 5, 6));
        ChainReport r = c.report();
        assertEquals(3, r.stages().size());
        assertNull(r.stages().get(0).gainReduction());
        assertNotNull(r.stages().get(1).gainReduction());
        assertTrue(r.stages().get(2).gainReduction().maxDb() > 1, r.toString());
        assertTrue(r.stages().get(2).peakOutDbfs() <= -1.0, r.toString());
        assertTrue(r.inputPeakDbfs() > 0, r.toString());
        assertTrue(c.toString().contains("1. Eq[highShelf") && c.toString().contains("3. Limiter[ceilingDbtp=-1.00"), c.toString());
    }

    @Test
    void streamsAFileLikeTheBufferRender() {
        AudioBuffer in = Signals.musicLike(44_100, 2.0, 6, 0);
        Path src = tmp.resolve("in.wav");
        Audio.write(in, src, SampleFormat.FLOAT_32);
        AudioBuffer read = Audio.read(src);
        Chain c = mastering();
        AudioBuffer expected = c.process(read);
        Path out = tmp.resolve("out.wav");
        long[] progress = {0};
        ChainReport rep = c.render(src, out, SampleFormat.FLOAT_32, d -> progress[0] = d);
        assertEquals(read.frames(), progress[0]);
        AudioBuffer got = Audio.read(out);
        assertEquals(read.frames(), got.frames());
        for (int ch = 0; ch < 2; ch++) {
            for (int i = 0; i < got.frames(); i++) {
                assertEquals((float) expected.sample(ch, i), got.sample(ch, i), 0.0, "frame " + i);
            }
        }
        assertEquals(3, rep.stages().size());
        // the input is never overwritten
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> c.render(src, src, SampleFormat.PCM_16, null));
        assertTrue(e.getMessage().contains("input"), e.getMessage());
        assertTrue(Files.exists(src));
    }

    @Test
    void truncatedInputIsReportedNotPadded() throws Exception {
        Path src = tmp.resolve("cut.wav");
        Audio.write(Signals.musicLike(44_100, 1.0, 2, -6), src, SampleFormat.FLOAT_32);
        byte[] all = Files.readAllBytes(src);
        Files.write(src, java.util.Arrays.copyOf(all, all.length - 40_000));
        Path out = tmp.resolve("cut-out.wav");
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> mastering().render(src, out, SampleFormat.PCM_16, null));
        assertTrue(e.getMessage().contains(src.toString()), e.getMessage());
        assertTrue(!Files.exists(out), "nothing half-written");
    }

    @Test
    void rejectsNonFiniteInput() {
        double[] x = new double[100];
        x[50] = Double.NaN;
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> mastering().process(AudioBuffer.of(44_100, x)));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
