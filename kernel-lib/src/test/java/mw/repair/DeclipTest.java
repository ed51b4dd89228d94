package mw.repair;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import mw.audio.AudioBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Declip against the clean original and ffmpeg's adeclip on the same clipped input. */
class DeclipTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"0.21", "0.09", "0.02"})
    void beatsAdeclip(double fraction) {
        AudioBuffer clean = Damage.excerpt("rock-hedgewars-rock.flac", 6, 5);
        AudioBuffer clipped = Damage.clip(clean, fraction);
        Declip dc = Declip.create();
        AudioBuffer ours = dc.process(clipped);
        AudioBuffer theirs = Damage.ffmpeg(clipped, "adeclip", tmp);
        double in = Damage.siSdr(clean, clipped);
        double sOurs = Damage.siSdr(clean, ours);
        double sTheirs = Damage.siSdrBestLag(clean, theirs, 8);
        System.out.printf(Locale.ROOT, "declip %.0f%%: input %.1f dB, ours %.1f dB (%d runs, longest %d), adeclip %.1f dB; LSD %.2f %.2f %.2f%n",
                100 * fraction, in, sOurs, dc.runs(), dc.longestRun(), sTheirs,
                Damage.lsd(clean, clipped), Damage.lsd(clean, ours), Damage.lsd(clean, theirs));
        assertTrue(sOurs > sTheirs, "ours " + sOurs + " vs adeclip " + sTheirs);
        assertTrue(sOurs > in + 1, "improvement " + (sOurs - in));
    }
}
