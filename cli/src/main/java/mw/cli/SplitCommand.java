package mw.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.repair.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mw split IN --out DIR}: writes the parts of {@link Split} as files, harmonic and percussive
 * (and residual with a margin above 1), or mid and side, each as long as the input.
 */
@Command(name = "split", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the parts of a file: harmonic and percussive (residual with --margin above 1), or mid and side.")
final class SplitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "input audio file (WAV, AIFF, FLAC, MP3, Ogg Vorbis)")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "folder for the parts, made if missing (mix.wav gives mix.harmonic.wav, mix.percussive.wav, ...)")
    Path outDir;

    @Option(names = "--mode", paramLabel = "hp|ms", defaultValue = "hp",
            description = "hp: harmonic/percussive (median filtering); ms: mid/side, two channels only (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--margin", paramLabel = "M", defaultValue = "1",
            description = "hp only: 1 gives soft masks and two parts; above 1 (up to 10) a third, residual part takes what is neither clearly harmonic nor clearly percussive (default: ${DEFAULT-VALUE})")
    double margin;

    @Option(names = "--bits", paramLabel = "16|24|32f", defaultValue = "24", description = "output sample format (default: ${DEFAULT-VALUE})")
    String bits;

    @Override
    public Integer call() {
        SampleFormat format = MasterCommand.parseBits(bits);
        WorkbenchException.checkRange("--margin", margin, 1, 10);
        Split split = switch (mode.toLowerCase(Locale.ROOT)) {
            case "hp" -> Split.harmonicPercussive(margin);
            case "ms" -> Split.midSide();
            default -> throw new WorkbenchException("--mode " + mode + " is not known; accepted: hp, ms");
        };
        List<String> names = mode.equalsIgnoreCase("ms") ? List.of("mid", "side")
                : margin > 1 ? List.of("harmonic", "percussive", "residual") : List.of("harmonic", "percussive");
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new WorkbenchException(outDir, "--out must be a folder; this is a file");
        }
        AudioBuffer audio = Audio.read(in);
        List<AudioBuffer> parts;
        try {
            parts = split.parts(audio);
        } catch (WorkbenchException e) {
            throw new WorkbenchException(in, e.getMessage(), e);
        }
        try {
            Files.createDirectories(outDir);
        } catch (java.io.IOException e) {
            throw new WorkbenchException(outDir, "cannot make the folder: " + e.getMessage(), e);
        }
        String name = in.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        System.out.println(in.getFileName() + ":");
        for (int k = 0; k < names.size(); k++) {
            Path out = outDir.resolve(stem + "." + names.get(k) + ".wav");
            AudioBuffer part = parts.get(k);
            Audio.writeGuarded(part, out, format, List.of(in));
            double peak = part.peak();
            System.out.println(String.format(Locale.ROOT, "  %-10s %s  (peak %s dBFS)", names.get(k), out,
                    peak > 0 ? String.format(Locale.ROOT, "%.1f", 20 * Math.log10(peak)) : "-inf"));
        }
        return 0;
    }
}
