package mw.platforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The outcome rules on constructed figures. Expected values come from the platforms' published rules
 * (Spotify for Artists' worked example, EBU R 128 / ATSC A/85 tolerances), worked by hand.
 */
class PlatformsTest {
    static final ProfileSet ALL = ProfileSet.bundled();

    static Outcome on(String id, double lufs, double tp) {
        return Platforms.outcome(TrackLoudness.of("t", lufs, tp), ALL.get(id));
    }

    @Test
    void spotifyNormalRaisesAQuietTrackOnlyAsFarAsPeakHeadroomAllows() {
        // Spotify's own example: -20 LUFS with true peak -5 dB is lifted to -16 LUFS, not -14.
        Outcome o = on("spotify_normal", -20, -5);
        assertEquals(4.0, o.gainDb(), 1e-9);
        assertEquals(-16.0, o.playbackLufs(), 1e-9);
        assertEquals(-1.0, o.playbackTruePeakDbtp(), 1e-9);
        assertEquals(-2.0, o.differenceLu(), 1e-9);
        assertFalse(o.limited());
        assertEquals(Verdict.WARN, o.verdict());
        assertTrue(o.reasonText().contains("2.0 LU below the reference -14.0 LUFS"), o.reasonText());
        assertTrue(o.reasonText().contains("-1.0 dBTP"), o.reasonText());
    }

    @Test
    void spotifyNormalTurnsLoudMastersDownToTheReference() {
        Outcome o = on("spotify_normal", -8, -0.2);
        assertEquals(-6.0, o.gainDb(), 1e-9);
        assertEquals(-14.0, o.playbackLufs(), 1e-9);
        assertEquals(-6.2, o.playbackTruePeakDbtp(), 1e-9);
        assertEquals(Verdict.OK, o.verdict());
        assertTrue(o.reasonText().contains("turned down 6.0 dB"), o.reasonText());
    }

    @Test
    void spotifyNormalDoesNotRaiseATrackWhosePeaksAreAlreadyAboveTheCeiling() {
        Outcome o = on("spotify_normal", -20, -0.5);
        assertEquals(0.0, o.gainDb(), 1e-9);
        assertEquals(-20.0, o.playbackLufs(), 1e-9);
        assertEquals(Verdict.WARN, o.verdict());
    }

    @Test
    void youtubeNeverRaises() {
        for (double lufs = -40; lufs <= -4; lufs += 0.5) {
            for (double tp : new double[] {-12, -3, -1, 0.5}) {
                Outcome o = on("youtube", lufs, tp);
                assertTrue(o.gainDb() <= 0, "gain " + o.gainDb() + " at " + lufs);
                assertEquals(Math.min(-14.0, lufs), o.playbackLufs(), 1e-9);
            }
        }
        assertEquals(Verdict.WARN, on("youtube", -20, -5).verdict());
        assertTrue(on("youtube", -20, -5).reasonText().contains("never turns tracks up"));
    }

    @Test
    void spotifyLoudReachesMinus11ThroughTheLimiter() {
        Outcome o = on("spotify_loud", -20, -5);
        assertEquals(9.0, o.gainDb(), 1e-9);
        assertEquals(-11.0, o.playbackLufs(), 1e-9);
        assertTrue(o.limited());
        assertEquals(5.0, o.limiterReductionDb(), 1e-9); // -5 + 9 = +4 dBTP, limited to -1
        assertEquals(-1.0, o.playbackTruePeakDbtp(), 1e-9);
        assertEquals(Verdict.WARN, o.verdict());
        // a loud master is only turned down: no limiter
        Outcome loud = on("spotify_loud", -7, -0.1);
        assertEquals(-4.0, loud.gainDb(), 1e-9);
        assertFalse(loud.limited());
        assertEquals(Verdict.OK, loud.verdict());
    }

    @Test
    void spotifyQuietAndAppleMusicUseTheirOwnReferences() {
        assertEquals(-19.0, on("spotify_quiet", -10, -1).playbackLufs(), 1e-9);
        assertEquals(-16.0, on("apple_music", -9, -0.5).playbackLufs(), 1e-9);
        assertEquals(-15.0, on("deezer", -9, -0.5).playbackLufs(), 1e-9);
        assertEquals(-14.0, on("tidal", -9, -0.5).playbackLufs(), 1e-9);
        assertEquals(-14.0, on("amazon_music", -9, -0.5).playbackLufs(), 1e-9);
    }

    @Test
    void platformsWithoutNormalizationPlayTheFileAsItIs() {
        for (String id : List.of("soundcloud", "bandcamp", "cd")) {
            Outcome o = on(id, -7.5, -0.5);
            assertEquals(0.0, o.gainDb());
            assertEquals(-7.5, o.playbackLufs(), 1e-9);
            assertTrue(Double.isNaN(o.differenceLu()));
            assertTrue(Double.isNaN(o.referenceLufs()));
        }
        // a true peak above full scale fails: it clips in the listener's decoder
        Outcome over = on("soundcloud", -6, 0.4);
        assertEquals(Verdict.FAIL, over.verdict());
        assertTrue(over.reasonText().contains("above 0 dBTP"));
        // above the recommendation but below full scale: a warning
        assertEquals(Verdict.WARN, on("bandcamp", -8, -0.5).verdict());
        assertEquals(Verdict.OK, on("bandcamp", -8, -1.0).verdict());
    }

    @ParameterizedTest(name = "{0}: I={1} LUFS, TP={2} dBTP -> {3}")
    @CsvSource({
        // EBU R 128: -23 LUFS ±0.5 LU, -1 dBTP
        "ebu_r128, -23.0, -1.0, OK",
        "ebu_r128, -23.5, -3.0, OK",
        "ebu_r128, -22.5, -3.0, OK",
        "ebu_r128, -23.51, -3.0, FAIL",
        "ebu_r128, -22.49, -3.0, FAIL",
        "ebu_r128, -23.0, -0.99, FAIL",
        // ATSC A/85: -24 LKFS ±2 dB, -2 dBTP
        "atsc_a85, -26.0, -2.0, OK",
        "atsc_a85, -22.0, -2.0, OK",
        "atsc_a85, -26.01, -5.0, FAIL",
        "atsc_a85, -21.99, -5.0, FAIL",
        "atsc_a85, -24.0, -1.99, FAIL",
        // ARIB TR-B32: -24, -1 dBTP
        "arib_tr_b32, -24.0, -1.0, OK",
        "arib_tr_b32, -24.0, -0.9, FAIL",
        // Apple Podcasts: -16 LUFS ±1, -1 dBTP
        "apple_podcasts, -17.0, -1.0, OK",
        "apple_podcasts, -14.9, -1.5, FAIL",
        // AES TD1008 (track): -16 LUFS
        "aes_td1008, -16.0, -1.0, OK",
        "aes_td1008, -14.0, -1.0, FAIL",
        // Sony ASWG-R001 consoles: -24 ±2
        "sony_aswg_console, -26.0, -1.0, OK",
        "sony_aswg_console, -21.9, -1.0, FAIL",
        // Netflix: -27 ±2, -2 dBTP; dialogue gating not measured -> at best a warning
        "netflix, -27.0, -2.0, WARN",
        "netflix, -29.0, -3.0, WARN",
        "netflix, -24.0, -3.0, FAIL",
        "netflix, -27.0, -1.5, FAIL",
    })
    void deliverySpecsPassAndFailAtTheirToleranceEdges(String id, double lufs, double tp, Verdict expected) {
        Outcome o = on(id, lufs, tp);
        assertEquals(expected, o.verdict(), o.reasonText());
        assertEquals(0.0, o.gainDb());
        assertEquals(lufs, o.playbackLufs(), 1e-9);
    }

    @Test
    void aFailingSpecSaysWhatIsWrongAndWhatItNeeds() {
        Outcome o = on("ebu_r128", -20.0, -0.5);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.reasonText().contains("3.0 LU above the target -23.0 ±0.5 LU (needs -3.0 dB)"), o.reasonText());
        assertTrue(o.reasonText().contains("true peak -0.5 dBTP exceeds the maximum -1.0 dBTP"), o.reasonText());
        assertEquals(-0.5, o.headroomDb(), 1e-9);
        assertTrue(on("netflix", -27, -3).reasonText().contains("dialogue-gated"));
    }

    @Test
    void silenceCannotBeJudged() {
        for (Profile p : ALL) {
            Outcome o = Platforms.outcome(TrackLoudness.of("silence", Double.NaN, Double.NEGATIVE_INFINITY), p);
            assertEquals(Verdict.FAIL, o.verdict(), p.id());
            assertTrue(o.reasonText().contains("undefined"));
        }
    }

    @Test
    void albumModeAppliesOneGainFromTheAlbumLoudness() {
        // Two tracks of equal length at -10 and -16 LUFS: album loudness is the power mean,
        // 10·log10((10^-1 + 10^-1.6) / 2) = -12.04 LUFS, so Spotify's album gain is -1.96 dB for both.
        List<TrackLoudness> tracks = List.of(new TrackLoudness("loud", -10, -1, 180),
                new TrackLoudness("soft", -16, -6, 180));
        double albumLufs = 10 * Math.log10((Math.pow(10, -1.0) + Math.pow(10, -1.6)) / 2);
        assertEquals(albumLufs, Platforms.albumLoudnessLufs(tracks), 1e-12);
        Outcomes o = Platforms.album(tracks, ALL);
        double g = -14 - albumLufs;
        assertEquals(g, o.get("loud", "spotify_normal").gainDb(), 1e-9);
        assertEquals(g, o.get("soft", "spotify_normal").gainDb(), 1e-9);
        assertTrue(o.get("soft", "spotify_normal").albumGain());
        assertEquals(-16 + g, o.get("soft", "spotify_normal").playbackLufs(), 1e-9);
        // the soft track keeps its place in the album: a note, not a warning
        assertEquals(Verdict.OK, o.get("soft", "spotify_normal").verdict(), o.get("soft", "spotify_normal").reasonText());
        // YouTube normalizes tracks on their own
        assertEquals(-4.0, o.get("loud", "youtube").gainDb(), 1e-9);
        assertEquals(0.0, o.get("soft", "youtube").gainDb(), 1e-9);
        // AES TD1008 album rule: the loudest track at -14 ±1; -10 fails by 4 LU
        Outcome td = o.get("soft", "aes_td1008");
        assertEquals(Verdict.FAIL, td.verdict());
        assertTrue(td.reasonText().contains("loudest track -10.0 LUFS is 4.0 LU above the target -14.0"), td.reasonText());
    }

    @Test
    void albumLoudnessWeightsByDuration() {
        // 3 minutes at -10 and 1 minute at -20: 10·log10((3·0.1 + 1·0.01) / 4)
        double expected = 10 * Math.log10((3 * 0.1 + 0.01) / 4);
        assertEquals(expected, Platforms.albumLoudnessLufs(List.of(new TrackLoudness("a", -10, -1, 180),
                new TrackLoudness("b", -20, -1, 60))), 1e-12);
    }

    @Test
    void styleTargetsAreJudgedAsHabitsNotRules() {
        ProfileSet seed = ProfileSet.seed();
        Outcome near = Platforms.outcome(TrackLoudness.of("t", -9.5, -0.5), seed.get("cd_master"));
        assertEquals(Verdict.OK, near.verdict(), near.reasonText());
        Outcome far = Platforms.outcome(TrackLoudness.of("t", -14, -1), seed.get("cd_master"));
        assertEquals(Verdict.WARN, far.verdict());
        assertEquals(-5.0, far.differenceLu(), 1e-9);
        assertTrue(far.reasonText().contains("not a platform rule"));
        assertEquals(0.0, far.gainDb());
    }

    @Test
    void codecOvershootAfterGainDecidesTheVerdict() {
        // SoundCloud applies no gain: a master at -1.2 dBTP that decodes at +0.3 dBTP clips
        Outcome sc = on("soundcloud", -9, -1.2);
        assertEquals(Verdict.OK, sc.verdict());
        Outcome clipped = Platforms.withCodecTruePeak(sc, ALL.get("soundcloud"), 0.3, "libopus 64 kbit/s");
        assertEquals(Verdict.FAIL, clipped.verdict());
        assertEquals(0.3, clipped.codecTruePeakDbtp(), 1e-9);
        assertTrue(clipped.reasons().get(0).contains("codec overshoot +1.5 dB"), clipped.reasonText());
        // decoding at -0.5 dBTP is above the -1 dBTP recommendation: a warning
        assertEquals(Verdict.WARN, Platforms.withCodecTruePeak(sc, ALL.get("soundcloud"), -0.5, "x").verdict());
        // Spotify turns a -8 LUFS master down 6 dB: a +0.5 dBTP decode plays at -5.5 dBTP, fine
        Outcome sp = Platforms.withCodecTruePeak(on("spotify_normal", -8, -0.2), ALL.get("spotify_normal"), 0.5, "x");
        assertEquals(-5.5, sp.codecTruePeakDbtp(), 1e-9);
        assertEquals(Verdict.OK, sp.verdict());
    }
}
