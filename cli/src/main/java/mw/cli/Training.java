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
 * to a loudness target on one file, output discarded, so the classes both commands load are in the archive.
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
        try {
            // the first 3 seconds are enough to load every class (and run quickly without the JIT)
            try (AudioReader r = Audio.open(Path.of(args[0]))) {
                AudioFileInfo info = r.info();
                double[][] x = new double[info.channels()][3 * info.sampleRate()];
                int n = r.read(x, x[0].length);
                Audio.write(AudioBuffer.of(info.sampleRate(), info.layout(), x).slice(0, Math.max(0, n)), excerpt,
                        SampleFormat.PCM_24);
            }
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            Main.run("loudness", excerpt.toString());
            Main.run("master", excerpt.toString(), "-o", master.toString(), "--target-lufs", "-14", "--ceiling-dbtp", "-1");
        } finally {
            System.setOut(out);
            Files.deleteIfExists(master);
            Files.deleteIfExists(excerpt);
            Files.deleteIfExists(dir);
        }
        System.exit(0);
    }
}
