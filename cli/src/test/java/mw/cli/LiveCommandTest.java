package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveCommandTest {
    /** Every {@code ./mw live} example of docs/live.md runs as printed (from the repository's root). */
    @Test
    void docsExamplesRun(@TempDir Path tmp) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "live.md"));
        int ran = 0;
        for (String l : lines) {
            if (!l.startsWith("./mw live ")) {
                continue;
            }
            List<String> args = new ArrayList<>();
            for (String t : split(l.substring("./mw ".length()))) {
                args.add(t.startsWith("sample-audio/") || t.startsWith("docs/") ? Path.of("..", t).toString()
                        : t.startsWith("out/") ? tmp.resolve(t.substring(4)).toString() : t);
            }
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), l + "\n" + r.err() + r.out());
            assertTrue(r.out().contains("latency: look-ahead"), r.out());
            ran++;
        }
        assertTrue(ran >= 2, "examples found: " + ran);
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    @Test
    void rendersASessionAndReportsEachState(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("game.wav");
        Audio.write(Cli.sine(-12, 8, 48_000), in, SampleFormat.FLOAT_32);
        Path out = tmp.resolve("out.wav");
        Cli.Result r = Cli.run("live", in.toString(), "--states", Path.of("..", "docs", "examples", "game-presets.json").toString(),
                "--timeline", "0:exploration,3:combat/500ms", "-o", out.toString(), "--block", "128");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Exploration_Natural -> Combat_Aggressive over 0.500 s linear"), r.out());
        assertTrue(r.out().contains("blocks of 128 frames"), r.out());
        AudioBuffer o = Audio.read(out);
        assertEquals(8 * 48_000, o.frames());
        // the limiter's ceiling of the last state holds (true peak measured by the loudness meter)
        assertTrue(Loudness.of(o.sliceSeconds(4, 8)).truePeakDbtp() <= -0.5 + 0.05, r.out());
    }

    @Test
    void badInputGivesOneClearMessage(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("game.wav");
        Audio.write(Cli.sine(-12, 2, 48_000), in, SampleFormat.FLOAT_32);
        String states = Path.of("..", "docs", "examples", "game-presets.json").toString();
        Cli.Result r = Cli.run("live", in.toString(), "--states", states, "--timeline", "0:exploration,5:combat", "-o",
                tmp.resolve("o.wav").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("beyond the end of game.wav"), r.err());
        assertTrue(Files.notExists(tmp.resolve("o.wav")));
        r = Cli.run("live", in.toString(), "--states", states, "--timeline", "0:exploration,1:dragon", "-o", tmp.resolve("o.wav").toString());
        assertTrue(r.err().contains("unknown state dragon"), r.err());
        r = Cli.run("live", in.toString(), "--states", states, "--timeline", "0:exploration", "-o", in.toString());
        assertTrue(r.err().contains("refusing to overwrite"), r.err());
        r = Cli.run("live", in.toString(), "--states", states, "--timeline", "0:exploration", "-o", tmp.resolve("o.wav").toString(),
                "--block", "8");
        assertTrue(r.err().contains("--block 8 is out of range"), r.err());
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "[{\"presetName\": \"X\", \"limiterCeiling\": 3}]");
        r = Cli.run("live", in.toString(), "--states", bad.toString(), "--timeline", "0:x", "-o", tmp.resolve("o.wav").toString());
        assertTrue(r.err().contains("bad.json") && r.err().contains("limiterCeiling = 3") && r.err().contains("-20 to 0"), r.err());
        if (!mw.live.LivePlayer.available(48_000, 2)) {
            r = Cli.run("live", in.toString(), "--states", states, "--timeline", "0:exploration", "--play");
            assertEquals(Main.EXIT_BAD_INPUT, r.exit());
            assertTrue(r.err().contains("no audio output device"), r.err());
        }
    }
}
