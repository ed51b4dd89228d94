package mw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.assistant.Assistant;
import mw.assistant.Corrections;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.platforms.ProfileSet;
import mw.processing.LoudnessTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mw assist}: recognise the style, propose a chain with intervals and a confidence, render it. */
@Command(name = "assist", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recognise a track's style (calibrated probabilities, out-of-distribution score), propose a "
                + "starting chain with 90 %% intervals and one confidence, and render it with -o.",
            "Exit status: 0 done, 2 bad input or parameter, 3 written but the loudness target was not reached."},
        footer = {"", "Examples:",
            "  mw assist mix.flac",
            "  mw assist mix.flac --platform spotify_normal -o master.wav",
            "  mw assist mix.flac --json",
            "  mw assist mix.flac -o master.wav --variations 3",
            "  mw assist mix.flac --corrections my-corrections.tsv --chose eq_high_db=1.5"})
final class AssistCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "input audio file (mono or stereo, at least 3 s)")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "render the proposal to this WAV file (never the input)")
    Path output;

    @Option(names = "--platform", paramLabel = "ID", description = "master to a platform's loudness and ceiling (ids: mw platforms --list)")
    String platform;

    @Option(names = "--style", paramLabel = "S", description = "use this style's profile instead of the recognised styles")
    String style;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Option(names = "--variations", paramLabel = "N", description = "with -o: render N masters across the intervals (OUT-A.wav, OUT-B.wav, ...)")
    Integer variations;

    @Option(names = "--model", paramLabel = "MODEL.json", description = "a model written by 'mw style train' (default: the bundled one)")
    Path modelFile;

    @Option(names = "--corrections", paramLabel = "FILE.tsv", description = "the engineer's corrections: adapt to them, and record --chose there")
    Path correctionsFile;

    @Option(names = "--chose", paramLabel = "NAME=VALUE", split = ",",
            description = "record what you chose instead of the proposal (needs --corrections), e.g. eq_high_db=1.5")
    Map<String, Double> chose;

    @Option(names = "--bits", paramLabel = "16|24|32f", defaultValue = "24", description = "output sample format (default ${DEFAULT-VALUE})")
    String bits;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (chose != null && correctionsFile == null) {
            throw new WorkbenchException("--chose needs --corrections FILE.tsv to record the choice in");
        }
        if (variations != null && output == null) {
            throw new WorkbenchException("--variations needs -o OUT to render them");
        }
        SampleFormat format = MasterCommand.parseBits(bits);
        AudioBuffer track = Audio.read(input);
        Assistant.Options opts = Assistant.Options.defaults().withModel(Assistant.model(modelFile));
        if (platform != null) {
            opts = opts.withPlatform(ProfileSet.bundled().get(platform));
        }
        if (style != null) {
            opts = opts.withStyle(style);
        }
        Corrections corrections = correctionsFile == null ? null : Corrections.open(correctionsFile);
        if (corrections != null) {
            opts = opts.withCorrections(corrections);
        }
        Assistant.Proposal p;
        try {
            p = Assistant.propose(track, opts);
        } catch (WorkbenchException e) {
            throw new WorkbenchException(input, e.getMessage(), e);
        }
        if (json) {
            out.println(toJson(p));
        } else {
            print(out, p);
        }
        if (chose != null) {
            corrections.record(p, chose);
            if (!json) {
                out.println("recorded in " + correctionsFile + ": " + chose);
            }
        }
        int exit = 0;
        if (output != null) {
            List<Assistant.Variation> vs = variations == null ? List.of(new Assistant.Variation("", p, "the proposal"))
                    : Assistant.variations(p, variations);
            for (Assistant.Variation v : vs) {
                Path dest = v.name().isEmpty() ? output : suffixed(output, v.name());
                if (dest.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
                    throw new WorkbenchException(dest, "is the input file; refusing to overwrite it");
                }
                LoudnessTarget.Result r = Assistant.render(track, v.proposal());
                Audio.writeGuarded(r.audio(), dest, format, List.of(input));
                if (!r.reached()) {
                    exit = MasterCommand.EXIT_TARGET_MISSED;
                }
                if (!json) {
                    out.printf(Locale.ROOT, "wrote %s: %.1f LUFS, %.1f dBTP%s%s%n", dest, r.outputLufs(), r.outputTruePeakDbtp(),
                            v.name().isEmpty() ? "" : " (" + v.differs() + ")", r.reached() ? "" : "; target NOT reached: " + r.reason());
                }
            }
        }
        return exit;
    }

    static Path suffixed(Path out, String name) {
        String f = out.getFileName().toString();
        int dot = f.lastIndexOf('.');
        String n = dot > 0 ? f.substring(0, dot) + "-" + name + f.substring(dot) : f + "-" + name;
        return out.resolveSibling(n);
    }

    static void print(PrintWriter out, Assistant.Proposal p) {
        out.println("styles (calibrated probability):");
        p.styles().entrySet().stream().limit(4).forEach(e ->
                out.printf(Locale.ROOT, "  %-11s %.2f%n", e.getKey(), e.getValue()));
        out.printf(Locale.ROOT, "out-of-distribution score %.3f (%s)%n", p.oodScore(), p.familiar() ? "familiar" : "UNFAMILIAR");
        out.println("settings (90 % interval):");
        for (Assistant.Setting s : p.settings().values()) {
            out.printf(Locale.ROOT, "  %-18s %8.2f  [%7.2f, %7.2f] %-5s %s%n", s.name(), s.value(), s.low(), s.high(), s.unit(), s.basis());
        }
        out.printf(Locale.ROOT, "confidence %.2f: %s%n", p.confidence(), p.applyAutomatically() ? "apply automatically" : "review by hand");
        out.println("chain: " + p.chain());
        out.println("why:");
        p.explanations().forEach(e -> out.println("  - " + e));
    }

    static String toJson(Assistant.Proposal p) throws Exception {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("styles", p.styles());
        o.put("ood_score", p.oodScore());
        o.put("familiar", p.familiar());
        o.put("style", p.style());
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Assistant.Setting s : p.settings().values()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("value", s.value());
            v.put("low", s.low());
            v.put("high", s.high());
            v.put("unit", s.unit());
            v.put("basis", s.basis());
            settings.put(s.name(), v);
        }
        o.put("settings", settings);
        o.put("confidence", p.confidence());
        o.put("apply_automatically", p.applyAutomatically());
        o.put("chain", p.chain().stages().stream().map(st -> Map.of("type", st.type(), "parameters", st.parameters())).toList());
        o.put("target_curve_db", p.targetCurve());
        o.put("track_curve_db", p.trackCurve());
        o.put("explanations", p.explanations());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
    }
}
