package mw.assistant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundled style profiles: shape, sources, and the figures of the product's seed notes. */
class StyleProfilesTest {
    private final StyleProfiles profiles = StyleProfiles.bundled();

    @Test
    void everyFigureNamesAKnownSourceAndRangesAreOrdered() {
        assertEquals(8, profiles.profiles().size());
        for (StyleProfiles.Profile p : profiles.profiles()) {
            for (String src : new String[]{p.lufsSource(), p.lraSource(), p.ceilingSource(), p.plrSource(), p.compressionSource()}) {
                assertTrue(StyleProfiles.SOURCE_KINDS.contains(src), p.id() + ": unknown source " + src);
                assertTrue(profiles.data().sources().containsKey(src), p.id() + ": source " + src + " is not described");
            }
            assertTrue(p.lufs()[0] < p.lufs()[1] && p.lraLu()[0] < p.lraLu()[1] && p.plrDb()[0] < p.plrDb()[1], p.id());
            assertTrue(p.lufs()[1] < 0 && p.ceilingDbtp() <= 0, p.id());
            assertFalse(p.tendencies().isEmpty(), p.id());
            // "derived": PLR of a master limited at the ceiling is ceiling minus integrated loudness
            assertEquals("derived", p.plrSource());
            assertArrayEquals(new double[]{p.ceilingDbtp() - p.lufs()[1], p.ceilingDbtp() - p.lufs()[0]}, p.plrDb(), 1e-9, p.id());
        }
    }

    @Test
    void seedFiguresAreTheSeedNotes() {
        // the seed notes: Electronic -6 to -8 LUFS, Classical -18 to -23, Pop/Rock -9 to -12, Hip-Hop -6 to -9
        Map<String, double[]> seed = Map.of("electronic", new double[]{-8, -6}, "classical", new double[]{-23, -18},
                "pop", new double[]{-12, -9}, "rock", new double[]{-12, -9}, "hiphop", new double[]{-9, -6});
        seed.forEach((id, range) -> {
            assertArrayEquals(range, profiles.get(id).lufs(), 0, id);
            assertEquals("seed", profiles.get(id).lufsSource(), id);
        });
    }

    @Test
    void blendIsProbabilityWeighted() {
        var t = profiles.blend(Map.of("classical", 0.5, "electronic", 0.5));
        assertEquals((-23 - 8) / 2.0, t.lufs()[0], 1e-9);
        assertEquals((-18 - 6) / 2.0, t.lufs()[2], 1e-9);
        assertEquals(profiles.blend(Map.of("pop", 1.0)).lufs()[1], -10.5, 1e-9);
    }

    @Test
    void everyStyleOfTheBundledModelHasAProfile() {
        for (String s : AssistantModel.bundled().styles()) {
            assertEquals(s, profiles.get(s).id());
        }
    }
}
