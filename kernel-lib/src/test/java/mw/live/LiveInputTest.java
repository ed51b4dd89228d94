package mw.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveInputTest {
    /** The source's preset layout is read as is: fields map one to one, missing ones take the source's defaults. */
    @Test
    void readsTheSourcePresetLayoutAsIs() {
        LiveStates s = LiveStates.parse("""
                [{"presetName": "Combat_Aggressive", "compressionThreshold": -15, "compressionRatio": 4,
                  "limiterCeiling": -0.5, "eqLowGain": 2, "eqMidGain": 1, "eqHighGain": 3, "stereoWidth": 1.2},
                 {"presetName": "Menu"}]
                """);
        LiveState c = s.get("combat");
        assertEquals("Combat_Aggressive", c.name());
        assertEquals(-15, c.value("compressor.thresholdDb"));
        assertEquals(4, c.value("compressor.ratio"));
        assertEquals(-0.5, c.value("limiter.ceilingDbtp"));
        assertEquals(2, c.value("eq.lowGainDb"));
        assertEquals(1, c.value("eq.midGainDb"));
        assertEquals(3, c.value("eq.highGainDb"));
        assertEquals(1.2, c.value("stereo.width"));
        LiveState m = s.get("MENU");
        assertEquals(-18, m.value("compressionThreshold"));
        assertEquals(3, m.value("compressionRatio"));
        assertEquals(-1, m.value("limiterCeiling"));
        assertEquals(1, m.value("stereoWidth"));
        assertEquals(LiveTransition.DEFAULT, s.transition("menu", "combat"));
    }

    @Test
    void readsTransitionsAndPairOverrides() {
        LiveStates s = LiveStates.parse("""
                {"states": [{"presetName": "Menu"}, {"presetName": "Combat_Aggressive"}, {"presetName": "Boss"}],
                 "defaultTransition": {"seconds": 1.5, "curve": "scurve"},
                 "transitions": [{"from": "menu", "to": "combat", "seconds": 0.5, "curve": "exp"},
                                 {"from": "*", "to": "boss", "seconds": 0.25}]}
                """);
        assertEquals(new LiveTransition(0.5, TransitionCurve.EXP), s.transition("Menu", "Combat_Aggressive"));
        assertEquals(new LiveTransition(1.5, TransitionCurve.S_CURVE), s.transition("combat", "menu"));
        assertEquals(new LiveTransition(0.25, TransitionCurve.LINEAR), s.transition("menu", "boss"));
    }

    @Test
    void rejectsBadStatesWithFieldValueAndRange(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("states.json");
        Files.writeString(f, "[{\"presetName\": \"Combat\", \"compressionRatio\": 40}]");
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> LiveStates.read(f));
        assertTrue(e.getMessage().contains("states.json") && e.getMessage().contains("compressionRatio = 40")
                && e.getMessage().contains("accepted: 1 to 20"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> LiveStates.parse("[{\"presetName\": \"A\", \"eqLowGian\": 1}]"));
        assertTrue(e.getMessage().contains("unknown field eqLowGian") && e.getMessage().contains("eqLowGain"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> LiveStates.parse("[{\"presetName\": \"A\", \"stereoWidth\": \"wide\"}]"));
        assertTrue(e.getMessage().contains("stereoWidth"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> LiveStates.parse("[{\"presetName\": \"A\"}, {\"presetName\": \"a\"}]"));
        assertTrue(e.getMessage().contains("used twice"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> LiveStates.parse("[{\"presetName\": \"A\"},"));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> LiveStates.read(dir.resolve("missing.json")));
        assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> LiveStates.parse(
                "{\"states\": [{\"presetName\": \"A\"}], \"defaultTransition\": {\"seconds\": 0}}"));
        assertTrue(e.getMessage().contains("defaultTransition") && e.getMessage().contains("more than 0"), e.getMessage());
    }

    @Test
    void rejectsBadTimelines() {
        LiveStates s = LiveSignals.contrasting();
        AudioBuffer in = LiveSignals.sine(440, 0.1, 2);
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> LiveSession.render(in, s, LiveTimeline.parse("0:calm,1:dragon"), 128, "game.wav"));
        assertTrue(e.getMessage().contains("unknown state dragon") && e.getMessage().contains("Calm_Dark, Boss_Bright"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> LiveTimeline.parse("0:calm,1:boss,0.5:calm"));
        assertTrue(e.getMessage().contains("out of order"), e.getMessage());
        e = assertThrows(WorkbenchException.class,
                () -> LiveSession.render(in, s, LiveTimeline.parse("0:calm,5:boss"), 128, "game.wav"));
        assertTrue(e.getMessage().contains("beyond the end of game.wav"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> LiveTimeline.parse("0:calm,1:boss/0s"));
        assertTrue(e.getMessage().contains("more than 0"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> LiveTimeline.parse("0:calm,1:boss/-2s"));
        assertTrue(e.getMessage().contains("more than 0"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> LiveTimeline.parse("0:calm,1:boss/2s/wobble"));
        assertTrue(e.getMessage().contains("wobble") && e.getMessage().contains("scurve"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> LiveTimeline.parse("soon:calm"));
        assertTrue(e.getMessage().contains("not a time"), e.getMessage());
        LiveEngine engine = new LiveEngine(s, "calm", 48_000, 2, 64);
        e = assertThrows(WorkbenchException.class, () -> engine.transitionTo("dragon"));
        assertTrue(e.getMessage().contains("unknown state dragon"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> engine.transitionTo("boss", -1, TransitionCurve.LINEAR));
        assertTrue(e.getMessage().contains("more than 0"), e.getMessage());
    }

    @Test
    void parsesTimelines() {
        LiveTimeline t = LiveTimeline.parse("0:menu,12:exploration,30:combat/2s,55:boss/500ms/scurve");
        assertEquals(4, t.cues().size());
        assertEquals(null, t.cues().get(1).transition());
        assertEquals(new LiveTransition(2, TransitionCurve.LINEAR), t.cues().get(2).transition());
        assertEquals(new LiveTransition(0.5, TransitionCurve.S_CURVE), t.cues().get(3).transition());
        assertEquals(55, t.cues().get(3).atSeconds());
    }

    @Test
    void reportsAndMeasuresTheLatency() {
        LiveStates s = LiveSignals.contrasting();
        LiveRender r = LiveSession.render(LiveSignals.sine(440, 0.1, 1), s, LiveTimeline.parse("0:calm"), 256);
        // the limiter's look-ahead of 1.5 ms is 72 frames at 48 kHz, plus its guard stage
        assertTrue(r.lookaheadFrames() >= 72, "reported " + r.lookaheadFrames());
        assertEquals(r.lookaheadFrames(), r.measuredLookaheadFrames());
        assertEquals(256 + r.lookaheadFrames(), new LiveEngine(s, "calm", 48_000, 2, 256).latencyFrames(256));
    }
}
