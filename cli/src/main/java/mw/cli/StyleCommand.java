package mw.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mw.assistant.Corpus;
import mw.assistant.StyleTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mw style}: trains the assistant's style model on a labelled folder. */
@Command(name = "style", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the assistant's style model and settings regressors on a labelled corpus."},
        subcommands = {StyleCommand.Train.class})
final class StyleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Train on DIR, a folder of folders (folder name = style label). A file's group is its name before "
                + "\"__\"; DIR/labels.tsv (columns file, group, split) may set groups and a held-out test split. "
                + "Prints grouped cross-validated accuracy, the held-out evaluation and a confusion matrix; "
                + "unreadable files are skipped and listed."},
            footer = {"", "Example:", "  mw style train out/assistant-corpus -o style-model.json --report training.md"})
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "corpus folder")
        Path dir;

        @Option(names = {"-o", "--output"}, paramLabel = "MODEL.json", description = "where to write the model")
        Path output;

        @Option(names = "--report", paramLabel = "FILE.md", description = "where to write the training report (Markdown)")
        Path report;

        @Option(names = "--heldout", paramLabel = "FILE.tsv", description = "also write the held-out rows (features and true settings)")
        Path heldout;

        @Option(names = "--degradations", paramLabel = "N", defaultValue = "2",
                description = "damaged copies of each excerpt for the settings regressors (default ${DEFAULT-VALUE})")
        int degradations;

        @Option(names = "--cache", paramLabel = "FILE.tsv",
                description = "feature cache (default DIR/features-v1.tsv); delete it to re-analyse")
        Path cache;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<Corpus.Item> items = Corpus.scan(dir);
            List<String> skipped = new ArrayList<>();
            Path c = cache != null ? cache : dir.resolve("features-v1.tsv");
            out.printf(Locale.ROOT, "%d files in %d styles; analysing (features cached in %s)%n", items.size(),
                    items.stream().map(Corpus.Item::label).distinct().count(), c);
            out.flush();
            var rows = StyleTrainer.features(items, degradations, c, msg -> {
                err.println(msg);
                err.flush();
            }, skipped);
            var result = StyleTrainer.train(rows, dir.getFileName().toString(), skipped, msg -> {
                err.println(msg);
                err.flush();
            });
            out.println(result.reportMarkdown());
            if (output != null) {
                result.model().save(output);
                out.println("model written to " + output);
            }
            if (report != null) {
                StyleTrainer.writeReport(report, result.reportMarkdown());
                out.println("report written to " + report);
            }
            if (heldout != null) {
                StyleTrainer.writeHeldOut(rows, heldout);
                out.println("held-out rows written to " + heldout);
            }
            if (!skipped.isEmpty()) {
                err.println("skipped " + skipped.size() + " file(s):");
                skipped.forEach(s -> err.println("  " + s));
            }
            return 0;
        }
    }
}
