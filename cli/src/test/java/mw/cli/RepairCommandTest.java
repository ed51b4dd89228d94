package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mw repair}: the example of docs/repair.md as printed, and bad input. */
class RepairCommandTest {
    @TempDir
    Path tmp;

    @Test
    void docsExampleRebuildsClippedRunsAndKeepsPeaksUnderTheCeiling() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "repair.md"));
        String make = "ffmpeg -v error -y -i sample-audio/acoustic-traveling-minstrels.flac -t 6 -af volume=4 -c:a pcm_s16le clipped.wav";
        assertTrue(doc.contains(make) && doc.contains("./mw repair clipped.wav -o fixed.wav --declip"), "docs/repair.md example changed");
        Path clipped = tmp.resolve("clipped.wav");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i",
                Path.of("..", "sample-audio", "acoustic-traveling-minstrels.flac").toString(),
                "-t", "6", "-af", "volume=4", "-c:a", "pcm_s16le", clipped.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "ffmpeg failed");
        Path fixed = tmp.resolve("fixed.wav");
        Cli.Result r = Cli.run("repair", clipped.toString(), "-o", fixed.toString(), "--declip");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("clipped runs rebuilt"), r.out());
        assertTrue(r.out().contains("lowered by"), r.out());
        AudioBuffer out = Audio.read(fixed);
        assertTrue(20 * Math.log10(out.peak()) <= -0.09, "peak " + out.peak());
    }

    @Test
    void musicWithoutANoiseOnlyStretchAsksForAnExcerpt() {
        Path out = tmp.resolve("x.wav");
        Cli.Result r = Cli.run("repair", Path.of("..", "sample-audio", "rock-hedgewars-rock.flac").toString(), "-o", out.toString(),
                "--denoise");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("no noise-only stretch") && r.err().contains("--noise-from"), r.err());
        assertFalse(Files.exists(out));
        Cli.Result bad = Cli.run("repair", "nothing.wav", "-o", out.toString(), "--declick-sensitivity", "40");
        assertEquals(Main.EXIT_BAD_INPUT, bad.exit());
        assertTrue(bad.err().contains("--declick-sensitivity"), bad.err());
        Cli.Result method = Cli.run("repair", "nothing.wav", "-o", out.toString(), "--declip", "--declip-method", "magic");
        assertEquals(Main.EXIT_BAD_INPUT, method.exit());
        assertTrue(method.err().contains("--declip-method magic") && method.err().contains("spade, ar"), method.err());
    }
}
