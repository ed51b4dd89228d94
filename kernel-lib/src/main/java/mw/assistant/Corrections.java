package mw.assistant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mw.WorkbenchException;

/**
 * The engineer's corrections, kept in a plain tab-separated file (one line per changed setting: time,
 * style, setting, proposed value, chosen value), and the per-user adjustment learned from them: each
 * learned setting moves by the mean of the engineer's changes, shrunk toward zero while there are few of
 * them ({@code n / (n + }{@link #PRIOR_COUNT}{@code )} of the mean), so one odd choice does not swing
 * later proposals but a consistent habit does.
 */
public final class Corrections {
    /** Weight of the "no change" prior, in corrections. */
    public static final double PRIOR_COUNT = 2;
    static final List<String> LEARNED_NAMES = Assistant.LEARNED_SETTINGS.stream().map(Assistant.SettingSpec::name).toList();
    static final String HEADER = "time\tstyle\tsetting\tproposed\tchosen";

    /** One recorded change. */
    public record Entry(String time, String style, String setting, double proposed, double chosen) {
    }

    private final Path file;
    private final List<Entry> entries;

    private Corrections(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The corrections in a file (none yet if it does not exist). */
    public static Corrections open(Path file) {
        List<Entry> entries = new ArrayList<>();
        if (Files.exists(file)) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.isBlank() || line.equals(HEADER)) {
                        continue;
                    }
                    String[] c = line.split("\t");
                    if (c.length != 5) {
                        throw new WorkbenchException(file, "line " + (i + 1) + " has " + c.length
                                + " fields; a corrections file has five: " + HEADER.replace('\t', ' '));
                    }
                    entries.add(new Entry(c[0], c[1], c[2], Double.parseDouble(c[3]), Double.parseDouble(c[4])));
                }
            } catch (IOException | NumberFormatException e) {
                throw new WorkbenchException(file, "cannot read the corrections: " + e.getMessage(), e);
            }
        }
        return new Corrections(file, entries);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public Path file() {
        return file;
    }

    /**
     * Records what the engineer chose instead of a proposal (settings by name, in their units); settings
     * not named were accepted as proposed and are recorded as such. Appends to the file.
     */
    public Corrections record(Assistant.Proposal proposal, Map<String, Double> chosen) {
        for (String name : chosen.keySet()) {
            if (LEARNED_NAMES.stream().noneMatch(name::equals)) {
                throw new WorkbenchException("cannot record a correction of '" + name + "'; learned settings: " + LEARNED_NAMES);
            }
        }
        String now = Instant.now().toString();
        List<String> lines = new ArrayList<>();
        for (Assistant.SettingSpec spec : Assistant.LEARNED_SETTINGS) {
            double proposed = proposal.setting(spec.name()).value();
            double c = chosen.getOrDefault(spec.name(), proposed);
            Entry e = new Entry(now, proposal.style(), spec.name(), proposed, c);
            entries.add(e);
            lines.add(String.format(Locale.ROOT, "%s\t%s\t%s\t%.4f\t%.4f", e.time(), e.style(), e.setting(), e.proposed(), e.chosen()));
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            if (!Files.exists(file)) {
                Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
            }
            Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new WorkbenchException(file, "cannot record the correction: " + e.getMessage(), e);
        }
        return this;
    }

    /** How far later proposals of a setting move: the shrunk mean of the engineer's changes. */
    public double offset(String setting) {
        double sum = 0;
        int n = 0;
        for (Entry e : entries) {
            if (e.setting().equals(setting)) {
                sum += e.chosen() - e.proposed();
                n++;
            }
        }
        return n == 0 ? 0 : sum / (n + PRIOR_COUNT);
    }
}
