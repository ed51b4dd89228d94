package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import mw.processing.Resample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mw match}: a plan with reasons, the figures, batches, and every bad input the command names. */
class MatchCommandTest {
    @TempDir
    Path tmp;

    static AudioBuffer sample(String name, double from, double to) {
        return Audio.read(Path.of("..", "sample-audio", name)).sliceSeconds(from, to);
    }

    Path write(String name, AudioBuffer a) {
        Path p = tmp.resolve(name);
        Audio.write(a, p, SampleFormat.PCM_24);
        return p;
    }

    @Test
    void matchesAndExplainsEveryMove() throws Exception {
        Path mix = write("mix.wav", sample("rock-hedgewars-rock.flac", 0, 6).gainDb(-8));
        Path ref = write("ref.wav", sample("rock-hedgewars-rock.flac", 8, 14));
        Path out = tmp.resolve("out.wav");
        Cli.Result r = Cli.run("match", mix.toString(), "--ref", ref.toString(), "-o", out.toString(), "--report", tmp.resolve("rep").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("tone: ") && r.out().contains("width") && r.out().contains("loudness: ")
                && r.out().contains("spectral distance mid (dB)") && r.out().contains("done mix.wav"), r.out());
        double refLufs = Loudness.of(ref).integratedLufs();
        var l = Loudness.of(out);
        assertEquals(refLufs, l.integratedLufs(), 0.2);
        assertTrue(l.truePeakDbtp() <= -1.0 + 1e-6);
        String html = Files.readString(tmp.resolve("rep").resolve("mix-match.html"));
        assertTrue(html.contains("Moves and reasons") && html.contains("<img"), "report has its tables and charts");
        // A/B/C players: three excerpts of the whole 6 s, each at the same loudness by ffmpeg's meter
        assertEquals(3, html.split("<audio ", -1).length - 1, "three players");
        assertTrue(html.contains("6 s from 0:00.0 of mix.wav"), "the passage is named");
        double first = Double.NaN;
        for (String which : new String[] {"target", "result", "reference"}) {
            Path x = tmp.resolve("rep").resolve("audio").resolve("mix-" + which + ".wav");
            assertTrue(html.contains("audio/mix-" + which + ".wav"), which);
            assertEquals(6.0, (double) Audio.info(x).frames() / Audio.info(x).sampleRate(), 0.01, which);
            double lufs = DeliverCommandTest.ffmpeg(x).integratedLufs();
            if (Double.isNaN(first)) {
                first = lufs;
            }
            assertEquals(first, lufs, 0.25, which + " is loudness-matched to the target excerpt"); // ffmpeg prints 0.1 steps
        }
        // the quietest excerpt (the target's, 8 dB down) is played as is; the others are brought down to it
        assertEquals(Loudness.of(mix).integratedLufs(), first, 0.25);
    }

    @Test
    void jsonOnlyToneAndStrength() throws Exception {
        Path mix = write("mix.wav", sample("acoustic-traveling-minstrels.flac", 0, 5));
        Path ref = write("ref.wav", sample("acoustic-traveling-minstrels.flac", 10, 15));
        Path out = tmp.resolve("out.wav");
        Cli.Result r = Cli.run("match", mix.toString(), "--ref", ref.toString(), "-o", out.toString(), "--json",
                "--only", "tone", "--strength", "50");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode j = new ObjectMapper().readTree(r.out().lines().filter(s -> s.startsWith("{")).findFirst().orElseThrow());
        assertEquals("tone", j.get("settings").get("dimensions").asText());
        assertEquals(0.5, j.get("settings").get("strength").asDouble(), 1e-9);
        assertTrue(j.get("result").get("loudness_reached").asBoolean());
        // loudness off: the result keeps the target's loudness
        assertEquals(Loudness.of(mix).integratedLufs(), Loudness.of(out).integratedLufs(), 0.2);
    }

    @Test
    void folderAgainstOneReferenceContinuesPastABadFile() throws Exception {
        Path album = Files.createDirectories(tmp.resolve("album"));
        Audio.write(sample("rock-hedgewars-rock.flac", 0, 5), album.resolve("01.wav"), SampleFormat.PCM_16);
        Audio.write(sample("electronic-through-space.flac", 0, 5), album.resolve("02.wav"), SampleFormat.PCM_16);
        Files.writeString(album.resolve("03.wav"), "not audio");
        Path ref = write("ref.wav", sample("acoustic-traveling-minstrels.flac", 0, 6));
        Path outDir = tmp.resolve("masters");
        Cli.Result r = Cli.run("match", album.toString(), "--ref", ref.toString(), "-o", outDir.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(Files.exists(outDir.resolve("01-matched.wav")) && Files.exists(outDir.resolve("02-matched.wav")));
        assertFalse(Files.exists(outDir.resolve("03-matched.wav")));
        assertTrue(r.err().contains("03.wav"), r.err());
        assertTrue(r.out().contains("track") && r.out().contains("failed") && r.out().contains("01.wav"), r.out());
    }

    @Test
    void refusesBadInputClearly() throws Exception {
        Path mix = write("mix.wav", sample("rock-hedgewars-rock.flac", 0, 5));
        Path ref = write("ref.wav", sample("rock-hedgewars-rock.flac", 5, 10));
        long size = Files.size(mix);
        Cli.Result r = Cli.run("match", mix.toString(), "--ref", ref.toString(), "-o", mix.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("refusing to overwrite"), r.err());
        assertEquals(size, Files.size(mix));
        r = Cli.run("match", mix.toString(), "--ref", ref.toString(), "-o", ref.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("is a reference"), r.err());
        r = Cli.run("match", mix.toString(), "--ref", mix.toString(), "-o", tmp.resolve("o.wav").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("also given as a reference"), r.err());
        Path silent = write("silent.wav", AudioBuffer.silence(44100, mw.audio.ChannelLayout.defaultFor(2), 44100 * 5));
        r = Cli.run("match", silent.toString(), "--ref", ref.toString(), "-o", tmp.resolve("o.wav").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("silent.wav") && r.err().contains("is silent"), r.err());
        Path shortRef = write("short.wav", sample("rock-hedgewars-rock.flac", 0, 1));
        r = Cli.run("match", mix.toString(), "--ref", shortRef.toString(), "-o", tmp.resolve("o.wav").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("short.wav") && r.err().contains("too short"), r.err());
        r = Cli.run("match", mix.toString(), "--ref", ref.toString(), "-o", tmp.resolve("o.wav").toString(), "--strength", "150");
        assertEquals(2, r.exit());
        r = Cli.run("match", mix.toString(), "--ref", ref.toString(), "-o", tmp.resolve("o.wav").toString(), "--only", "colour");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("accepted: tone, width, loudness, dynamics"), r.err());
        assertFalse(Files.exists(tmp.resolve("o.wav")));
    }

    @Test
    void monoTargetAndAReferenceAtAnotherRate() {
        Path mono = write("mono.wav", sample("acoustic-traveling-minstrels.flac", 0, 5).mono());
        Path ref48 = write("ref48.wav", Resample.to(sample("acoustic-traveling-minstrels.flac", 10, 15), 48000));
        Path out = tmp.resolve("out.wav");
        Cli.Result r = Cli.run("match", mono.toString(), "--ref", ref48.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("the target is mono: width left alone"), r.out());
        assertEquals(1, Audio.info(out).channels());
        assertEquals(44100, Audio.info(out).sampleRate());
    }

    @Test
    void aReferenceLouderThanTheCeilingAllowsExitsThree() {
        Path mix = write("mix.wav", sample("orchestral-heroes-rite.flac", 0, 6).gainDb(-10));
        AudioBuffer hot = sample("rock-hedgewars-rock.flac", 0, 6).gainDb(14);
        double[][] ch = hot.toArrays();
        for (double[] c : ch) {
            for (int i = 0; i < c.length; i++) {
                c[i] = Math.max(-1, Math.min(1, c[i]));
            }
        }
        Path ref = write("hot.wav", AudioBuffer.of(hot.sampleRate(), ch));
        Path out = tmp.resolve("out.wav");
        Cli.Result r = Cli.run("match", mix.toString(), "--ref", ref.toString(), "-o", out.toString(), "--only", "loudness");
        assertEquals(MasterCommand.EXIT_TARGET_MISSED, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("out of reach"), r.out());
        assertTrue(Files.exists(out));
        assertTrue(Loudness.of(out).truePeakDbtp() <= -1.0 + 1e-6);
    }
}
