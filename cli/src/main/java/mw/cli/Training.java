package mw.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.io.AudioReader;
import mw.io.SampleFormat;

/**
 * The run the launcher records its class-data sharing archive from: {@code mw loudness} and {@code mw master}
 * to a loudness target on one file, and {@code mw match} of it to the next excerpt, output discarded, so the
 * classes these commands load are in the archive.
 * Not a command; {@code ./mw} runs it once per build with the JIT off (the archive then holds no compiler
 * state of a short run, which kept the meter's loops from being compiled in later long runs).
 */
final class Training {
    private Training() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("mw-training");
        Path excerpt = dir.resolve("excerpt.wav");
        Path master = dir.resolve("master.wav");
        Path next = dir.resolve("next.wav");
        Path matched = dir.resolve("matched.wav");
        try {
            // the first 3 seconds are enough to load every class (and run quickly without the JIT)
            try (AudioReader r = Audio.open(Path.of(args[0]))) {
                AudioFileInfo info = r.info();
                Audio.write(next3s(r, info), excerpt, SampleFormat.PCM_24);
                Audio.write(next3s(r, info), next, SampleFormat.PCM_24);
            }
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            Main.run("loudness", excerpt.toString());
            Main.run("master", excerpt.toString(), "-o", master.toString(), "--target-lufs", "-14", "--ceiling-dbtp", "-1");
            Main.run("match", excerpt.toString(), "--ref", next.toString(), "-o", matched.toString());
        } finally {
            System.setOut(out);
            Files.deleteIfExists(master);
            Files.deleteIfExists(matched);
            Files.deleteIfExists(next);
            Files.deleteIfExists(excerpt);
            Files.deleteIfExists(dir);
        }
        System.exit(0);
    }

    /** The next 3 seconds of {@code r}, read until full or the end (a read may return less than asked). */
    private static AudioBuffer next3s(AudioReader r, AudioFileInfo info) {
        double[][] x = new double[info.channels()][3 * info.sampleRate()];
        double[][] part = new double[info.channels()][x[0].length];
        int got = 0;
        for (int g; got < x[0].length && (g = r.read(part, x[0].length - got)) > 0; got += g) {
            for (int c = 0; c < x.length; c++) {
                System.arraycopy(part[c], 0, x[c], got, g);
            }
        }
        return AudioBuffer.of(info.sampleRate(), info.layout(), x).slice(0, got);
    }
}
