package mw.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mw.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output guard: inputs, duplicate outputs, read-only files, devices, pipes, links, leftovers, names. */
class OutputsTest {
    @TempDir
    Path tmp;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Path file(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes(content));
        return p;
    }

    private List<String> names() throws IOException {
        try (var s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void neverWritesAnInputEvenThroughALinkOrAnotherSpelling() throws IOException {
        Path in = file("mix.wav", "audio");
        Path link = tmp.resolve("link.wav");
        Files.createSymbolicLink(link, in);
        Path hard = tmp.resolve("hard.wav");
        Files.createLink(hard, in);
        for (Path target : List.of(in, link, hard, tmp.resolve("sub/../mix.wav"))) {
            WorkbenchException e = assertThrows(WorkbenchException.class,
                    () -> Outputs.write(target, List.of(in), o -> o.write(bytes("json"))));
            assertTrue(e.getMessage().contains("is an input file"), e.getMessage());
        }
        assertArrayEquals(bytes("audio"), Files.readAllBytes(in));
    }

    @Test
    void oneRunNeverWritesTwoOutputsToOnePath() throws IOException {
        Outputs run = Outputs.of(List.of());
        Path a = tmp.resolve("out.wav");
        run.claim(a);
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> run.claim(tmp.resolve("./out.wav")));
        assertTrue(e.getMessage().contains("already an output of this run"), e.getMessage());
        run.writeText(a, "first");
        assertThrows(WorkbenchException.class, () -> run.writeText(a, "second"));
        assertEquals("first", Files.readString(a));
        // a second run may replace it
        Outputs.of(List.of()).writeText(a, "again");
        assertEquals("again", Files.readString(a));
    }

    @Test
    void replacesWritableFilesAndRefusesReadOnlyOnes() throws IOException {
        Path w = file("w.txt", "old");
        Outputs.write(w, List.of(), o -> o.write(bytes("new")));
        assertEquals("new", Files.readString(w));
        Path ro = file("ro.txt", "keep");
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r--r--"));
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> Outputs.write(ro, List.of(), o -> o.write(bytes("new"))));
        assertTrue(e.getMessage().contains("read-only") && e.getMessage().startsWith(ro.toString()), e.getMessage());
        assertEquals("keep", Files.readString(ro));
        assertEquals(List.of("ro.txt", "w.txt"), names());
    }

    @Test
    void aLinkStaysALinkAndItsFileIsReplaced() throws IOException {
        Path real = file("real.txt", "old");
        Path link = tmp.resolve("link.txt");
        Files.createSymbolicLink(link, real.getFileName());
        Outputs.write(link, List.of(), o -> o.write(bytes("new")));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void devNullIsWrittenIntoNotReplaced() throws IOException {
        Path dn = Path.of("/dev/null");
        assumeTrue(Files.exists(dn));
        Object before = Files.getAttribute(dn, "unix:mode");
        assertEquals(Outputs.Kind.STREAM, Outputs.check(dn, List.of()));
        Outputs.write(dn, List.of(), o -> o.write(new byte[100_000]));
        assertEquals(before, Files.getAttribute(dn, "unix:mode"));
        assertFalse(Files.isRegularFile(dn));
    }

    @Test
    void aNamedPipeIsStreamedInto() throws Exception {
        Path fifo = tmp.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo is available");
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Outputs.write(fifo, List.of(), o -> o.write(bytes("through the pipe")));
        assertEquals("through the pipe", new String(reader.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        assertFalse(Files.isRegularFile(fifo), "still a pipe");
        assertEquals(List.of("pipe"), names());
    }

    @Test
    void nothingNewIsCreatedInDev() {
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> Outputs.check(Path.of("/dev/mw-no-such-device"), List.of()));
        assertTrue(e.getMessage().contains("nothing is created in /dev or /proc"), e.getMessage());
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        Path out = tmp.resolve("x.wav");
        assertThrows(IllegalStateException.class, () -> Outputs.write(out, List.of(), o -> {
            o.write(new byte[1000]);
            throw new IllegalStateException("the render failed");
        }));
        assertEquals(List.of(), names());
    }

    @Test
    void leftoversOfAKilledProcessAreRemovedByTheNextWrite() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        assumeTrue(ProcessHandle.of(dead).isEmpty());
        Path leftover = file(".master.wav." + dead + "-123456789" + Outputs.TEMP_SUFFIX, "half a master");
        Path alive = file(".master.wav." + ProcessHandle.current().parent().orElseThrow().pid() + "-5" + Outputs.TEMP_SUFFIX, "busy");
        Path unrelated = file(".master.wav.123.part", "not ours");
        assertTrue(Outputs.isTempName(leftover.getFileName().toString()));
        Outputs.write(tmp.resolve("other.wav"), List.of(), o -> o.write(bytes("x")));
        assertFalse(Files.exists(leftover), "the dead process's temporary file is removed");
        assertTrue(Files.exists(alive), "a running process's temporary file is kept");
        assertTrue(Files.exists(unrelated));
    }

    @Test
    void uniqueNamesPerInput() {
        assertEquals(List.of("y-wav", "y-flac", "z"),
                Outputs.uniqueStems(List.of(Path.of("a/y.wav"), Path.of("a/y.flac"), Path.of("a/z.mp3"))));
        // names differing only in non-ASCII letters stay apart; the same name in two folders gets a number
        assertEquals(List.of("café", "cafè"), Outputs.uniqueStems(List.of(Path.of("café.wav"), Path.of("cafè.wav"))));
        assertEquals(List.of("x-wav", "x-wav-2"), Outputs.uniqueStems(List.of(Path.of("a/x.wav"), Path.of("b/x.wav"))));
        // composed and decomposed spellings of one name, and names differing in case, are one name to some file systems
        String nfd = java.text.Normalizer.normalize("café", java.text.Normalizer.Form.NFD);
        List<String> s = Outputs.uniqueStems(List.of(Path.of("café.wav"), Path.of(nfd + ".flac"), Path.of("Y.wav"), Path.of("y.aiff")));
        assertEquals(4, s.stream().map(x -> x.toLowerCase(java.util.Locale.ROOT)).distinct().count(), s.toString());
    }
}
