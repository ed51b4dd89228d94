package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mw assist}: the documented examples run as printed; JSON shape; bad input. */
class AssistCommandTest {
    @TempDir
    Path dir;

    /** The {@code ./mw} lines of the first sh block of docs/assistant.md, run from the repository root. */
    @Test
    void everyExampleInTheGuideRuns() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "assistant.md"));
        int start = doc.indexOf("```sh\n") + 6;
        String block = doc.substring(start, doc.indexOf("```", start));
        List<String> lines = block.lines().filter(l -> l.startsWith("./mw assist")).toList();
        assertTrue(lines.size() >= 5);
        for (String line : lines) {
            List<String> args = new ArrayList<>();
            for (String a : line.substring("./mw ".length()).split(" ")) {
                // paths in the guide are relative to the repository root; outputs go to a temporary folder
                args.add(a.startsWith("sample-audio/") ? "../" + a : a.startsWith("out/") ? dir.resolve(a.substring(4)).toString() : a);
            }
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), line + "\n" + r.out() + r.err());
        }
        // the platform example reached Spotify's reference
        assertEquals(-14.0, Loudness.of(dir.resolve("orchestral-master.wav")).integratedLufs(), 0.1);
        assertTrue(Files.exists(dir.resolve("orchestral-A.wav")) && Files.exists(dir.resolve("orchestral-C.wav")));
        assertEquals(1 + 4, Files.readAllLines(dir.resolve("my-corrections.tsv")).size());
    }

    @Test
    void jsonHasStylesSettingsConfidenceAndChain() throws Exception {
        Cli.Result r = Cli.run("assist", "../sample-audio/electronic-through-space.flac", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        double sum = 0;
        for (JsonNode p : j.get("styles")) {
            sum += p.asDouble();
        }
        assertEquals(1, sum, 1e-9);
        JsonNode eq = j.get("settings").get("eq_low_db");
        assertTrue(eq.get("low").asDouble() <= eq.get("value").asDouble() && eq.get("value").asDouble() <= eq.get("high").asDouble());
        assertTrue(j.get("confidence").asDouble() >= 0 && j.get("confidence").asDouble() <= 1);
        assertTrue(j.get("chain").size() >= 3);
    }

    @Test
    void badInputIsOneClearErrorAndNothingIsWritten() throws Exception {
        double[] x = new double[2 * 44_100];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.3 * Math.sin(2 * Math.PI * 440 * i / 44_100.0);
        }
        Path shortFile = dir.resolve("short.wav");
        Audio.write(mw.audio.AudioBuffer.of(44_100, x, x), shortFile, SampleFormat.PCM_16);
        Path out = dir.resolve("never.wav");
        Cli.Result r = Cli.run("assist", shortFile.toString(), "-o", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("short.wav") && r.err().contains("at least"), r.err());
        assertTrue(!Files.exists(out));
        r = Cli.run("assist", shortFile.toString(), "--model", dir.resolve("missing.json").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("missing.json") && r.err().contains("does not exist"), r.err());
    }
}
