package mw.platforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mw.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileSetTest {
    @Test
    void bundledSetHoldsEveryRequiredProfileWithItsPublishedFigures() {
        ProfileSet s = ProfileSet.bundled();
        Map<String, Double> refs = new LinkedHashMap<>();
        refs.put("spotify_normal", -14.0);
        refs.put("spotify_loud", -11.0);
        refs.put("spotify_quiet", -19.0);
        refs.put("apple_music", -16.0);
        refs.put("youtube", -14.0);
        refs.put("tidal", -14.0);
        refs.put("deezer", -15.0);
        refs.put("amazon_music", -14.0);
        refs.put("ebu_r128", -23.0);
        refs.put("atsc_a85", -24.0);
        refs.put("arib_tr_b32", -24.0);
        refs.put("apple_podcasts", -16.0);
        refs.put("aes_td1008", -16.0);
        refs.put("netflix", -27.0);
        refs.put("sony_aswg_console", -24.0);
        refs.forEach((id, ref) -> assertEquals(ref, s.get(id).referenceLufs(), 0.0, id));
        for (String id : List.of("soundcloud", "bandcamp", "cd")) {
            assertEquals(Profile.Normalization.NONE, s.get(id).normalization(), id);
        }
        assertEquals(Profile.Normalization.UP_CAPPED_BY_PEAK, s.get("spotify_normal").normalization());
        assertEquals(-1.0, s.get("spotify_normal").peakCeilingDbtp());
        assertEquals(Profile.Normalization.UP_WITH_LIMITER, s.get("spotify_loud").normalization());
        assertEquals(-1.0, s.get("spotify_loud").limiterDbtp());
        for (String id : List.of("youtube", "tidal", "deezer")) {
            assertEquals(Profile.Normalization.DOWN_ONLY, s.get(id).normalization(), id);
        }
        assertEquals(0.5, s.get("ebu_r128").toleranceLu());
        assertEquals(-1.0, s.get("ebu_r128").truePeakMaxDbtp());
        assertEquals(2.0, s.get("atsc_a85").toleranceLu());
        assertEquals(-2.0, s.get("atsc_a85").truePeakMaxDbtp());
        assertEquals(-2.0, s.get("netflix").truePeakMaxDbtp());
        assertTrue(s.get("netflix").dialogueGated());
        assertEquals(-14.0, s.get("aes_td1008").albumReferenceLufs());
        assertEquals(List.of(48000), s.get("netflix").sampleRatesHz());
        assertEquals(java.util.Set.of(48000), QualityControl.Limits.forProfile(s.get("netflix")).sampleRatesHz());
        assertEquals(-2.0, QualityControl.Limits.forProfile(s.get("netflix")).truePeakMaxDbtp());
        assertTrue(QualityControl.Limits.forProfile(s.get("ebu_r128")).sampleRatesHz().contains(44100));
        assertEquals(Profile.Confidence.OFFICIAL, s.get("spotify_normal").confidenceOf("reference_lufs"));
    }

    @Test
    void everyFigureHasASource() {
        for (ProfileSet s : List.of(ProfileSet.bundled(), ProfileSet.seed())) {
            for (Profile p : s) {
                if (!Double.isNaN(p.referenceLufs())) {
                    assertNotNull(p.confidenceOf("reference_lufs"), p.id() + " reference_lufs");
                }
                if (s.name().equals("platforms")) {
                    assertNotNull(p.confidenceOf("normalization") != null ? p.confidenceOf("normalization")
                            : p.kind() != Profile.Kind.STREAMING ? Profile.Confidence.OFFICIAL : null, p.id() + " normalization");
                    assertNotNull(p.confidenceOf("true_peak_max_dbtp"), p.id() + " true_peak_max_dbtp");
                }
                for (Profile.Source src : p.sources()) {
                    assertTrue(src.url().startsWith("http") || src.url().startsWith("file:"), src.url());
                }
            }
        }
    }

    @Test
    void seedSetReproducesTheWorkflowTable() {
        ProfileSet seed = ProfileSet.seed();
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("spotify", -14.0);
        expected.put("apple_music", -16.0);
        expected.put("youtube", -14.0);
        expected.put("tidal", -14.0);
        expected.put("bandcamp", -10.0);
        expected.put("cd_master", -9.0);
        expected.put("broadcast", -23.0);
        expected.put("podcast", -16.0);
        assertEquals(List.copyOf(expected.keySet()), seed.profiles().stream().map(Profile::id).toList());
        expected.forEach((id, ref) -> {
            assertEquals(ref, seed.get(id).referenceLufs(), 0.0, id);
            assertEquals(Profile.Kind.STYLE_TARGET, seed.get(id).kind(), id);
        });
    }

    @Test
    void onlyAndMergeSelectAndExtend(@TempDir Path dir) throws Exception {
        ProfileSet s = ProfileSet.bundled().only("youtube, ebu_r128");
        assertEquals(List.of("youtube", "ebu_r128"), s.profiles().stream().map(Profile::id).toList());
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> ProfileSet.bundled().only("spotfy"));
        assertTrue(e.getMessage().contains("'spotfy' is unknown; accepted: spotify_normal"), e.getMessage());

        Path f = dir.resolve("mine.json");
        String a = profile("\"id\": \"youtube\", \"name\": \"YouTube 2027\", \"kind\": \"streaming\", \"reference_lufs\": -13, "
                + "\"normalization\": \"down_only\", \"true_peak_max_dbtp\": -1");
        String b = profile("\"id\": \"club\", \"name\": \"Club system\", \"kind\": \"style_target\", \"reference_lufs\": -8, "
                + "\"tolerance_lu\": 1, \"normalization\": \"none\", \"true_peak_max_dbtp\": -0.3");
        Files.writeString(f, "{\"set\": \"mine\", \"profiles\": [" + a + "," + b + "]}", StandardCharsets.UTF_8);
        ProfileSet merged = ProfileSet.bundled().merge(ProfileSet.load(f));
        assertEquals(-13.0, merged.get("youtube").referenceLufs());
        assertEquals(-8.0, merged.get("club").referenceLufs());
        assertEquals(ProfileSet.bundled().size() + 1, merged.size());
    }

    static String profile(String fields) {
        return "{" + fields + ", \"sources\": [{\"figures\": [\"reference_lufs\"], \"title\": \"t\", "
                + "\"url\": \"https://example.org\", \"checked\": \"2026-11-25\", \"confidence\": \"measured\"}]}";
    }

    static String one(String fields) {
        return "{\"profiles\": [" + profile(fields) + "]}";
    }

    static String error(String json) {
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> ProfileSet.parse(json.getBytes(StandardCharsets.UTF_8), "mine.json"));
        return e.getMessage();
    }

    static final String OK_FIELDS = "\"id\": \"x\", \"name\": \"X\", \"kind\": \"streaming\", \"normalization\": \"down_only\", "
            + "\"true_peak_max_dbtp\": -1";

    @Test
    void validationNamesFileProfileFieldValueAndAcceptedRange() {
        String m = error(one(OK_FIELDS + ", \"reference_lufs\": 5"));
        assertTrue(m.startsWith("mine.json: profile 'x': field \"reference_lufs\" = 5 is not accepted; accepted: a number from -70 to 0"), m);

        m = error(one(OK_FIELDS.replace("down_only", "sometimes") + ", \"reference_lufs\": -14"));
        assertTrue(m.contains("\"normalization\" = \"sometimes\"") && m.contains("none, down_only, up_capped_by_peak, up_with_limiter"), m);

        m = error(one(OK_FIELDS + ", \"reference_lufs\": -14, \"referense\": 1"));
        assertTrue(m.contains("field \"referense\" is unknown; accepted: id, name"), m);

        m = error(one(OK_FIELDS));
        assertTrue(m.contains("\"reference_lufs\" = (missing)") && m.contains("required when normalization is down_only"), m);

        m = error(one(OK_FIELDS.replace("down_only", "up_capped_by_peak") + ", \"reference_lufs\": -14"));
        assertTrue(m.contains("peak_ceiling_dbtp") && m.contains("required by up_capped_by_peak"), m);

        m = error(one(OK_FIELDS.replace("streaming", "delivery").replace("down_only", "none") + ", \"reference_lufs\": -23"));
        assertTrue(m.contains("tolerance_lu") && m.contains("required for kind delivery"), m);

        m = error(one(OK_FIELDS.replace("streaming", "delivery") + ", \"reference_lufs\": -23, \"tolerance_lu\": 1"));
        assertTrue(m.contains("\"normalization\" = down_only") && m.contains("judged, not applied"), m);

        m = error(one(OK_FIELDS + ", \"reference_lufs\": -14").replace("\"measured\"", "\"rumour\""));
        assertTrue(m.contains("source #1") && m.contains("official, measured, hearsay"), m);

        m = error(one(OK_FIELDS + ", \"reference_lufs\": -14").replace("\"reference_lufs\"]", "\"loudness\"]"));
        assertTrue(m.contains("names 'loudness', which is not a profile field"), m);

        m = error(one(OK_FIELDS.replace("\"x\"", "\"Bad Id\"") + ", \"reference_lufs\": -14"));
        assertTrue(m.contains("\"id\" = 'Bad Id'"), m);

        m = error(one(OK_FIELDS + ", \"reference_lufs\": -14, \"sample_rates_hz\": [44100, 5]"));
        assertTrue(m.contains("\"sample_rates_hz\"") && m.contains("8000 to 768000"), m);

        m = error("{\"profiles\": [ {\"id\": ");
        assertTrue(m.startsWith("mine.json: not valid JSON at line 1"), m);

        m = error("{\"profiles\": []}");
        assertTrue(m.contains("non-empty list"), m);

        String body = profile(OK_FIELDS + ", \"reference_lufs\": -14");
        m = error("{\"profiles\": [" + body + "," + body + "]}");
        assertTrue(m.contains("'x' appears twice"), m);

        m = error("{\"profiles\": [{" + OK_FIELDS + ", \"reference_lufs\": -14}]}");
        assertTrue(m.contains("\"sources\" = (missing)") && m.contains("every figure needs a source"), m);
    }

    @Test
    void docsListEveryBundledProfile() throws Exception {
        Path doc = Path.of("..", "docs", "platforms.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        for (ProfileSet s : List.of(ProfileSet.bundled(), ProfileSet.seed())) {
            for (Profile p : s) {
                assertTrue(text.contains("`" + p.id() + "`") || text.contains(p.id() + " "), "docs/platforms.md lacks " + p.id());
            }
        }
    }

    @Test
    void aMissingFileNamesItself(@TempDir Path dir) {
        Path f = dir.resolve("nope.json");
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> ProfileSet.load(f));
        assertTrue(e.getMessage().contains("nope.json") && e.getMessage().contains("does not exist"), e.getMessage());
    }
}
