package mw.repair;

import java.nio.file.Path;
import java.util.Locale;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The declip measurement behind the tables in docs/repair.md, off by default (adeclip alone runs for
 * minutes on heavy clipping). Run with
 * {@code ./mvnw -B -q -o -pl kernel-lib test -Dtest=DeclipStudyTest -Dsurefire.failIfNoSpecifiedTests=false -Dmw.study=true}
 * and optionally {@code -Dmw.fractions=0.21,sdr8.2} (clipped fraction, or "sdr" and the input SI-SDR),
 * {@code -Dmw.methods=spade,ar,adeclip}, {@code -Dmw.file=acoustic-traveling-minstrels.flac}.
 */
@EnabledIfSystemProperty(named = "mw.study", matches = "true")
class DeclipStudyTest {
    @TempDir
    Path tmp;

    @Test
    void study() {
        String[] fr = System.getProperty("mw.fractions", "0.76,sdr8.2,0.21,sdr12.9,0.09,0.02,0.005").split(",");
        String[] methods = System.getProperty("mw.methods", "spade,ar,adeclip").split(",");
        String file = System.getProperty("mw.file", "rock-hedgewars-rock.flac");
        AudioBuffer clean = Damage.excerpt(file, 6, 5);
        System.out.println("STUDY " + file + " 6-11 s, channel 0; SI-SDR dB (wall seconds)");
        for (String f : fr) {
            AudioBuffer clipped = f.startsWith("sdr") ? Damage.clipToSdr(clean, Double.parseDouble(f.substring(3)))
                    : Damage.clip(clean, Double.parseDouble(f));
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "STUDY | %.1f %% | %.2f (SDR %.2f; LSD %.2f, below 16 kHz %.2f) |",
                    100 * Damage.clippedFraction(clipped), Damage.siSdr(clean, clipped), Damage.sdr(clean, clipped),
                    Damage.lsd(clean, clipped), Damage.lsdBelow(clean, clipped, 16000)));
            for (String m : methods) {
                long t0 = System.nanoTime();
                AudioBuffer out = m.equals("adeclip") ? Damage.ffmpeg(clipped, "adeclip", tmp)
                        : Declip.create().method(Declip.Method.parse(m)).process(clipped);
                double s = (System.nanoTime() - t0) / 1e9;
                double sdr = m.equals("adeclip") ? Damage.siSdrBestLag(clean, out, 8) : Damage.siSdr(clean, out);
                line.append(String.format(Locale.ROOT, " %s %.2f (SDR %.2f; LSD %.2f, below 16 kHz %.2f; %.1f s) |", m, sdr,
                        Damage.sdr(clean, out), Damage.lsd(clean, out), Damage.lsdBelow(clean, out, 16000), s));
            }
            System.out.println(line);
        }
    }
}
