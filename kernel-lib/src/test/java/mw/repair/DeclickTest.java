package mw.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declick against the clean original and against ffmpeg's adeclick on the same damaged input. */
class DeclickTest {
    @TempDir
    Path tmp;

    @Test
    void beatsAdeclickOnSampleAudioWithPoissonClicks() {
        AudioBuffer clean = Damage.excerpt("acoustic-traveling-minstrels.flac", 4, 8);
        Damage.Damaged d = Damage.clicks(clean, 200, 13);
        AudioBuffer damaged = d.audio();
        Declick dc = Declick.create();
        AudioBuffer ours = dc.process(damaged);
        AudioBuffer theirs = Damage.ffmpeg(damaged, "adeclick", tmp);
        double in = Damage.siSdr(clean, damaged);
        double sOurs = Damage.siSdr(clean, ours);
        double sTheirs = Damage.siSdrBestLag(clean, theirs, 8);
        double[] pr = precisionRecall(d.events(), dc.positions(), dc);
        System.out.printf(Locale.ROOT, "declick: %d clicks, input %.1f dB, ours %.1f dB (P %.3f R %.3f, %d found), adeclick %.1f dB; LSD %.2f vs %.2f%n",
                d.events().size(), in, sOurs, pr[0], pr[1], dc.clicks(), sTheirs, Damage.lsd(clean, ours), Damage.lsd(clean, theirs));
        assertTrue(sOurs > sTheirs, "ours " + sOurs + " vs adeclick " + sTheirs);
        double f1 = 2 * pr[0] * pr[1] / (pr[0] + pr[1]);
        assertTrue(f1 >= 0.9, "detection F1 " + f1);
    }

    /** Click-level precision and recall: a true click counts as found when a detection starts within it (±2 samples). */
    static double[] precisionRecall(List<int[]> truth, List<Long> found, Declick dc) {
        int tp = 0;
        boolean[] hit = new boolean[truth.size()];
        for (long f : found) {
            boolean ok = false;
            for (int i = 0; i < truth.size(); i++) {
                int[] t = truth.get(i);
                if (f >= t[0] - 2 && f < t[1] + 2) {
                    ok = true;
                    hit[i] = true;
                }
            }
            if (ok) {
                tp++;
            }
        }
        int recalled = 0;
        for (boolean h : hit) {
            recalled += h ? 1 : 0;
        }
        return new double[] {found.isEmpty() ? 0 : (double) tp / found.size(), (double) recalled / truth.size()};
    }

    @Test
    void cleanAudioIsLeftAlmostUntouched() {
        AudioBuffer clean = Damage.excerpt("acoustic-traveling-minstrels.flac", 4, 4);
        Declick dc = Declick.create();
        AudioBuffer out = dc.process(clean);
        double s = Damage.siSdr(clean, out);
        System.out.printf(Locale.ROOT, "declick on clean: %.1f dB, %d false clicks%n", s, dc.clicks());
        assertTrue(s > 40, "clean input changed: SI-SDR " + s);
        assertEquals(clean.frames(), out.frames());
    }
}
