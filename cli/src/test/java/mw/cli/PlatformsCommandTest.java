package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformsCommandTest {
    @TempDir
    Path dir;

    @Test
    void listShowsProfilesWithSources() {
        Cli.Result r = Cli.run("platforms", "--list", "--only", "spotify_normal,ebu_r128");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("spotify_normal") && r.out().contains("support.spotify.com"), r.out());
        assertTrue(r.out().contains("ebu_r128") && r.out().contains("tech.ebu.ch"), r.out());
        assertFalse(r.out().contains("youtube"));
        Cli.Result seed = Cli.run("platforms", "--list", "--set", "seed");
        assertTrue(seed.out().contains("cd_master") && seed.out().contains("-9.0 LUFS"), seed.out());
    }

    @Test
    void badProfileFileAndUnknownIdsAreOneLineErrors() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"),
                "{\"profiles\": [{\"id\": \"x\", \"name\": \"X\", \"kind\": \"streaming\", \"normalization\": \"down_only\","
                        + " \"reference_lufs\": 12, \"true_peak_max_dbtp\": -1, \"sources\": []}]}");
        Cli.Result r = Cli.run("platforms", "--profiles", bad.toString(), "x.wav");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("mw: " + bad + ": profile 'x': field \"reference_lufs\" = 12"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        Cli.Result u = Cli.run("platforms", "--only", "spotify", "x.wav");
        assertEquals(2, u.exit());
        assertTrue(u.err().contains("'spotify' is unknown; accepted: spotify_normal"), u.err());
    }

    @Test
    void jsonGivesOneObjectPerFileAndABadFileDoesNotStopTheOthers() throws Exception {
        Cli.requireMeter();
        Path quiet = Cli.writeSine(dir.resolve("quiet.wav"), -20, 5);
        Path loud = Cli.writeSine(dir.resolve("loud.wav"), -5, 5);
        Path broken = Files.write(dir.resolve("broken.wav"), new byte[] {'R', 'I', 'F', 'F', 1, 2});
        Cli.Result r = Cli.run("platforms", "--json", quiet.toString(), broken.toString(), loud.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("broken.wav"), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(2, lines.size(), r.out());
        ObjectMapper m = new ObjectMapper();
        JsonNode q = m.readTree(lines.get(0));
        JsonNode l = m.readTree(lines.get(1));
        assertEquals(quiet.toString(), q.get("file").asText());
        // EBU Tech 3341 case 1: a stereo 1 kHz sine of peak amplitude A dBFS measures A LUFS
        assertEquals(-20.0, q.get("integrated_lufs").asDouble(), 0.1);
        assertEquals(-5.0, l.get("integrated_lufs").asDouble(), 0.1);
        assertEquals(-20.0, q.get("true_peak_dbtp").asDouble(), 0.1);
        Map<String, JsonNode> qp = byId(q);
        Map<String, JsonNode> lp = byId(l);
        for (String key : List.of("id", "reference_lufs", "gain_db", "playback_lufs", "playback_true_peak_dbtp",
                "limited", "verdict", "reasons")) {
            assertTrue(qp.get("spotify_normal").has(key), key);
        }
        // Spotify Normal: -20 LUFS with TP -20 dBTP has 19 dB of headroom, so it is raised the full 6 dB
        assertEquals(6.0, qp.get("spotify_normal").get("gain_db").asDouble(), 0.15);
        assertEquals(-14.0, qp.get("spotify_normal").get("playback_lufs").asDouble(), 0.01);
        assertEquals("ok", qp.get("spotify_normal").get("verdict").asText());
        // YouTube never raises: plays 6 LU quieter, a warning
        assertEquals(0.0, qp.get("youtube").get("gain_db").asDouble(), 0.0);
        assertEquals("warn", qp.get("youtube").get("verdict").asText());
        // Spotify Loud raises -20 to -11 (+9 dB); its peaks end at -11 dBTP, so the limiter does not act
        assertEquals(-11.0, qp.get("spotify_loud").get("playback_lufs").asDouble(), 0.01);
        assertFalse(qp.get("spotify_loud").get("limited").asBoolean());
        // SoundCloud does not normalize: no reference
        assertTrue(qp.get("soundcloud").get("reference_lufs").isNull());
        // the loud one is turned down 9 dB on Spotify and fails EBU R 128 (18 LU above -23)
        assertEquals(-9.0, lp.get("spotify_normal").get("gain_db").asDouble(), 0.15);
        assertEquals("fail", lp.get("ebu_r128").get("verdict").asText());
        assertTrue(lp.get("ebu_r128").get("reasons").get(0).asText().contains("above the target -23.0"));
    }

    @Test
    void textOutputAndOnly() throws Exception {
        Cli.requireMeter();
        Path f = Cli.writeSine(dir.resolve("r128.wav"), -23, 5);
        Cli.Result r = Cli.run("platforms", "--only", "ebu_r128,atsc_a85", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("ebu_r128") && r.out().contains("atsc_a85"), r.out());
        assertFalse(r.out().contains("spotify"), r.out());
        assertTrue(r.out().lines().anyMatch(s -> s.contains("ebu_r128") && s.contains(" ok ")), r.out());
    }

    private static Map<String, JsonNode> byId(JsonNode track) {
        Map<String, JsonNode> m = new HashMap<>();
        track.get("platforms").forEach(p -> m.put(p.get("id").asText(), p));
        return m;
    }

    @Test
    void codecCheckReportsTheDecodedTruePeakAfterGain() throws Exception {
        Cli.requireMeter();
        Path f = Cli.writeSine(dir.resolve("sine.wav"), -20, 4);
        DeliverCommandTest.Ffmpeg direct;
        Path enc = dir.resolve("enc.ogg");
        Path dec = dir.resolve("dec.wav");
        DeliverCommandTest.ffmpeg(f); // skips without ffmpeg (fails under CI)
        for (List<String> cmd : List.of(
                List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", f.toString(), "-c:a", "libvorbis", "-b:a", "160k", enc.toString()),
                List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", enc.toString(), "-c:a", "pcm_f32le", dec.toString()))) {
            assertEquals(0, new ProcessBuilder(cmd).inheritIO().start().waitFor());
        }
        direct = DeliverCommandTest.ffmpeg(dec);
        Cli.Result r = Cli.run("platforms", "--json", "--codec-check", "--only", "spotify_normal,ebu_r128", f.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out().strip());
        Map<String, JsonNode> p = byId(j);
        // Spotify raises this -20 LUFS sine by 6 dB; what listeners get is the decoded Vorbis peak plus that gain
        assertEquals(direct.truePeakDbtp() + 6.0, p.get("spotify_normal").get("codec_true_peak_dbtp").asDouble(), 0.2);
        assertFalse(p.get("ebu_r128").has("codec_true_peak_dbtp")); // delivery specs have no codec
    }

    @Test
    void albumModeGivesBothTracksTheAlbumGain() throws Exception {
        Cli.requireMeter();
        Path a = Cli.writeSine(dir.resolve("a.wav"), -10, 4);
        Path b = Cli.writeSine(dir.resolve("b.wav"), -16, 4);
        Cli.Result r = Cli.run("platforms", "--json", "--album", "--only", "spotify_normal,youtube", a.toString(), b.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(2, lines.size());
        ObjectMapper m = new ObjectMapper();
        Map<String, JsonNode> pa = byId(m.readTree(lines.get(0)));
        Map<String, JsonNode> pb = byId(m.readTree(lines.get(1)));
        // equal lengths at -10 and -16 LUFS: album loudness 10·log10((10^-1 + 10^-1.6)/2) = -12.04 LUFS
        double album = 10 * Math.log10((Math.pow(10, -1.0) + Math.pow(10, -1.6)) / 2);
        assertEquals(-14 - album, pa.get("spotify_normal").get("gain_db").asDouble(), 0.1);
        assertEquals(pa.get("spotify_normal").get("gain_db").asDouble(), pb.get("spotify_normal").get("gain_db").asDouble(), 1e-9);
        assertTrue(pb.get("spotify_normal").get("album_gain").asBoolean());
        // YouTube normalizes tracks on their own
        assertEquals(-4.0, pa.get("youtube").get("gain_db").asDouble(), 0.1);
        assertEquals(0.0, pb.get("youtube").get("gain_db").asDouble(), 0.0);
    }

    @Test
    void userProfilesAndTheSeedSetAreJudgedAsStyleTargets() throws Exception {
        Cli.requireMeter();
        Path f = Cli.writeSine(dir.resolve("s.wav"), -9, 4);
        Path mine = Files.writeString(dir.resolve("mine.json"), "{\"set\": \"mine\", \"profiles\": [{\"id\": \"club\","
                + " \"name\": \"Club\", \"kind\": \"style_target\", \"reference_lufs\": -6, \"tolerance_lu\": 1,"
                + " \"normalization\": \"none\", \"true_peak_max_dbtp\": -0.3, \"sources\": [{\"figures\": [\"reference_lufs\"],"
                + " \"title\": \"house habit\", \"url\": \"https://example.org\", \"checked\": \"2026-11-25\","
                + " \"confidence\": \"hearsay\"}]}]}");
        Cli.Result r = Cli.run("platforms", "--json", "--set", "seed", "--profiles", mine.toString(),
                "--only", "cd_master,club", f.toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, JsonNode> p = byId(new ObjectMapper().readTree(r.out().strip()));
        assertEquals("ok", p.get("cd_master").get("verdict").asText()); // -9 LUFS is the seed's CD style target
        assertEquals("warn", p.get("club").get("verdict").asText()); // 3 LU below -6
        assertEquals(0.0, p.get("club").get("gain_db").asDouble(), 0.0); // a style target applies nothing
    }
}
