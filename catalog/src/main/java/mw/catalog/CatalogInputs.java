package mw.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mw.WorkbenchException;

/**
 * Turns what the user names (folders, globs, list files, single files) into the files of a run.
 *
 * <ul>
 *   <li>a folder: every audio file below it, at any depth (by extension); other files are counted as
 *       skipped, not audited;</li>
 *   <li>a glob such as {@code 'masters/**.flac'}: the files it matches;</li>
 *   <li>a {@code .txt} or {@code .list} file: one path per line ({@code #} starts a comment); a
 *       {@code .csv} file: the column named {@code path}. Relative paths are relative to the list's folder.
 *       Every listed path becomes a row, so a missing or non-audio file is an error row;</li>
 *   <li>an audio file: itself.</li>
 * </ul>
 * Paths are made absolute and duplicates are dropped, keeping the first.
 */
public final class CatalogInputs {
    /** Extensions of the formats {@code mw.io} reads. */
    public static final Pattern AUDIO = Pattern.compile(".*\\.(wav|wave|rf64|bw64|aif|aiff|aifc|flac|mp3|mp2|ogg|oga)$");

    /** The files of a run and how many files in the named folders were not audio. */
    public record Expanded(List<CatalogInput> files, int skippedNonAudio) {
    }

    private CatalogInputs() {
    }

    /** Expands the arguments; throws for an argument that names nothing, or when nothing is left. */
    public static Expanded expand(List<String> args) {
        if (args == null || args.isEmpty()) {
            throw new WorkbenchException("no input given; name a folder, a glob, a list file (.txt, .csv) or audio files");
        }
        Map<String, CatalogInput> out = new LinkedHashMap<>();
        int[] skipped = {0};
        for (String a : args) {
            if (a.contains("*") || a.contains("?") || a.contains("{")) {
                glob(a, out);
                continue;
            }
            Path p;
            try {
                p = Path.of(a).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new WorkbenchException(a + ": not a valid path (" + e.getReason() + ")");
            }
            if (Files.isDirectory(p)) {
                folder(p, out, skipped);
            } else if (!Files.exists(p)) {
                throw new WorkbenchException(p, "no such file or folder");
            } else if (isList(p)) {
                list(p, out);
            } else {
                put(out, p);
            }
        }
        if (out.isEmpty()) {
            throw new WorkbenchException("no audio files found in " + String.join(", ", args)
                    + (skipped[0] > 0 ? " (" + skipped[0] + " other files skipped)" : "")
                    + "; accepted: wav, rf64, bw64, aiff, flac, mp3, mp2, ogg");
        }
        return new Expanded(List.copyOf(out.values()), skipped[0]);
    }

    static boolean isAudio(Path p) {
        return AUDIO.matcher(p.getFileName().toString().toLowerCase(Locale.ROOT)).matches();
    }

    private static boolean isList(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".txt") || n.endsWith(".list") || n.endsWith(".csv");
    }

    private static void folder(Path dir, Map<String, CatalogInput> out, int[] skipped) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            s.filter(Files::isRegularFile).forEach(found::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new WorkbenchException(dir, "cannot list the folder: " + e.getMessage(), e);
        }
        found.sort(null);
        for (Path f : found) {
            if (isAudio(f)) {
                put(out, f);
            } else {
                skipped[0]++;
            }
        }
    }

    private static void glob(String pattern, Map<String, CatalogInput> out) {
        // the folder part before the first wildcard is walked; the whole pattern is matched against absolute paths
        String abs = Path.of("").toAbsolutePath().toString();
        String full = pattern.startsWith("/") ? pattern : abs + "/" + pattern;
        int wild = firstWildcard(full);
        Path base = Path.of(full.substring(0, full.lastIndexOf('/', wild) + 1));
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + full);
        if (!Files.isDirectory(base)) {
            throw new WorkbenchException(base, "no such folder (from the pattern " + pattern + ")");
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(base, FileVisitOption.FOLLOW_LINKS)) {
            s.filter(Files::isRegularFile).filter(p -> m.matches(p.toAbsolutePath().normalize())).forEach(found::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new WorkbenchException(base, "cannot list the folder: " + e.getMessage(), e);
        }
        found.sort(null);
        found.forEach(p -> put(out, p.toAbsolutePath().normalize()));
    }

    private static int firstWildcard(String s) {
        int i = s.length();
        for (char c : new char[] {'*', '?', '{', '['}) {
            int k = s.indexOf(c);
            if (k >= 0) {
                i = Math.min(i, k);
            }
        }
        return i;
    }

    private static void list(Path file, Map<String, CatalogInput> out) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkbenchException(file, "cannot read the list: " + e.getMessage(), e);
        }
        Path dir = file.getParent();
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        int column = -1;
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String entry = l;
            if (csv) {
                List<String> cells = csvCells(line);
                if (column < 0) {
                    column = cells.indexOf("path");
                    if (column < 0) {
                        throw new WorkbenchException(file, "the table has no column named path; its header is " + line);
                    }
                    continue;
                }
                if (column >= cells.size() || cells.get(column).isBlank()) {
                    continue;
                }
                entry = cells.get(column);
            }
            Path p;
            try {
                p = dir.resolve(entry).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                // kept as a row: the audit says it is not a valid path
                out.putIfAbsent(entry, new CatalogInput(entry, -1, -1));
                continue;
            }
            put(out, p);
        }
    }

    /** Splits one CSV line (RFC 4180 quoting). */
    static List<String> csvCells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    b.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(b.toString().strip());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        cells.add(b.toString().strip());
        return cells;
    }

    /** Adds a file with its size and time; a file that cannot be read still becomes a row (its audit says why). */
    private static void put(Map<String, CatalogInput> out, Path p) {
        String s = p.toString();
        if (out.containsKey(s)) {
            return;
        }
        long size = -1;
        long mtime = -1;
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            size = a.size();
            mtime = a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            // missing or unreadable: size and time stay unknown, the audit reports the error
        }
        out.put(s, new CatalogInput(s, size, mtime));
    }
}
