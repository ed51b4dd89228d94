package mw.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.io.Outputs;
import mw.io.SampleFormat;
import mw.processing.Chain;
import mw.processing.Presets;
import mw.view.Show;
import mw.workflow.Master;
import mw.workflow.MasterResult;
import mw.workflow.MasterTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mw master}: renders a master through a chain, optionally to a loudness target, and reports. */
@Command(name = "master", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render a master through a chain, to a loudness target under a true-peak ceiling.",
            "Prints loudness and true peak before and after, and what each stage did.",
            "Outputs: never an input, never two outputs on one path; an existing writable file is replaced, a read-only"
                + " one refused. Interrupted, it leaves nothing behind.",
            "Exit status: 0 done, 2 bad input or parameter, 3 written but the loudness target was not reached."},
        footer = {"", "Examples:",
            "  mw master mix.flac -o master.wav --target-lufs -14 --ceiling-dbtp -1",
            "  mw master mix.wav -o master.wav --bits 24 \\",
            "      --chain \"compressor:ratio=2,thresholdDb=-18; limiter:ceilingDbtp=-1\"",
            "  mw master mix.wav -o master.wav --preset gentle --target-lufs -16",
            "  mw master mix.wav -o master.wav --preset my-chain.json  # from --save-preset"})
final class MasterCommand implements Callable<Integer> {
    /** Exit status when the file was written but the target could not be reached. */
    static final int EXIT_TARGET_MISSED = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "input audio file (WAV, AIFF, FLAC, MP3, Ogg Vorbis)")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "output WAV file: never an input; an existing writable file is replaced, a read-only one refused;"
                    + " a device or pipe (/dev/null, /dev/stdout, a FIFO) is written into as a stream")
    Path output;

    @Option(names = "--preset", paramLabel = "FILE.json", description = "chain preset (JSON file, or a built-in name: gentle, streaming-loud)")
    String preset;

    @Option(names = "--chain", paramLabel = "SPEC", description = "chain spec: type:name=value,...; type:...")
    String chainSpec;

    @Option(names = "--target-lufs", paramLabel = "L", description = "integrated loudness to reach, LUFS (-70 to 0)")
    Double targetLufs;

    @Option(names = "--ceiling-dbtp", paramLabel = "C", description = "true-peak ceiling, dBTP (-20 to 0; default -1 with a target)")
    Double ceilingDbtp;

    @Option(names = "--max-limiting-db", paramLabel = "DB", defaultValue = "12",
            description = "largest limiter gain reduction accepted when reaching a target (default ${DEFAULT-VALUE})")
    double maxLimitingDb;

    @Option(names = "--bits", paramLabel = "16|24|32f", defaultValue = "24",
            description = "output sample format: 16 or 24-bit PCM (TPDF dither only where the word length is reduced: a copy at the"
                    + " same depth is bit-exact) or 32f, 32-bit float; default ${DEFAULT-VALUE}")
    String bits;

    @Option(names = "--save-preset", paramLabel = "FILE.json", description = "also save the chain used as a preset (never an input or the output)")
    Path savePreset;

    @Override
    public Integer call() {
        // parameters first: their messages are about the parameter, not the input
        SampleFormat format = parseBits(bits);
        if (preset != null && chainSpec != null) {
            throw new WorkbenchException("give either --preset or --chain, not both");
        }
        Chain chain = preset != null ? loadPreset(preset) : chainSpec != null ? Presets.parseSpec(chainSpec) : Chain.of();
        try {
            return run(format, chain);
        } catch (WorkbenchException e) {
            // every message names a file: the input when the problem has no file of its own
            throw e.about(input);
        }
    }

    private int run(SampleFormat format, Chain chain) {
        PrintWriter out = spec.commandLine().getOut();
        AudioFileInfo info = Audio.info(input);
        List<Path> inputs = new ArrayList<>(List.of(input));
        if (preset != null && Files.exists(Path.of(preset))) {
            inputs.add(Path.of(preset));
        }
        // every output is checked before the long work: never an input, never two outputs on one path
        Outputs run = Outputs.of(inputs);
        run.claim(output);
        if (savePreset != null) {
            run.claim(savePreset);
        }
        MasterTarget target = new MasterTarget(targetLufs == null ? Double.NaN : targetLufs,
                ceilingDbtp == null ? Double.NaN : ceilingDbtp, maxLimitingDb);
        if (chain.size() == 0 && !target.hasLoudness() && !target.hasCeiling()) {
            out.println("mw master: no chain given (--preset, --chain or --target-lufs): copying the audio as it is");
        }
        MasterResult result;
        try (Progress progress = new Progress("mastering", Math.max(1, info.frames()))) {
            result = Master.render(input, output, format, chain, target, d -> progress.set(d, input.getFileName().toString()));
        }
        out.print(Show.text(result));
        if (savePreset != null) {
            run.writeText(savePreset, Presets.toJson(chain));
            out.println("preset saved: " + savePreset);
        }
        out.flush();
        return result.reached() ? 0 : EXIT_TARGET_MISSED;
    }

    private static Chain loadPreset(String p) {
        Path file = Path.of(p);
        if (!Files.exists(file) && Presets.BUILT_IN.contains(p)) {
            return Presets.builtIn(p);
        }
        return Presets.read(file);
    }

    static SampleFormat parseBits(String s) {
        return SampleFormat.forOutput(s);
    }
}
