package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCommandTest {
    @TempDir
    Path dir;

    @Test
    void studyOfAFolderWritesTheReportTablesAndChartsAndListsTheBadFile() throws Exception {
        Cli.requireMeter();
        Path in = Files.createDirectories(dir.resolve("in"));
        Cli.writeSine(in.resolve("a-quiet.wav"), -20, 4);
        Cli.writeSine(in.resolve("b-loud.wav"), -8, 4);
        Files.write(in.resolve("c-broken.wav"), new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E'});
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("study", in.toString(), "--out", out.toString());
        assertEquals(2, r.exit(), r.err()); // one file failed
        assertTrue(r.err().contains("c-broken.wav"), r.err());
        assertTrue(r.out().contains("2 tracks analysed, 1 failed"), r.out());

        for (String f : List.of("index.html", "tracks.csv", "outcomes.csv", "outcomes.md", "outcomes.json", "failed.csv",
                "charts/loudness.png", "charts/playback.png", "charts/spectrum.png", "charts/track-001.png", "charts/track-002.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> tracks = Files.readAllLines(out.resolve("tracks.csv"));
        assertEquals(3, tracks.size());
        assertTrue(tracks.get(0).startsWith("file,container,codec,sample_rate_hz"), tracks.get(0));
        assertTrue(tracks.get(1).startsWith("a-quiet.wav,WAV,"), tracks.get(1));
        // EBU Tech 3341 case 1: a stereo 1 kHz sine of peak amplitude A dBFS measures A LUFS
        int col = List.of(tracks.get(0).split(",")).indexOf("integrated_lufs");
        assertEquals(-20.0, Double.parseDouble(tracks.get(1).split(",")[col]), 0.1);
        assertEquals(-8.0, Double.parseDouble(tracks.get(2).split(",")[col]), 0.1);

        List<String> header = List.of(tracks.get(0).split(","));
        for (String k : List.of("loudness_range_lu", "true_peak_dbtp", "plr_db", "dr_score", "spectral_centroid_hz", "crest_factor_db",
                "lr_correlation", "mono_loss_db", "qc")) {
            assertTrue(header.contains(k), k);
        }
        // identical channels: correlation +1, no mono loss; a clean -20 dBFS sine passes QC
        String[] quiet = tracks.get(1).split(",");
        assertEquals(1.0, Double.parseDouble(quiet[header.indexOf("lr_correlation")]), 1e-9);
        assertEquals(0.0, Double.parseDouble(quiet[header.indexOf("mono_loss_db")]), 1e-9);
        assertEquals("pass", quiet[header.indexOf("qc")]);
        // spectral centroid of a 1 kHz sine is 1 kHz (within the STFT's resolution)
        assertEquals(1000.0, Double.parseDouble(quiet[header.indexOf("spectral_centroid_hz")]), 30);

        List<String> outcomes = Files.readAllLines(out.resolve("outcomes.csv"));
        int profiles = mw.platforms.ProfileSet.bundled().size();
        assertEquals(1 + 2 * profiles, outcomes.size());
        assertTrue(outcomes.stream().anyMatch(l -> l.startsWith("b-loud.wav,spotify_normal,streaming,")), String.join("\n", outcomes));
        String spotifyLoud = outcomes.stream().filter(l -> l.startsWith("b-loud.wav,spotify_normal,")).findFirst().orElseThrow();
        assertTrue(spotifyLoud.contains(",-14.00,"), spotifyLoud);

        List<String> failed = Files.readAllLines(out.resolve("failed.csv"));
        assertEquals(2, failed.size());
        assertTrue(failed.get(1).contains("c-broken.wav"));

        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<h2>Index</h2>") && html.contains("href=\"#track-2\""), "index");
        assertTrue(html.contains("a-quiet.wav") && html.contains("b-loud.wav"));
        assertTrue(html.contains("id=failed") && html.contains("c-broken.wav"));
        assertTrue(html.contains("support.spotify.com"), "profile sources are cited");
        assertTrue(html.contains("charts/playback.png"));
        assertTrue(html.contains("tracks/track-001.html") && Files.size(out.resolve("tracks/track-001.html")) > 10_000);
    }

    @Test
    void studyOfTheBundledSampleAudioProducesTheReport() throws Exception {
        Path samples = Path.of("..", "sample-audio");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(samples), "no sample-audio folder");
        List<Path> flacs;
        try (var s = Files.list(samples)) {
            flacs = s.filter(p -> p.toString().endsWith(".flac")).sorted().toList();
        }
        Path out = dir.resolve("sa");
        Cli.Result r = Cli.run("study", samples.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(flacs.size() + " tracks analysed, 0 failed"), r.out());
        assertEquals(1 + flacs.size(), Files.readAllLines(out.resolve("tracks.csv")).size());
        String html = Files.readString(out.resolve("index.html"));
        for (Path f : flacs) {
            assertTrue(html.contains(f.getFileName().toString()), f.toString());
        }
    }

    @Test
    void excerptsPlayAtTheChosenPlatformsGainAndADeliverySpecIsRefused() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Cli.writeSine(in.resolve("loud.wav"), -8, 4);
        Cli.Result bad = Cli.run("study", in.toString(), "--out", dir.resolve("x").toString(), "--play-as", "ebu_r128");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("ebu_r128") && bad.err().contains("streaming"), bad.err());
        assertTrue(!Files.exists(dir.resolve("x")), "nothing written");
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("study", in.toString(), "--out", out.toString(), "--play-as", "apple_music");
        assertEquals(0, r.exit(), r.err());
        // Apple Music plays at -16 LUFS: the -8 dBFS sine (-8 LUFS, EBU Tech 3341) is turned down 8 dB
        mw.audio.AudioBuffer ex = mw.io.Audio.read(out.resolve("audio/track-001.wav"));
        assertEquals(4.0, ex.durationSeconds(), 1e-3);
        assertEquals(-16.0, 20 * Math.log10(ex.peak()), 0.05);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("audio/track-001.wav") && html.contains("as Apple Music plays it"), "player");
        assertTrue(html.contains("turn this down 6.0 dB"), "verdict");
    }

    @Test
    void missingOrEmptyFolderIsOneLineError() throws Exception {
        Cli.Result r = Cli.run("study", dir.resolve("nope").toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("mw: ") && r.err().contains("nope") && r.err().contains("does not exist"), r.err());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli.Result e = Cli.run("study", empty.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, e.exit());
        assertTrue(e.err().contains("holds no audio files"), e.err());
        assertTrue(!Files.exists(dir.resolve("o")), "nothing written");
    }
}
