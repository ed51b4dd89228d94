package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterCommandTest {
    @TempDir
    Path tmp;

    static Cli.Result run(String... args) {
        return Cli.run(args);
    }

    Path input() {
        int fs = 44_100;
        double[][] x = new double[2][fs * 6];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 0; i < x[0].length; i++) {
            double t = (double) i / fs;
            double s = 0.3 * Math.sin(2 * Math.PI * 220 * t) + 0.2 * Math.sin(2 * Math.PI * 3000 * t)
                    + 0.3 * Math.exp(-(t % 0.5) * 20) * Math.sin(2 * Math.PI * 60 * t) + 0.02 * rng.nextDouble(-1, 1);
            x[0][i] = s;
            x[1][i] = 0.9 * s;
        }
        Path p = tmp.resolve("mix.wav");
        Audio.write(AudioBuffer.of(fs, x), p, SampleFormat.PCM_24);
        return p;
    }

    @Test
    void mastersToATargetAndReports() {
        Path in = input();
        Path out = tmp.resolve("master.wav");
        Cli.Result r = run("master", in.toString(), "-o", out.toString(), "--chain",
                "eq:shape=highShelf,frequencyHz=8000,gainDb=1.5; compressor:ratio=2,thresholdDb=-18", "--target-lufs", "-12",
                "--ceiling-dbtp", "-1", "--bits", "24");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("integrated (LUFS)") && r.out().contains("true peak (dBTP)")
                && r.out().contains("Limiter: peak out") && r.out().contains("reached"), r.out());
        // the chain listed is the one rendered: the target's gain and limiter are numbered as in the stages
        assertTrue(r.out().contains("  3. Gain[gainDb=") && r.out().contains("  4. Limiter[ceilingDbtp=-1.00")
                && r.out().contains("  3. Gain: peak out") && r.out().contains("  4. Limiter: peak out")
                && r.out().contains("(stage 3 gain "), r.out());
        var rep = Loudness.of(out);
        assertEquals(-12, rep.integratedLufs(), 0.1);
        assertTrue(rep.truePeakDbtp() <= -1.0);
    }

    @Test
    void refusesToOverwriteTheInputAndBadParameters() throws Exception {
        Path in = input();
        byte[] before = Files.readAllBytes(in);
        Cli.Result r = run("master", in.toString(), "-o", in.toString(), "--target-lufs", "-14");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("refusing to overwrite"), r.err());
        assertEquals(before.length, Files.readAllBytes(in).length);
        r = run("master", in.toString(), "-o", tmp.resolve("x.wav").toString(), "--chain", "compressor:ratio=0.5");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("ratio = 0.5 is out of range; accepted: 1.0 to 100.0"), r.err());
        r = run("master", in.toString(), "-o", tmp.resolve("x.wav").toString(), "--bits", "12");
        assertEquals(2, r.exit());
        assertTrue(!Files.exists(tmp.resolve("x.wav")));
    }

    @Test
    void saysWhyATargetIsOutOfReach() {
        Path in = input();
        Path out = tmp.resolve("loud.wav");
        Cli.Result r = run("master", in.toString(), "-o", out.toString(), "--target-lufs", "-4", "--max-limiting-db", "2");
        assertEquals(MasterCommand.EXIT_TARGET_MISSED, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("NOT reached") && r.out().contains("why:") && r.out().contains("limiting"), r.out());
        assertTrue(Files.exists(out));
    }

    @Test
    void presetAndCeilingWithoutTarget() throws Exception {
        Path in = input();
        Path preset = tmp.resolve("p.json");
        Files.writeString(preset, "{\"format\":\"mastering-workbench-chain\",\"version\":1,\"stages\":[{\"type\":\"gain\",\"gainDb\":6}]}");
        Path out = tmp.resolve("m.wav");
        Cli.Result r = run("master", in.toString(), "-o", out.toString(), "--preset", preset.toString(), "--ceiling-dbtp", "-2",
                "--bits", "32f");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Loudness.of(out).truePeakDbtp() <= -2.0);
        r = run("master", in.toString(), "-o", tmp.resolve("g.wav").toString(), "--preset", "gentle");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Compressor") && r.out().contains("Limiter"), r.out());
    }
}
