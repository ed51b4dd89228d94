package mw.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import mw.ExternalTools;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files, made by seeded random byte changes and cuts of valid files in every format: reading
 * either succeeds or throws a {@link WorkbenchException} naming the file. Never another exception,
 * never a hang.
 */
class CorruptionFuzzTest {
    @TempDir
    Path tmp;

    @Test
    void damagedFilesGiveWorkbenchExceptionsOnly() throws Exception {
        ExternalTools.require("flac");
        ExternalTools.require("oggenc");
        Path wav = tmp.resolve("src.wav");
        Audio.write(Ffmpeg.music(22050, 2, 0.4, 1), wav, SampleFormat.PCM_16, WriteDither.NONE);
        Path flac = tmp.resolve("src.flac");
        ExternalTools.runOk(60, "flac", "-s", "-f", "-o", flac.toString(), wav.toString());
        Path ogg = tmp.resolve("src.ogg");
        ExternalTools.runOk(60, "oggenc", "-Q", "-o", ogg.toString(), wav.toString());
        Path mp3 = tmp.resolve("src.mp3");
        Ffmpeg.run("-i", wav.toString(), "-c:a", "libmp3lame", "-b:a", "96k", mp3.toString());
        Path aiff = tmp.resolve("src.aiff");
        Ffmpeg.run("-i", wav.toString(), "-c:a", "pcm_s16be", aiff.toString());

        SplittableRandom rng = new SplittableRandom(20261125);
        int tried = 0;
        for (Path src : new Path[] {wav, flac, ogg, mp3, aiff}) {
            byte[] good = Files.readAllBytes(src);
            for (int k = 0; k < 40; k++) {
                byte[] bad = mutate(good, rng, k);
                Path f = tmp.resolve("bad-" + k + "-" + src.getFileName());
                Files.write(f, bad);
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> readOrWorkbenchException(f), f.toString());
                tried++;
                Files.delete(f);
            }
        }
        assertTrue(tried == 200);
    }

    private static void readOrWorkbenchException(Path f) {
        try {
            AudioBuffer a = Audio.read(f);
            assertTrue(a.frames() > 0);
        } catch (WorkbenchException e) {
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        } catch (RuntimeException | Error e) {
            fail(f + ": " + e, e);
        }
    }

    /** Early mutations hit the header, later ones anywhere; some files are also cut short. */
    private static byte[] mutate(byte[] good, SplittableRandom rng, int k) {
        byte[] b = good.clone();
        int region = k < 20 ? Math.min(b.length, 256) : b.length;
        int changes = 1 + rng.nextInt(k % 4 == 0 ? 20 : 3);
        for (int i = 0; i < changes; i++) {
            int at = rng.nextInt(region);
            b[at] = (byte) (k % 3 == 0 ? rng.nextInt(256) : b[at] ^ (1 << rng.nextInt(8)));
        }
        if (k % 5 == 4) {
            b = Arrays.copyOf(b, 1 + rng.nextInt(b.length - 1));
        }
        return b;
    }
}
