package mw.assistant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import mw.WorkbenchException;

/**
 * A labelled corpus on disk: a folder of folders, the folder name being the label. Each file's group
 * (what must never be split between training and test: a piece, an album, a package) is the text of
 * its name before {@code "__"} (the whole name when there is none), and its split is "train" unless a
 * {@code labels.tsv} beside the folders says otherwise (columns {@code file, label, group, ..., split};
 * {@code split} is {@code train}, or starts with {@code test}).
 */
public final class Corpus {
    /** Audio file name endings read. */
    public static final List<String> EXTENSIONS = List.of(".wav", ".flac", ".ogg", ".mp3", ".aif", ".aiff");

    /** One labelled file. */
    public record Item(Path file, String relative, String label, String group, String split) {
        public boolean isTest() {
            return split.startsWith("test");
        }
    }

    private Corpus() {
    }

    /** The files of a corpus folder, sorted by path. */
    public static List<Item> scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new WorkbenchException(dir, "is not a folder; a training corpus is a folder of folders, one per label");
        }
        Map<String, String[]> table = new HashMap<>();
        Path tsv = dir.resolve("labels.tsv");
        if (Files.isRegularFile(tsv)) {
            try {
                List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
                List<String> header = List.of(lines.get(0).split("\t"));
                int fi = header.indexOf("file");
                int gi = header.indexOf("group");
                int si = header.indexOf("split");
                for (String line : lines.subList(1, lines.size())) {
                    String[] c = line.split("\t");
                    if (fi >= 0 && c.length > fi) {
                        table.put(c[fi], new String[]{gi >= 0 && c.length > gi ? c[gi] : null,
                                si >= 0 && c.length > si ? c[si] : null});
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new WorkbenchException(tsv, "cannot read the labels table: " + e.getMessage(), e);
            }
        }
        List<Item> items = new ArrayList<>();
        try (Stream<Path> labels = Files.list(dir)) {
            for (Path labelDir : labels.filter(Files::isDirectory).sorted().toList()) {
                String label = labelDir.getFileName().toString();
                try (Stream<Path> files = Files.list(labelDir)) {
                    for (Path f : files.filter(Corpus::isAudio).sorted().toList()) {
                        String rel = label + "/" + f.getFileName();
                        String base = f.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                        String group = base.contains("__") ? base.substring(0, base.indexOf("__")) : base;
                        String split = "train";
                        String[] row = table.get(rel);
                        if (row != null) {
                            group = row[0] != null ? row[0] : group;
                            split = row[1] != null ? row[1] : split;
                        }
                        items.add(new Item(f, rel, label, label + "/" + group, split));
                    }
                }
            }
        } catch (IOException e) {
            throw new WorkbenchException(dir, "cannot list the corpus: " + e.getMessage(), e);
        }
        long labelCount = items.stream().map(Item::label).distinct().count();
        if (labelCount < 2) {
            throw new WorkbenchException(dir, "has " + labelCount + " label folder(s) with audio; training needs at least two");
        }
        return items;
    }

    static boolean isAudio(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(n::endsWith);
    }
}
