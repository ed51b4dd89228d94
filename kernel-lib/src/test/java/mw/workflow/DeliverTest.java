package mw.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import mw.platforms.ProfileSet;
import mw.view.Show;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery against the specifications' own terms: a CD master is Red Book (44.1 kHz, 16-bit, read here from
 * the WAV header bytes, not through the workbench's reader), a 48 kHz specification gets 48 kHz, a tone keeps
 * its frequency and level through the conversion (a -20 dBFS 997 Hz stereo sine reads -20 LUFS), listener
 * settings are refused, and a batch goes on past a bad file.
 */
class DeliverTest {
    @TempDir
    Path dir;

    /** Sample rate and bits per sample from a WAV file's fmt chunk (RIFF, little-endian). */
    static int[] wavFormat(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (pos + 8 <= b.limit()) {
            String id = new String(new byte[] {b.get(pos), b.get(pos + 1), b.get(pos + 2), b.get(pos + 3)},
                    java.nio.charset.StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            if (id.equals("fmt ")) {
                return new int[] {b.getInt(pos + 12), b.getShort(pos + 22)};
            }
            pos += 8 + size + (size & 1);
        }
        throw new AssertionError("no fmt chunk in " + f);
    }

    /** Frequency from the count of rising zero crossings over the middle of a channel. */
    static double frequency(double[] x, int fs) {
        int first = -1;
        int n = 0;
        for (int i = x.length / 10; i < 9 * x.length / 10; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                double t = i - 1 + x[i - 1] / (x[i - 1] - x[i]);
                if (first < 0) {
                    first = i;
                    n = 0;
                    firstT = t;
                }
                lastT = t;
                n++;
            }
        }
        return (n - 1) / ((lastT - firstT) / fs);
    }

    private static double firstT;
    private static double lastT;

    Path sine(String name, int fs, SampleFormat format) {
        AudioBuffer s = MasterTest.sine(-20, 4, fs);
        Path p = dir.resolve(name);
        Audio.write(s, p, format);
        return p;
    }

    @Test
    void aCdMasterIsRedBookAndA48kHzSpecificationGets48kHz() throws Exception {
        Path in = sine("mix.wav", 48_000, SampleFormat.FLOAT_32);
        DeliveryResult r = Deliver.of(in, List.of("cd", "netflix"), DeliverOptions.into(dir.resolve("out")));
        DeliverMaster cd = r.masters().get(0);
        assertEquals(44_100, wavFormat(cd.file())[0]);
        assertEquals(16, wavFormat(cd.file())[1]);
        assertTrue(cd.passed(), Show.text(r));
        assertEquals(2, cd.conversions().size(), cd.conversions().toString());
        // the CD does not normalise: the master keeps the input's -20 LUFS
        assertEquals(-20, Loudness.of(cd.file()).integratedLufs(), 0.1);
        AudioBuffer c = Audio.read(cd.file());
        assertEquals(997, frequency(c.channel(0), 44_100), 0.05);
        // 44.1 kHz, 24-bit input to a 48 kHz specification
        Path in44 = sine("mix44.wav", 44_100, SampleFormat.PCM_24);
        DeliverMaster nf = Deliver.of(in44, List.of("netflix"), DeliverOptions.into(dir.resolve("out"))).masters().get(0);
        assertEquals(48_000, wavFormat(nf.file())[0]);
        assertEquals(24, wavFormat(nf.file())[1]);
        assertEquals(-27, Loudness.of(nf.file()).integratedLufs(), 0.1);
        assertEquals(997, frequency(Audio.read(nf.file()).channel(0), 48_000), 0.05);
        assertTrue(nf.qc().checks().stream().anyMatch(q -> q.id().equals("sample_rate") && q.passed()));
    }

    @Test
    void a24BitCdMasterFailsRedBookQc() {
        // a profile file that takes 16-bit only, while the master is written at the profile's own format:
        // the QC check itself refuses a 24-bit file
        var p = ProfileSet.bundled().get("cd");
        var q = mw.platforms.QualityControl.check("x", MasterTest.sine(-20, 1, 44_100), -20, 24,
                mw.platforms.QualityControl.Limits.forProfile(p));
        assertTrue(q.checks().stream().anyMatch(c -> c.id().equals("bit_depth") && !c.passed()
                && c.limit().equals("16 bit linear PCM")), q.checks().toString());
        var r = mw.platforms.QualityControl.check("x", MasterTest.sine(-20, 1, 48_000), -20, 16,
                mw.platforms.QualityControl.Limits.forProfile(p));
        assertTrue(r.checks().stream().anyMatch(c -> c.id().equals("sample_rate") && !c.passed()));
    }

    @Test
    void listenerSettingsAreRefusedWithTheDeliverableIds() {
        Path in = sine("mix.wav", 48_000, SampleFormat.PCM_24);
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> Deliver.of(in, List.of("spotify_normal", "spotify_loud"), DeliverOptions.into(dir.resolve("o"))));
        assertTrue(e.getMessage().contains("spotify_loud is a listener setting") && e.getMessage().contains("accepted: spotify_normal,")
                && !e.getMessage().contains("spotify_quiet,"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("o")), "nothing written");
    }

    @Test
    void aBatchGoesOnPastABadFileAndTellsEachMaster() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("album"));
        Audio.write(MasterTest.sine(-20, 3, 48_000), folder.resolve("a.wav"), SampleFormat.PCM_24);
        Files.writeString(folder.resolve("b.wav"), "not audio");
        Audio.write(MasterTest.sine(-18, 3, 48_000), folder.resolve("c.wav"), SampleFormat.PCM_24);
        List<String> told = new ArrayList<>();
        DeliverBatch b = Deliver.batch(List.of(folder), ProfileSet.bundled().only(List.of("spotify_normal", "youtube")),
                DeliverOptions.into(dir.resolve("out")), new Deliver.Listener() {
                    @Override
                    public void master(Path input, DeliverMaster m) {
                        told.add(input.getFileName() + ":" + m.profile().id());
                    }

                    @Override
                    public void failed(Path input, String message) {
                        told.add(input.getFileName() + ":failed");
                    }
                });
        assertEquals(List.of("a.wav:spotify_normal", "a.wav:youtube", "b.wav:failed", "c.wav:spotify_normal", "c.wav:youtube"), told);
        assertEquals(2, b.results().size());
        assertEquals(1, b.failures().size());
        assertTrue(b.failures().get(0).message().contains("b.wav"), b.failures().get(0).message());
        assertEquals(-14, Loudness.of(dir.resolve("out/c.spotify_normal.wav")).integratedLufs(), 0.1);
        assertTrue(Show.text(b).contains("1 input failed"), Show.text(b));
        assertEquals(2, Show.jsonNode(b).get("inputs").size());
    }
}
