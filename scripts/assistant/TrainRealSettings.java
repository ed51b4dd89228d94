import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import mw.assistant.Assistant;
import mw.assistant.AssistantModel;
import mw.assistant.SettingsLearner;
import mw.io.Audio;

/**
 * Trains the assistant's EQ and width settings on undamaged real recordings (a corpus built by
 * build-real-settings-corpus.sh), replaces them in a model file, and writes the training report.
 * Every excerpt gives EXAMPLES random damages (seeded by its file name); intervals are split conformal with
 * whole packages held out (SettingsLearner).
 * Silent excerpts are skipped and listed in the report.
 * Usage: java -cp cli/target/mw.jar scripts/assistant/TrainRealSettings.java CORPUS MODEL.json REPORT.md [EXAMPLES]
 */
public class TrainRealSettings {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path modelFile = Path.of(args[1]);
        Path report = Path.of(args[2]);
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        long t0 = System.nanoTime();
        AssistantModel base = AssistantModel.load(modelFile);
        List<String> lines = Files.readAllLines(dir.resolve("list.tsv"));
        List<SettingsLearner.Example> ex = new ArrayList<>();
        Map<String, int[]> perPackage = new TreeMap<>();
        Map<String, String> licences = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", -1);
            SettingsLearner.Recording rec;
            try {
                rec = SettingsLearner.Recording.of(Audio.read(dir.resolve(c[0])), c[1], c[0]);
            } catch (mw.WorkbenchException e) {
                skipped.add(c[0] + " (" + e.getMessage().replaceFirst("^.*: ", "") + ")");
                continue;
            }
            ex.addAll(SettingsLearner.examples(rec, new Random(c[0].hashCode()), n));
            perPackage.computeIfAbsent(c[1], k -> new int[1])[0]++;
            licences.put(c[1], c.length > 3 ? c[3] : "");
        }
        SettingsLearner.Result r = SettingsLearner.train(base, ex);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("settings_corpus", "real recordings of " + perPackage.size() + " Debian packages, " + perPackage.values().stream().mapToInt(a -> a[0]).sum()
                + " excerpts of 20 s (scripts/assistant/build-real-settings-corpus.sh)");
        facts.put("settings_training", n + " random damages per excerpt; Tribuo linear SGD regression on the tonal balance "
                + "and side/mid ratio; 90 % intervals split conformal with packages held out; move: point");
        AssistantModel m = base.withSettings(r.settings(), facts);
        m.save(modelFile);
        double secs = (System.nanoTime() - t0) / 1e9;

        StringBuilder sb = new StringBuilder();
        sb.append("# Assistant settings: training report\n\n");
        sb.append("The EQ and width settings of the bundled model (`kernel-lib/src/main/resources/mw/assistant/style-model.json`) "
                + "are learned from undamaged real recordings; this file is written by the command below. "
                + "The style classifier and its report are in [assistant-training.md](assistant-training.md).\n\n");
        sb.append("```sh\nscripts/assistant/build-real-settings-corpus.sh out/assistant-real-settings\n"
                + "java -cp cli/target/mw.jar scripts/assistant/TrainRealSettings.java out/assistant-real-settings \\\n"
                + "    kernel-lib/src/main/resources/mw/assistant/style-model.json docs/assistant-settings-training.md " + n + "\n```\n\n");
        sb.append(String.format(Locale.ROOT, "%d excerpts from %d packages, %d examples (%d random damages each, "
                + "`Degradation.random`, seeded by the file name); %.0f s at a load average of %.0f.%n%n",
                perPackage.values().stream().mapToInt(a -> a[0]).sum(), perPackage.size(), ex.size(), n, secs,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        if (!skipped.isEmpty()) {
            sb.append("Skipped: ").append(String.join(", ", skipped)).append(".\n\n");
        }
        sb.append("| package | excerpts | licences (debian/copyright) |\n|---|---|---|\n");
        perPackage.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v[0]).append(" | ")
                .append(licences.get(k).replace(";", ", ")).append(" |\n"));
        sb.append("\nEach package's examples are predicted by a regressor fitted without that package (out of fold). "
                + "Mean absolute error against the fixed preset (no change), and the share of each package's examples "
                + "inside the 90 % interval (lowest and highest package):\n\n");
        sb.append("| setting | unit | 90 % half-width | MAE, model | MAE, fixed preset | coverage | coverage, per package |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (int s = 0; s < Assistant.LEARNED_SETTINGS.size(); s++) {
            var spec = Assistant.LEARNED_SETTINGS.get(s);
            var sm = r.settings().get(s);
            double mae = 0, fixed = 0, cov = 0;
            Map<String, double[]> pc = new TreeMap<>();
            for (int i = 0; i < ex.size(); i++) {
                double y = ex.get(i).truth()[s];
                double e = Math.abs(y - r.outOfFold()[s][i]);
                mae += e / ex.size();
                fixed += Math.abs(y) / ex.size();
                double in = e <= sm.halfWidth90() ? 1 : 0;
                cov += in / ex.size();
                double[] a = pc.computeIfAbsent(ex.get(i).group(), k -> new double[2]);
                a[0] += in;
                a[1]++;
            }
            double lo = pc.values().stream().mapToDouble(a -> a[0] / a[1]).min().orElse(Double.NaN);
            double hi = pc.values().stream().mapToDouble(a -> a[0] / a[1]).max().orElse(Double.NaN);
            String unit = spec.log2() ? "octaves" : spec.unit();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f-%.2f |%n", spec.name(), unit,
                    sm.halfWidth90(), mae, fixed, cov, lo, hi));
        }
        sb.append("\nThe proposal moves each setting by its point prediction (`move: point`), which the regression has already "
                + "shrunk towards no change as far as the spread of real recordings requires; how that does on damaged real "
                + "tracks, against moving only by the part outside the interval, is in [assistant.md](assistant.md).\n");
        Files.writeString(report, sb.toString());
        System.out.print(sb);
    }
}
