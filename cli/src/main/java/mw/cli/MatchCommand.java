package mw.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.io.SampleFormat;
import mw.matching.Match;
import mw.matching.MatchPlan;
import mw.matching.MatchProfile;
import mw.matching.MatchSettings;
import mw.processing.LoudnessTarget;
import mw.view.MatchView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mw match}: makes targets sit like one or more references, explaining every move. */
@Command(name = "match", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Match the tonal balance (mid and side), width, loudness and dynamics of targets to references.",
            "Prints the plan with a reason for every move, then target/result/reference figures.",
            "Several targets or folders are matched to the same references, one master each, into the -o folder.",
            "Exit status: 0 done, 2 bad input or parameter, 3 written but the loudness was out of reach under the ceiling."},
        footer = {"", "Examples:",
            "  mw match mix.wav --ref reference.flac -o matched.wav",
            "  mw match mix.wav --ref a.flac --ref b.flac -o matched.wav --strength 70 --only tone,width --report out/",
            "  mw match album/ --ref reference.flac -o masters/ --target-lufs -14 --json"})
final class MatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TARGET", description = "audio files or folders to match")
    List<Path> targets;

    @Option(names = "--ref", required = true, paramLabel = "REF", description = "reference audio file (repeat for several; they are combined)")
    List<Path> refs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "output WAV file, or a folder when several targets are given (never an input)")
    Path output;

    @Option(names = "--bits", paramLabel = "16|24|32f", defaultValue = "24",
            description = "output sample format (16/24-bit PCM with TPDF dither, or 32-bit float; default ${DEFAULT-VALUE})")
    String bits;

    @Option(names = "--ceiling-dbtp", paramLabel = "C", defaultValue = "-1", description = "true-peak ceiling, dBTP (default ${DEFAULT-VALUE})")
    double ceilingDbtp;

    @Option(names = "--target-lufs", paramLabel = "L", description = "loudness to reach instead of the reference's, LUFS")
    Double targetLufs;

    @Option(names = "--strength", paramLabel = "PCT", defaultValue = "100", description = "how much of each move, 0-100 %% (default ${DEFAULT-VALUE})")
    double strength;

    @Option(names = "--only", paramLabel = "DIMS", description = "match only these: comma-separated tone, width, loudness, dynamics")
    String only;

    @Option(names = "--max-boost-db", paramLabel = "DB", defaultValue = "12", description = "largest EQ boost (default ${DEFAULT-VALUE})")
    double maxBoostDb;

    @Option(names = "--max-cut-db", paramLabel = "DB", defaultValue = "12", description = "largest EQ cut (default ${DEFAULT-VALUE})")
    double maxCutDb;

    @Option(names = "--smoothing-oct", paramLabel = "OCT", defaultValue = "1", description = "spectral smoothing width, octaves (default ${DEFAULT-VALUE})")
    double smoothingOctaves;

    @Option(names = "--no-content-guard", description = "follow the reference's balance fully even when the two seem to be parts of one piece (by default a pair that does is matched only as far as mastering would move it)")
    boolean noContentGuard;

    @Option(names = "--json", description = "one JSON object per target, one per line, instead of text")
    boolean json;

    @Option(names = "--report", paramLabel = "DIR", description = "also write an HTML report per target into DIR")
    Path reportDir;

    /** The first reference's own profile: the report's reference player plays it. */
    private MatchProfile firstReference;

    record Done(String name, double before, double after, double lufs, double tp, String status) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SampleFormat format = MasterCommand.parseBits(bits);
        MatchSettings settings = MatchSettings.defaults().withStrengthPercent(strength).withLimits(maxBoostDb, maxCutDb)
                .withSmoothingOctaves(smoothingOctaves).withCeilingDbtp(ceilingDbtp).withContentGuard(!noContentGuard);
        if (targetLufs != null) {
            settings = settings.withTargetLufs(targetLufs);
        }
        if (only != null) {
            settings = settings.only(only);
        }
        List<Path> files = new ArrayList<>();
        for (Path t : targets) {
            if (Files.isDirectory(t)) {
                files.addAll(Audio.listAudioFiles(t));
            } else {
                files.add(t);
            }
        }
        if (files.isEmpty()) {
            throw new WorkbenchException("no audio files among the targets " + targets);
        }
        boolean many = files.size() > 1 || targets.stream().anyMatch(Files::isDirectory) || Files.isDirectory(output);
        for (Path r : refs) {
            Audio.info(r); // names an unreadable reference before any work
            if (isSame(r, output)) {
                throw new WorkbenchException(output, "is a reference; refusing to overwrite it");
            }
        }
        List<MatchProfile> refProfiles = new ArrayList<>();
        for (Path r : refs) {
            refProfiles.add(MatchProfile.of(r));
        }
        MatchProfile reference = MatchProfile.combine(refProfiles, null);
        firstReference = refProfiles.get(0);
        int exit = 0;
        List<Done> done = new ArrayList<>();
        for (Path in : files) {
            Path dst = many ? output.resolve(stem(in) + "-matched.wav") : output;
            try {
                int e = matchOne(in, dst, reference, settings, format, out, done);
                exit = Math.max(exit, e);
            } catch (WorkbenchException e) {
                err.println("mw: " + e.getMessage());
                err.flush();
                done.add(new Done(in.getFileName().toString(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, "failed"));
                exit = 2;
                if (!many) {
                    break;
                }
            }
        }
        if (many && !json) {
            out.println();
            out.printf(Locale.ROOT, "%-32s %10s %10s %9s %8s  %s%n", "track", "dist (dB)", "after (dB)", "LUFS", "dBTP", "status");
            for (Done d : done) {
                out.printf(Locale.ROOT, "%-32s %10s %10s %9s %8s  %s%n", d.name, f2(d.before), f2(d.after), f2(d.lufs), f2(d.tp), d.status);
            }
        }
        out.flush();
        return exit;
    }

    private int matchOne(Path in, Path dst, MatchProfile reference, MatchSettings settings, SampleFormat format,
                         PrintWriter out, List<Done> done) {
        AudioFileInfo info = Audio.info(in);
        for (Path r : refs) {
            if (isSame(in, r)) {
                throw new WorkbenchException(in, "is also given as a reference; matching a file to itself changes nothing");
            }
        }
        if (isSame(in, dst)) {
            throw new WorkbenchException(dst, "is the input file; refusing to overwrite it");
        }
        // a target that fits in memory is decoded once: its profile and its render both come from that copy
        boolean inMemory = LoudnessTarget.fitsInMemory(info.frames(), info.channels());
        AudioBuffer audio = inMemory ? Audio.read(in) : null;
        MatchPlan plan = Match.plan(inMemory ? MatchProfile.of(audio, in) : MatchProfile.of(in), reference, settings);
        if (!json) {
            out.printf(Locale.ROOT, "%s -> %s (%d Hz, %d ch) matched to %s%n", in, dst, info.sampleRate(), info.channels(),
                    reference.name());
            for (MatchPlan.Move m : plan.moves()) {
                out.println("  " + m);
            }
            if (!plan.eq().isEmpty()) {
                out.print("  parametric form:");
                for (MatchPlan.EqBand b : plan.eq()) {
                    out.print(" [" + b + "]");
                }
                out.printf(Locale.ROOT, " (within %.2f dB of the FIR curve)%n", plan.eqFitErrorDb());
            }
            out.flush();
        }
        long total = Math.max(1, info.frames());
        LoudnessTarget.Result r;
        try (Progress progress = new Progress("matching", total)) {
            java.util.function.LongConsumer p = d -> progress.set(d, in.getFileName().toString());
            r = inMemory ? plan.apply(audio, in, dst, format, p) : plan.apply(in, dst, format, p);
        }
        audio = null;
        // the output is measured once, as written (dither included): loudness, true peak and spectra in one pass
        MatchProfile result = MatchProfile.of(dst);
        double outLufs = result.loudness().integratedLufs();
        double outTp = result.loudness().truePeakDbtp();
        MatchPlan.Figures measured = Match.measure(result, reference);
        String status = r.reached() ? "ok" : "loudness out of reach";
        if (reportDir != null) {
            try {
                Files.createDirectories(reportDir);
            } catch (IOException e) {
                throw new WorkbenchException(reportDir, "cannot be created: " + e.getMessage(), e);
            }
            List<Path> inputs = new ArrayList<>(refs);
            inputs.add(in);
            inputs.add(dst);
            MatchView.Excerpts x = MatchView.writeExcerpts(plan, in, dst, refs.get(0), firstReference, reportDir, stem(in), inputs);
            MatchView.writeReport(plan, result, measured, x, reportDir.resolve(stem(in) + "-match.html"));
        }
        if (json) {
            ObjectNode o = plan.toJson();
            o.put("input", in.toString());
            o.put("output", dst.toString());
            ObjectNode m = o.putObject("result");
            m.put("integrated_lufs", r2(outLufs));
            m.put("true_peak_dbtp", r2(outTp));
            m.put("mid_distance_db", r2(measured.midDistanceDb()));
            putNum(m, "side_distance_db", measured.sideDistanceDb());
            putNum(m, "width_db", measured.widthDb());
            m.put("plr_db", r2(measured.plrDb()));
            m.put("loudness_range_lu", r2(measured.loudnessRangeLu()));
            m.put("loudness_reached", r.reached());
            if (!r.reached()) {
                m.put("why", r.reason());
            }
            out.println(o);
        } else {
            out.printf(Locale.ROOT, "  %-30s %10s %10s %10s %10s%n", "", "target", "predicted", "result", "reference");
            row(out, "spectral distance mid (dB)", plan.before().midDistanceDb(), plan.after().midDistanceDb(), measured.midDistanceDb(), 0);
            row(out, "spectral distance side (dB)", plan.before().sideDistanceDb(), plan.after().sideDistanceDb(),
                    measured.sideDistanceDb(), Double.NaN);
            row(out, "width side/mid (dB)", plan.before().widthDb(), plan.after().widthDb(), measured.widthDb(),
                    plan.referenceFigures().widthDb());
            row(out, "integrated (LUFS)", plan.before().integratedLufs(), plan.after().integratedLufs(), outLufs,
                    plan.referenceFigures().integratedLufs());
            row(out, "true peak (dBTP)", plan.before().truePeakDbtp(), plan.after().truePeakDbtp(), outTp,
                    plan.referenceFigures().truePeakDbtp());
            row(out, "PLR (dB)", plan.before().plrDb(), plan.after().plrDb(), measured.plrDb(), plan.referenceFigures().plrDb());
            row(out, "loudness range (LU)", plan.before().loudnessRangeLu(), plan.after().loudnessRangeLu(),
                    measured.loudnessRangeLu(), plan.referenceFigures().loudnessRangeLu());
            if (!r.reached()) {
                out.println("  loudness NOT reached: " + r.reason());
            }
            out.printf(Locale.ROOT, "done %s: distance %.2f -> %.2f dB, %.2f LUFS, %.2f dBTP%s%n", in.getFileName(),
                    plan.before().midDistanceDb(), measured.midDistanceDb(), outLufs, outTp,
                    r.reached() ? "" : " (loudness out of reach)");
        }
        out.flush();
        done.add(new Done(in.getFileName().toString(), plan.before().midDistanceDb(), measured.midDistanceDb(), outLufs,
                outTp, status));
        return r.reached() ? 0 : MasterCommand.EXIT_TARGET_MISSED;
    }

    private static void row(PrintWriter out, String name, double a, double b, double c, double d) {
        out.printf(Locale.ROOT, "  %-30s %10s %10s %10s %10s%n", name, f2(a), f2(b), f2(c), f2(d));
    }

    private static String f2(double v) {
        return mw.view.Format.number(v, 2);
    }

    private static double r2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static void putNum(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, r2(v));
        } else {
            o.putNull(k);
        }
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static boolean isSame(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }
}
