package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetsTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripKeepsEveryParameterAndTheSound() {
        Chain c = Chain.of(Eq.highShelf(8000, 1.5), Eq.highPass(30, 24), Compressor.ratio(2).thresholdDb(-18).attackMs(10)
                .releaseMs(120).detector(Compressor.Detector.RMS).sidechainHpfHz(80), Limiter.truePeak(-1.0).releaseMs(80),
                Gain.db(-0.5), DcBlock.create(), Dither.bits(24).noiseShaping(Dither.Shaping.FIRST_ORDER),
                MultibandCompressor.of(new double[] {150, 2500}, Compressor.ratio(3).thresholdDb(-30), Compressor.ratio(1.5),
                        Compressor.ratio(2).lookaheadMs(2)),
                Expander.gate(-70), Saturation.driveDb(3).mix(0.4), FirEq.fromCurve(new double[] {100, 5000}, new double[] {1, -1}).taps(511), Stereo.bandWidths(new double[] {300}, 0.8, 1.2).bassMonoHz(100).balance(0.1));
        Path f = tmp.resolve("p.json");
        Presets.write(c, f);
        Chain back = Presets.read(f);
        assertEquals(c.toString(), back.toString());
        AudioBuffer in = Signals.musicLike(44_100, 0.3, 1, 0);
        assertEquals(c.process(in), back.process(in));
    }

    @Test
    void multibandBandsAreValidatedToo() {
        String head = "{\"format\":\"mastering-workbench-chain\",\"version\":1,\"stages\":[";
        String m = message(head + "{\"type\":\"multiband\",\"crossoversHz\":[200],\"bands\":[{\"ratio\":2},{\"attackMs\":0}]}]}");
        assertTrue(m.contains("bands[1]") && m.contains("attackMs = 0.0") && m.contains("0.01 to 1000.0"), m);
        Chain spec = Presets.parseSpec("stereo:crossoversHz=300/4000,bandWidths=0.8/1/1.3");
        assertEquals(Stereo.bandWidths(new double[] {300, 4000}, 0.8, 1, 1.3).toString(), spec.get(0).toString());
    }

    @Test
    void specMatchesFluentChain() {
        Chain spec = Presets.parseSpec("eq:shape=highShelf,frequencyHz=8000,gainDb=1.5; compressor:ratio=2,thresholdDb=-18,"
                + "attackMs=10,releaseMs=120 | limiter:ceilingDbtp=-1");
        Chain fluent = Chain.of(Eq.highShelf(8000, 1.5), Compressor.ratio(2).thresholdDb(-18).attackMs(10).releaseMs(120),
                Limiter.truePeak(-1.0));
        assertEquals(fluent.toString(), spec.toString());
    }

    static String message(String json) {
        return assertThrows(WorkbenchException.class, () -> Presets.fromJson(json)).getMessage();
    }

    @Test
    void rejectsWithFieldValueAndRange() {
        String head = "{\"format\":\"mastering-workbench-chain\",\"version\":1,\"stages\":[";
        String m = message(head + "{\"type\":\"compressor\",\"ratio\":0.5}]}");
        assertTrue(m.contains("stages[0] (compressor)") && m.contains("ratio = 0.5") && m.contains("1.0 to 100.0"), m);
        m = message(head + "{\"type\":\"reverb\"}]}");
        assertTrue(m.contains("unknown processor type 'reverb'") && m.contains("compressor"), m);
        m = message(head + "{\"type\":\"limiter\",\"ceilingDb\":-1}]}");
        assertTrue(m.contains("unknown parameter ceilingDb") && m.contains("accepted: ceilingDbtp"), m);
        m = message(head + "{\"type\":\"eq\",\"shape\":\"wobble\"}]}");
        assertTrue(m.contains("shape = wobble") && m.contains("highShelf"), m);
        m = message(head + "{\"type\":\"eq\",\"frequencyHz\":\"loud\"}]}");
        assertTrue(m.contains("frequencyHz = loud is not a number"), m);
        m = message("{\"format\":\"mastering-workbench-chain\",\"version\":2,\"stages\":[]}");
        assertTrue(m.contains("version = 2") && m.contains("accepted: 1"), m);
        m = message("{\"format\":\"mastering-workbench-chain\",\"version\":1,\"stages\":[],\"colour\":1}");
        assertTrue(m.contains("unknown field \"colour\""), m);
        m = message("{not json");
        assertTrue(m.contains("not valid JSON"), m);
        m = assertThrows(WorkbenchException.class, () -> Presets.parseSpec("limiter:ceilingDbtp=3")).getMessage();
        assertTrue(m.contains("chain stage 1 (limiter): ceilingDbtp = 3.0 is out of range; accepted: -20.0 to 0.0"), m);
    }

    @Test
    void builtInPresetsLoadAndRun() {
        AudioBuffer in = Signals.musicLike(44_100, 0.5, 2, 0);
        for (String name : Presets.BUILT_IN) {
            Chain c = Presets.builtIn(name);
            AudioBuffer out = c.process(in);
            assertEquals(in.frames(), out.frames());
            assertTrue(c.report().stages().get(c.size() - 1).peakOutDbfs() <= -1.0, name);
        }
        assertTrue(assertThrows(WorkbenchException.class, () -> Presets.builtIn("nope")).getMessage().contains("gentle"));
    }

    @Test
    void readNamesTheFile() throws Exception {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, "{\"format\":\"mastering-workbench-chain\",\"version\":1,\"stages\":[{\"type\":\"gain\",\"gainDb\":99}]}");
        String m = assertThrows(WorkbenchException.class, () -> Presets.read(f)).getMessage();
        assertTrue(m.startsWith(f.toString()) && m.contains("gainDb = 99.0"), m);
    }
}
