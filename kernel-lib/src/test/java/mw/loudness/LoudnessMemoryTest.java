package mw.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import mw.ExternalTools;
import org.junit.jupiter.api.Test;

/**
 * Bounded memory: 10 minutes of stereo 48 kHz (460 MB as doubles, 230 MB as floats) are metered in a
 * separate JVM limited to a 16 MB heap. The 60-minute / -Xmx128m check on a real file is in scripts/bench-loudness.sh.
 */
class LoudnessMemoryTest {
    @Test
    void tenMinutesInA16MbHeap() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String out = ExternalTools.runOk(300, java, "-Xmx16m", "-cp", System.getProperty("java.class.path"),
                StreamCheck.class.getName(), "600").strip();
        String[] v = out.split(" ");
        assertEquals(-23.0, Double.parseDouble(v[0]), 0.1, out);       // EBU Tech 3341 case 1 level
        assertEquals(0.0, Double.parseDouble(v[1]), 0.05, out);
        assertEquals(-23.0, Double.parseDouble(v[2]), 0.1, out);
        assertEquals(600.0, Double.parseDouble(v[3]), 1e-9, out);
    }
}
