package mw.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.io.Outputs;
import mw.io.SampleFormat;
import mw.platforms.ProfileSet;
import mw.processing.LoudnessTarget;
import mw.view.HtmlReport;
import mw.view.Show;
import mw.workflow.Deliver;
import mw.workflow.DeliverBatch;
import mw.workflow.DeliverMaster;
import mw.workflow.DeliverOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mw deliver}: {@link Deliver} on one or more files, a line per master as it is written, and the reports. */
@Command(name = "deliver", mixinStandardHelpOptions = true,
        description = {"One master per platform at its loudness target under its true-peak ceiling, each measured"
                + " again, with a delivery report (deliver.html, deliver.json) of technical specs and QC checks.",
            "Each master goes through a gain stage and a true-peak limiter at the platform's ceiling, rendered"
                + " until it measures within 0.1 LU of the target; when that needs more limiting than --max-limiting-db"
                + " the report says how far from the target the master is.",
            "A specification's own format is kept: broadcast, film and game masters are resampled to 48 kHz and"
                + " a CD master to 44.1 kHz, 16-bit with TPDF dither (Red Book), whatever --bits says.",
            "Listener settings (spotify_quiet, spotify_loud) are outcomes, not deliverables: see mw platforms.",
            "Several files or folders: a line per master as it is written; a file that cannot be read is listed at"
                + " the end and the others are delivered.",
            "Exit status 0 when every master passes, 1 when a check fails, 2 on bad input (in a batch: when an input"
                + " failed)."},
        footer = {"", "Examples:",
            "  mw deliver master.wav --platforms spotify_normal,cd --out out/deliver",
            "  mw deliver album/ single.flac --platforms netflix,atsc_a85 --out out/deliver"})
final class DeliverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "IN", description = "the masters to deliver: files or folders of audio files")
    List<Path> inputs;

    @Option(names = "--platforms", paramLabel = "ID,ID", split = ",", required = true,
            description = "profile ids to deliver for (see: mw platforms --list; listener settings are refused)")
    List<String> platforms;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out = Path.of("out", "deliver");

    @CommandLine.Mixin
    ProfileOptions profileOptions = new ProfileOptions();

    @Option(names = "--max-limiting-db", paramLabel = "DB",
            description = "most limiter gain reduction accepted to reach a target (default ${DEFAULT-VALUE} dB)")
    double maxLimitingDb = LoudnessTarget.DEFAULT_MAX_LIMITING_DB;

    @Option(names = "--codec-check",
            description = "also encode each master with its platform's lossy codec (ffmpeg) and check the decoded true peak")
    boolean codecCheck;

    @Option(names = "--bits", paramLabel = "16|24|32f", description = "sample format of the masters: 16 or 24-bit PCM, or 32f"
            + " (32-bit float; 32 means the same); a profile that names its own (a CD: 16) gets that; default ${DEFAULT-VALUE}")
    String bits = "24";

    @Override
    public Integer call() {
        // parameters first: their messages are about the parameter, not the input
        SampleFormat format = SampleFormat.forOutput(bits);
        ProfileSet ps = profileOptions.profileSet().only(platforms);
        DeliverOptions options = new DeliverOptions(out, format, maxLimitingDb, codecCheck);
        Deliver.deliverable(ps);
        boolean single = inputs.size() == 1 && !Files.isDirectory(inputs.get(0));
        try {
            return deliver(ps, options, single);
        } catch (WorkbenchException e) {
            // every message names a file: the input when the problem has no file of its own
            throw single ? e.about(inputs.get(0)) : e;
        }
    }

    private int deliver(ProfileSet ps, DeliverOptions options, boolean single) {
        PrintWriter o = spec.commandLine().getOut();
        List<Path> files = Deliver.expand(inputs);
        // the reports are checked before the long work: never an input
        Outputs run = Outputs.of(files);
        Path json = run.claim(out.resolve("deliver.json"));
        Path html = run.claim(out.resolve("deliver.html"));
        long total = (long) files.size() * ps.size();
        DeliverBatch batch;
        try (Progress p = new Progress("deliver", total)) {
            long[] done = {0};
            Deliver.Listener listener = new Deliver.Listener() {
                @Override
                public void master(Path input, DeliverMaster m) {
                    p.set(++done[0], m.profile().id());
                    o.println(Show.text(m));
                    o.flush();
                }

                @Override
                public void failed(Path input, String message) {
                    o.println("FAILED " + message);
                    o.flush();
                }
            };
            if (single) {
                // one file: a file that cannot be read is a bad input (exit 2), as for every command
                batch = new DeliverBatch(List.of(Deliver.of(files.get(0), ps, options, listener)), List.of());
            } else {
                batch = Deliver.batch(files, ps, options, listener);
            }
        }
        Object shown = single ? batch.results().get(0) : batch;
        run.writeText(json, Show.json(shown) + "\n");
        String title = single ? "Delivery report: " + files.get(0).getFileName() : "Delivery report: " + files.size() + " inputs";
        run.writeText(html, Show.addTo(HtmlReport.titled(title), shown).toHtml());
        String summary = Show.text(shown);
        o.print(summary.substring(summary.indexOf("deliver: ")));
        o.println("report: " + html);
        o.flush();
        if (!batch.failures().isEmpty()) {
            return 2;
        }
        return batch.passed() ? 0 : 1;
    }
}
