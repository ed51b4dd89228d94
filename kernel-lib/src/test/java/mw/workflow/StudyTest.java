package mw.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.view.Show;
import mw.view.StudyView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyTest {
    @TempDir
    Path dir;

    /** A stereo 1 kHz sine of peak A dBFS measures A LUFS (EBU Tech 3341, case 1). */
    private static AudioBuffer sine(double dbfs, double seconds) {
        int rate = 48000;
        double a = Math.pow(10, dbfs / 20);
        double[] x = new double[(int) (seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = a * Math.sin(2 * Math.PI * 1000.0 * i / rate);
        }
        return AudioBuffer.of(rate, x, x.clone());
    }

    @Test
    void aFolderBecomesTracksOutcomesAndFailuresAsData() throws Exception {
        Audio.write(sine(-20, 4), dir.resolve("a-quiet.wav"), SampleFormat.FLOAT_32);
        Audio.write(sine(-8, 4), dir.resolve("b-loud.wav"), SampleFormat.FLOAT_32);
        Files.write(dir.resolve("c-broken.wav"), new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E'});
        List<String> heard = new ArrayList<>();
        StudyResult s = Study.of(dir, StudySettings.defaults(), new StudyListener() {
            @Override
            public void analysed(int index, int total, StudyTrack t, mw.analysis.Analysis a) {
                heard.add(index + "/" + total + " " + t.name() + (a.spectrogram() != null ? " +spectrogram" : ""));
            }

            @Override
            public void failed(int index, int total, StudyFailure f) {
                heard.add(index + "/" + total + " failed " + f.file().getFileName());
            }
        });
        assertEquals(List.of("0/3 a-quiet.wav +spectrogram", "1/3 b-loud.wav +spectrogram", "2/3 failed c-broken.wav"), heard);
        assertEquals(2, s.tracks().size());
        assertEquals(1, s.failed().size());
        assertTrue(s.failed().get(0).message().contains("c-broken.wav"), s.failed().get(0).message());
        StudyTrack loud = s.track("b-loud.wav");
        assertEquals(2, loud.number());
        assertEquals(-8.0, loud.loudness().integratedLufs(), 0.1);
        assertEquals(-20.0, s.track("a-quiet.wav").loudness().integratedLufs(), 0.1);
        // a 1 kHz sine's energy sits in the 1 kHz third-octave band; the mid signal is the sine itself, whose
        // band level in dBFS (AES17: a sine of peak A reads A) equals its loudness A: 0 dB relative
        int k1000 = 0;
        for (int i = 0; i < loud.tonalBalanceHz().length; i++) {
            if (Math.abs(loud.tonalBalanceHz()[i] - 1000) < 1) {
                k1000 = i;
            }
        }
        assertEquals(0.0, loud.tonalBalanceDb()[k1000], 0.3);
        // Spotify (normal) plays at -14 LUFS: the -8 LUFS sine is turned down 6 dB
        assertEquals(-6.0, s.outcomes().get("b-loud.wav", "spotify_normal").gainDb(), 0.1);
        assertEquals(s.settings().profiles().size(), s.outcomes(loud).size());
        assertTrue(s.streaming(loud).stream().allMatch(o -> o.kind() == mw.platforms.Profile.Kind.STREAMING));
        assertEquals(s.outcomes(loud).size(), s.streaming(loud).size() + s.specifications(loud).size());
        // the excerpt as Spotify plays it: the whole 4 s (shorter than 15 s), peak 6 dB lower
        AudioBuffer ex = s.excerpt(loud, "spotify_normal");
        assertEquals(4.0, ex.durationSeconds(), 1e-3);
        assertEquals(-14.0, 20 * Math.log10(ex.peak()), 0.05);
        // the verdict names the platforms and amounts from their references (-14, -15, -16 LUFS)
        String v = StudyView.verdict(s, loud);
        assertTrue(v.startsWith("Spotify, YouTube, TIDAL and Amazon Music turn this down 6.0 dB, Deezer 7.0 dB, Apple Music 8.0 dB"), v);
        assertTrue(v.contains("true peak -8.0 dBTP"), v);
        // shown like every result: the tracks table has a row per track
        assertTrue(Show.hasPresenter(s) && Show.hasPresenter(loud));
        assertEquals(2, Show.table(s).rowCount());
    }

    @Test
    void theExcerptIsTakenAroundTheLoudestPassage() throws Exception {
        // 30 s at -30 dBFS with 5 s at -10 dBFS from 20 s: the 15 s excerpt holds the loud part
        AudioBuffer quiet = sine(-30, 30);
        double[][] x = quiet.toArrays();
        double g = Math.pow(10, 20 / 20.0);
        for (double[] ch : x) {
            for (int i = 20 * 48000; i < 25 * 48000; i++) {
                ch[i] *= g;
            }
        }
        Audio.write(AudioBuffer.of(48000, x), dir.resolve("swell.wav"), SampleFormat.FLOAT_32);
        StudyResult s = Study.of(dir.resolve("swell.wav"), StudySettings.defaults().withTruePeakCeiling(-1.0));
        StudyTrack t = s.tracks().get(0);
        double start = t.excerptStartSeconds();
        assertTrue(start <= 20 && start + 15 >= 25 && start + 15 <= 30.001, "15 s excerpt around 20-25 s, starts at " + start);
    }

    @Test
    void aMissingFolderOrOneWithoutAudioIsOneClearError() throws Exception {
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> Study.of(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("does not exist"), e.getMessage());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        e = assertThrows(WorkbenchException.class, () -> Study.of(empty));
        assertTrue(e.getMessage().contains("holds no audio files"), e.getMessage());
    }
}
