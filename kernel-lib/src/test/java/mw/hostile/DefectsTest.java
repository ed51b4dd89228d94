package mw.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Outputs;
import mw.io.SampleFormat;
import mw.processing.Chain;
import mw.processing.LoudnessTarget;
import mw.processing.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per defect found by hostile use of the library: each stays fixed. */
class DefectsTest {
    @TempDir
    Path tmp;

    @Test
    void duplicateParametersInAChainSpecAreRejected() {
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> Presets.parseSpec("gain:gainDb=1,gainDb=7"));
        assertTrue(e.getMessage().contains("'gainDb' is given twice"), e.getMessage());
        assertThrows(WorkbenchException.class, () -> Presets.parseSpec("gain:gainDb=1,GAINDB=7"));
    }

    @Test
    void duplicateKeysInAPresetAreRejected() {
        String json = "{\"format\": \"mastering-workbench-chain\", \"version\": 1, \"version\": 1, \"stages\": []}";
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> Presets.fromJson(json));
        assertTrue(e.getMessage().contains("Duplicate field 'version'"), e.getMessage());
        String stage = "{\"format\": \"mastering-workbench-chain\", \"version\": 1, \"stages\": "
                + "[{\"type\": \"gain\", \"gainDb\": 1, \"gainDb\": 9}]}";
        assertThrows(WorkbenchException.class, () -> Presets.fromJson(stage));
    }

    @Test
    void aPresetWithoutFormatIsRejected() {
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> Presets.fromJson("{\"version\": 1, \"stages\": []}"));
        assertTrue(e.getMessage().contains("has no \"format\""), e.getMessage());
    }

    @Test
    void bitsMessagesAgree() {
        String seven = assertThrows(WorkbenchException.class, () -> SampleFormat.forOutput("7")).getMessage();
        String eight = assertThrows(WorkbenchException.class, () -> SampleFormat.forOutput("8")).getMessage();
        assertEquals(seven.replace("7", "8"), eight);
        assertTrue(seven.endsWith("accepted: " + SampleFormat.OUTPUT_CHOICES), seven);
        assertEquals(SampleFormat.FLOAT_32, SampleFormat.forOutput("32"));
        assertEquals(SampleFormat.FLOAT_32, SampleFormat.forOutput("32f"));
        assertEquals(SampleFormat.PCM_16, SampleFormat.forOutput("16"));
    }

    @Test
    void aMessageWithoutAFileNamesItOnce() {
        Path f = Path.of("dir", "x.wav");
        assertEquals(f + ": the audio contains NaN", new WorkbenchException("x.wav: the audio contains NaN").about(f).getMessage());
        assertEquals(f + ": bad", new WorkbenchException("bad").about(f).getMessage());
        WorkbenchException named = new WorkbenchException(Path.of("other.wav"), "bad");
        assertSame(named, named.about(f));
    }

    @Test
    void aShortFileIsNotCalledSilent() {
        // 100 ms at -10.5 dBFS: too short for one 400 ms loudness block, and not silent
        AudioBuffer a = HostileCorpus.signals().get("100 ms sine at -10.5 dBFS");
        LoudnessTarget.Result r = LoudnessTarget.render(a, Chain.of(), -14, -1);
        assertFalse(r.reached());
        assertTrue(r.reason().contains("shorter than the one 400 ms block"), r.reason());
        assertFalse(r.reason().contains("silent"), r.reason());
    }

    @Test
    void aFullDiskNamesTheOutputNotTheTemporaryFile() {
        Path out = tmp.resolve("track-001.html");
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> Outputs.write(out, List.of(), o -> {
            throw new IOException(tmp.resolve(".track-001.html.1-2.mw-part") + ": No space left on device");
        }));
        assertTrue(e.getMessage().startsWith(out + ": cannot be written: the disk is full"), e.getMessage());
        assertFalse(e.getMessage().contains(".mw-part"), e.getMessage());
    }

    @Test
    void theFullDiskMessageComesFromARealFullDisk() throws Exception {
        Path mnt = Files.createDirectory(tmp.resolve("tiny"));
        org.junit.jupiter.api.Assumptions.assumeTrue(TinyDisk.mount(mnt), "needs a mountable tmpfs (root)");
        try {
            Path out = mnt.resolve("big.bin");
            WorkbenchException e = assertThrows(WorkbenchException.class,
                    () -> Outputs.write(out, List.of(), o -> o.write(new byte[1 << 20])));
            assertTrue(e.getMessage().startsWith(out + ": cannot be written: the disk is full"), e.getMessage());
            try (var s = Files.list(mnt)) {
                assertEquals(0, s.count(), "nothing left on the full disk");
            }
        } finally {
            TinyDisk.unmount(mnt);
        }
    }
}
