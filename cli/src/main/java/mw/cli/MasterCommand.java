package mw.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.io.Outputs;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import mw.loudness.LoudnessReport;
import mw.processing.Chain;
import mw.processing.ChainReport;
import mw.processing.GainReduction;
import mw.processing.Limiter;
import mw.processing.LoudnessTarget;
import mw.processing.Presets;
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
            "  mw master mix.wav -o master.wav --chain \"eq:shape=highShelf,frequencyHz=8000,gainDb=1.5; "
                    + "compressor:ratio=2,thresholdDb=-18; limiter:ceilingDbtp=-1\" --bits 24",
            "  mw master mix.wav -o master.wav --preset gentle.json --target-lufs -16"})
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
        PrintWriter out = spec.commandLine().getOut();
        SampleFormat format = parseBits(bits);
        if (preset != null && chainSpec != null) {
            throw new WorkbenchException("give either --preset or --chain, not both");
        }
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
        Chain chain = preset != null ? loadPreset(preset) : chainSpec != null ? Presets.parseSpec(chainSpec) : Chain.of();
        // a device or a pipe cannot be read back: render to a private temporary file, measure it, then stream it in
        boolean stream = Outputs.isStream(output);
        Path rendered = stream ? Outputs.tempFile(Path.of(System.getProperty("java.io.tmpdir")),
                output.getFileName() + "", output) : output;
        try {
            return master(out, format, info, inputs, run, chain, rendered);
        } finally {
            if (stream) {
                Outputs.deleteTemp(rendered);
            }
        }
    }

    private int master(PrintWriter out, SampleFormat format, AudioFileInfo info, List<Path> inputs, Outputs run, Chain chain,
                       Path rendered) {
        LoudnessReport before;
        LoudnessReport after = null;
        long total = Math.max(1, info.frames());
        int exit = 0;
        String targetLine = null;
        ChainReport report;
        Chain used;
        try (Progress progress = new Progress("mastering", total)) {
            if (targetLufs != null) {
                double ceiling = ceilingDbtp == null ? -1.0 : ceilingDbtp;
                LoudnessTarget.Result r = LoudnessTarget.render(input, rendered, format, chain, targetLufs, ceiling,
                        maxLimitingDb, d -> progress.set(d, input.getFileName().toString()));
                report = r.report();
                before = r.input();
                after = r.output();
                // the target's gain stage sits just before the final limiter
                targetLine = String.format(Locale.ROOT, "target %.1f LUFS under %.1f dBTP: %s (stage %d gain %+.2f dB, %d renders)%s",
                        targetLufs, ceiling, r.reached() ? "reached" : "NOT reached", report.stages().size() - 1, r.gainDb(),
                        r.iterations(), r.reached() ? "" : "\n  why: " + r.reason());
                if (!r.reached()) {
                    exit = EXIT_TARGET_MISSED;
                }
                used = chain;
            } else {
                before = Loudness.of(input);
                if (ceilingDbtp != null) {
                    int last = chain.size() - 1;
                    if (last >= 0 && chain.get(last) instanceof Limiter l) {
                        l.ceilingDbtp(ceilingDbtp);
                    } else {
                        chain.add(Limiter.truePeak(ceilingDbtp));
                    }
                }
                if (chain.size() == 0) {
                    out.println("mw master: no chain given (--preset, --chain or --target-lufs): copying the audio as it is");
                }
                report = chain.render(input, rendered, format, d -> progress.set(d, input.getFileName().toString()));
                used = chain;
            }
        }
        if (after == null) {
            after = Loudness.of(rendered);
        }
        if (!rendered.equals(output)) {
            Outputs.write(output, inputs, o -> Files.copy(rendered, o));
        }
        out.printf(Locale.ROOT, "%s -> %s (%s)%n", input, output,
                format.isFloat() ? format.label() : format.label() + " with TPDF dither");
        // the stages as rendered: with a target these include the gain (and limiter) it adds
        out.println("chain:");
        if (report.stages().isEmpty()) {
            out.println("  (none)");
        }
        for (ChainReport.Stage s : report.stages()) {
            out.printf(Locale.ROOT, "  %d. %s%n", s.index(), s.processor());
        }
        if (targetLufs != null) {
            int n = report.stages().size();
            out.printf(Locale.ROOT, "  (the target sets the gain of stage %d, in front of the true-peak limiter at stage %d)%n",
                    n - 1, n);
        }
        out.printf(Locale.ROOT, "%-22s %12s %12s%n", "", "before", "after");
        row(out, "integrated (LUFS)", before.integratedLufs(), after.integratedLufs());
        row(out, "loudness range (LU)", before.loudnessRangeLu(), after.loudnessRangeLu());
        row(out, "short-term max (LUFS)", before.shortTermMaxLufs(), after.shortTermMaxLufs());
        row(out, "true peak (dBTP)", before.truePeakDbtp(), after.truePeakDbtp());
        row(out, "sample peak (dBFS)", before.samplePeakDbfs(), after.samplePeakDbfs());
        out.println("stages:");
        out.printf(Locale.ROOT, "  input sample peak %.2f dBFS%n", report.inputPeakDbfs());
        for (ChainReport.Stage s : report.stages()) {
            GainReduction.Stats g = s.gainReduction();
            out.printf(Locale.ROOT, "  %d. %s: peak out %.2f dBFS%s%n", s.index(), shortName(s.processor()), s.peakOutDbfs(),
                    g == null ? "" : String.format(Locale.ROOT, ", gain reduction max %.2f dB, mean %.2f dB, active %.1f %% of the time",
                            g.maxDb(), g.meanDb(), 100 * g.activeFraction()));
        }
        if (targetLine != null) {
            out.println(targetLine);
        }
        if (savePreset != null) {
            run.writeText(savePreset, Presets.toJson(used));
            out.println("preset saved: " + savePreset);
        }
        out.flush();
        return exit;
    }

    private static Chain loadPreset(String p) {
        Path file = Path.of(p);
        if (!Files.exists(file) && Presets.BUILT_IN.contains(p)) {
            return Presets.builtIn(p);
        }
        return Presets.read(file);
    }

    private static String shortName(String description) {
        int b = description.indexOf('[');
        return b < 0 ? description : description.substring(0, b);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static void row(PrintWriter out, String name, double a, double b) {
        out.printf(Locale.ROOT, "%-22s %12s %12s%n", name, Double.isNaN(a) ? "-" : fmt(a), Double.isNaN(b) ? "-" : fmt(b));
    }

    static SampleFormat parseBits(String s) {
        return SampleFormat.forOutput(s);
    }
}
