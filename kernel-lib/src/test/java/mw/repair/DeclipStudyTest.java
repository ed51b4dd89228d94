package mw.repair;

import java.util.Locale;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@EnabledIfSystemProperty(named = "mw.study", matches = "true")
class DeclipStudyTest {
    @Test
    void study() {
        String[] fr = System.getProperty("mw.fractions", "0.21,0.09,0.02,0.76").split(",");
        String[] methods = System.getProperty("mw.methods", "ar,spade").split(",");
        AudioBuffer clean = Damage.excerpt("rock-hedgewars-rock.flac", 6, 5);
        for (String f : fr) {
            double fraction = Double.parseDouble(f);
            AudioBuffer clipped = Damage.clip(clean, fraction);
            double in = Damage.siSdr(clean, clipped);
            for (String m : methods) {
                Declip dc = Declip.create().method(Declip.Method.parse(m));
                long t0 = System.nanoTime();
                AudioBuffer ours = dc.process(clipped);
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "STUDY eps %s %.0f%%: input %.2f dB, %s %.2f dB (%.1f s, blocks %d its %d)%n", System.getProperty("mw.spadeEps"), 100 * fraction, in, m,
                        Damage.siSdr(clean, ours), s, dc.spadeWork()[0], dc.spadeWork()[1]);
            }
        }
    }
}
