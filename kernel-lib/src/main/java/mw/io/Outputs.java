package mw.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mw.WorkbenchException;

/**
 * The one guard every file the workbench writes goes through: audio, presets, reports, tables, charts.
 *
 * <p>The rules, in the order they are checked:
 * <ol>
 *   <li>An input is never written: a path that is, or links to, one of the run's inputs is refused.</li>
 *   <li>One run never writes two outputs to the same path ({@link #of(Collection)} keeps the run's claims).</li>
 *   <li>A character device or a named pipe (FIFO), and a link through {@code /proc} such as
 *       {@code /dev/stdout} ({@code /dev/null}, a pipe made with {@code mkfifo}) is written into as a
 *       stream and never replaced; block devices and sockets are refused, and nothing new is created
 *       in {@code /dev} or {@code /proc}.</li>
 *   <li>An existing regular file is replaced when it is writable (as sox and ffmpeg {@code -y} do); a
 *       read-only one (no write permission bit, or not writable by this user) is refused. A symbolic
 *       link to a file stays a link: the file it points to is replaced.</li>
 *   <li>Everything else is written to a hidden temporary file in the same folder, named
 *       {@code .NAME.PID-RANDOM.mw-part}, and moved into place only when complete. On failure, and when
 *       the process is interrupted (Ctrl-C, SIGTERM), the temporary file is deleted; the leftovers of a
 *       process that was killed outright ({@code kill -9}) are recognised by that name and removed by the
 *       next write into the folder, once their process is gone.</li>
 * </ol>
 *
 * <pre>{@code
 * Outputs run = Outputs.of(List.of(input));        // one per command run
 * run.claim(master); run.claim(presetFile);         // before the long work: refuses clashes early
 * run.write(presetFile, out -> out.write(bytes));
 * }</pre>
 */
public final class Outputs {
    /** Suffix of every temporary file the workbench creates beside an output. */
    public static final String TEMP_SUFFIX = ".mw-part";
    private static final Pattern TEMP_NAME = Pattern.compile("^\\..*\\.(\\d+)-\\d+" + Pattern.quote(TEMP_SUFFIX) + "$");
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;
    private static volatile boolean shuttingDown;

    private final List<Path> inputs;
    private final Set<Path> claimed = new HashSet<>();
    private final Set<Path> written = new HashSet<>();

    private Outputs(Collection<Path> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    /** The outputs of one run that reads {@code inputs}. */
    public static Outputs of(Collection<Path> inputs) {
        return new Outputs(inputs);
    }

    /** The inputs of this run. */
    public List<Path> inputs() {
        return inputs;
    }

    /**
     * Reserves {@code path} as one output of this run, checking every rule now, so that a clash is
     * reported before any long work.
     *
     * @return {@code path}
     * @throws WorkbenchException naming the path when it is an input, already an output of this run,
     *                            read-only, or a kind of file that cannot be written
     */
    public synchronized Path claim(Path path) {
        check(path, inputs);
        Path key = key(path);
        if (!claimed.add(key)) {
            throw new WorkbenchException(path, "is already an output of this run; refusing to write two outputs to one file");
        }
        return path;
    }

    /** Writes one output of this run (claiming it if it was not claimed), by the rules of the class. */
    public void write(Path path, Audio.Body body) {
        synchronized (this) {
            Path key = key(path);
            if (!claimed.contains(key)) {
                claim(path);
            }
            if (!written.add(key)) {
                throw new WorkbenchException(path, "is already an output of this run; refusing to write two outputs to one file");
            }
        }
        write(path, inputs, body);
    }

    /** Writes text (UTF-8) as one output of this run; returns {@code path}. */
    public Path writeText(Path path, String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        write(path, out -> out.write(bytes));
        return path;
    }

    /** Writes bytes as one output of this run; returns {@code path}. */
    public Path writeBytes(Path path, byte[] bytes) {
        write(path, out -> out.write(bytes));
        return path;
    }

    /**
     * One output name per input, unique within the batch even on file systems that ignore case: the file
     * name without its extension, with characters other than letters, digits, '.', '-' and '_' replaced by
     * '_'. Names that would clash keep their extension ({@code y-wav}, {@code y-flac}), and a number is
     * added while they still clash.
     */
    public static List<String> uniqueStems(List<Path> inputs) {
        List<String> stems = new ArrayList<>();
        java.util.Map<String, Integer> count = new java.util.HashMap<>();
        for (Path p : inputs) {
            count.merge(fold(stem(p, false)), 1, Integer::sum);
        }
        Set<String> used = new HashSet<>();
        for (Path p : inputs) {
            String s = stem(p, false);
            if (count.get(fold(s)) > 1) {
                s = stem(p, true);
            }
            String candidate = s;
            for (int n = 2; !used.add(fold(candidate)); n++) {
                candidate = s + "-" + n;
            }
            stems.add(candidate);
        }
        return stems;
    }

    private static String stem(Path p, boolean withExtension) {
        String name = p.getFileName() == null ? "audio" : p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String s = dot > 0 ? (withExtension ? name.substring(0, dot) + "-" + name.substring(dot + 1) : name.substring(0, dot)) : name;
        s = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC).replaceAll("[^\\p{L}\\p{N}._-]", "_");
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "audio" : s;
    }

    private static String fold(String s) {
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    /** What writing to a path does. */
    public enum Kind {
        /** A new or existing regular file, written through a temporary file and moved into place. */
        FILE,
        /** A character device, a named pipe or a path under /dev or /proc: written into as a stream. */
        STREAM
    }

    /**
     * How {@code path} would be written, after checking the rules (not an input, not read-only, not a
     * block device or socket).
     */
    public static Kind check(Path path, Collection<Path> inputs) {
        for (Path in : inputs) {
            if (isSame(in, path)) {
                throw new WorkbenchException(path, "is an input file; refusing to overwrite it");
            }
        }
        Path abs = path.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new WorkbenchException(path, "is a directory; give a file name to write");
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(abs, BasicFileAttributes.class);
        } catch (IOException e) {
            a = null;
        }
        if (a != null && a.isOther()) {
            String type = special(abs);
            if (type.equals("block device") || type.equals("socket")) {
                throw new WorkbenchException(path, "is a " + type + ", not a file; refusing to write into it;"
                        + " accepted: a file name, a character device such as /dev/null, or a named pipe");
            }
            return Kind.STREAM;
        }
        if (a != null && viaProc(abs)) {
            // /dev/stdout, /dev/fd/N: the process's own open file, whatever it is, is written into
            return Kind.STREAM;
        }
        if (a == null && (abs.getParent() == null || abs.getParent().equals(Path.of("/dev")) || abs.startsWith("/proc"))) {
            throw new WorkbenchException(path, "cannot be written: nothing is created in /dev or /proc; accepted there:"
                    + " an existing device or pipe, written into as a stream");
        }
        if (a != null && a.isRegularFile() && readOnly(abs)) {
            throw new WorkbenchException(path, "exists and is read-only; refusing to replace it"
                    + " (make it writable, or choose another output name)");
        }
        return Kind.FILE;
    }

    /** True when writing to {@code path} streams into it (a device or a pipe) rather than creating a file. */
    public static boolean isStream(Path path) {
        return check(path, List.of()) == Kind.STREAM;
    }

    /**
     * Writes a file by the rules of the class, refusing any of {@code inputs}: through a temporary file
     * moved into place, or as a stream into a device or pipe. On failure nothing is left behind.
     */
    public static void write(Path path, Collection<Path> inputs, Audio.Body body) {
        if (check(path, inputs) == Kind.STREAM) {
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE)) {
                body.writeTo(out);
            } catch (IOException e) {
                throw new WorkbenchException(path, "cannot be written: " + describe(e), e);
            }
            return;
        }
        Path target = resolveLink(path.toAbsolutePath().normalize());
        Path dir = target.getParent();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new WorkbenchException(path, "cannot be written: " + p
                            + " is a file, not a folder; accepted: a path inside a writable folder");
                }
                break;
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WorkbenchException(path, "cannot be written: the output folder " + dir + " cannot be created ("
                    + describe(e) + "); accepted: a path inside a writable folder", e);
        }
        if (!Files.isWritable(dir)) {
            throw new WorkbenchException(path, "cannot be written: the folder " + dir
                    + " is not writable; accepted: a path inside a writable folder");
        }
        Path tmp = tempFile(dir, target.getFileName().toString(), path);
        boolean done = false;
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            shareLikeAnOrdinaryFile(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            // named after the output the user asked for, never after the hidden temporary file
            throw new WorkbenchException(path, "cannot be written: " + describe(e).replace(tmp.toString(), path.toString()), e);
        } finally {
            if (!done) {
                deleteTemp(tmp);
            }
            LIVE.remove(tmp);
        }
    }

    /**
     * Creates a hidden temporary file {@code .NAME.PID-RANDOM.mw-part} in {@code dir} for work towards
     * the output {@code name}. It is deleted when the process is interrupted; callers delete it (with
     * {@link #deleteTemp}) or move it into place. Leftovers of killed processes in {@code dir} are
     * removed first.
     *
     * @param forOutput the output the file is for, named in error messages
     */
    public static Path tempFile(Path dir, String name, Path forOutput) {
        hook();
        sweep(dir);
        if (shuttingDown) {
            throw new WorkbenchException(forOutput, "not written: the process is being stopped");
        }
        // keep the temporary name well under the 255-byte limit of common file systems
        String base = name.length() > 60 ? name.substring(0, 60) : name;
        try {
            Path tmp = Files.createTempFile(dir, "." + base + "." + ProcessHandle.current().pid() + "-", TEMP_SUFFIX);
            LIVE.add(tmp);
            return tmp;
        } catch (IOException e) {
            throw new WorkbenchException(forOutput, "cannot be written in " + dir + ": " + describe(e)
                    + "; accepted: a path inside a writable folder", e);
        }
    }

    /** Deletes a temporary file from {@link #tempFile}, if it is still there. */
    public static void deleteTemp(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // best effort: its name marks it as a leftover, and the next write into the folder removes it
        }
        LIVE.remove(tmp);
    }

    /**
     * Removes temporary files in {@code dir} left by workbench processes that no longer run (killed
     * outright, so they could not clean up). Done once per folder per process.
     *
     * @return the files removed
     */
    public static List<Path> sweep(Path dir) {
        List<Path> removed = new ArrayList<>();
        Path key = dir.toAbsolutePath().normalize();
        if (!SWEPT.add(key) || !Files.isDirectory(key)) {
            return removed;
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(key, "." + "*" + TEMP_SUFFIX)) {
            for (Path p : s) {
                Matcher m = TEMP_NAME.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != self && ProcessHandle.of(pid).isEmpty() && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.deleteIfExists(p);
                        removed.add(p);
                    } catch (IOException ignored) {
                        // not ours to insist on
                    }
                }
            }
        } catch (IOException ignored) {
            // an unreadable folder: the write itself will say what is wrong
        }
        return removed;
    }

    /** True when {@code name} is the name of a workbench temporary file. */
    public static boolean isTempName(String name) {
        return TEMP_NAME.matcher(name).matches();
    }

    private static synchronized void hook() {
        if (hooked) {
            return;
        }
        hooked = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown = true;
            for (Path p : LIVE) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // the next run removes it by its name
                }
            }
        }, "mw-output-cleanup"));
    }

    private static boolean isSame(Path in, Path out) {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize()) || key(in).equals(key(out))) {
            return true;
        }
        try {
            return Files.exists(in) && Files.exists(out) && Files.isSameFile(in, out);
        } catch (IOException e) {
            return false;
        }
    }

    /** The path as the file system sees it: links resolved, for the folder when the file does not exist yet. */
    static Path key(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            Path parent = abs.getParent();
            if (parent != null) {
                try {
                    return parent.toRealPath().resolve(abs.getFileName());
                } catch (IOException ignored) {
                    // the folder does not exist yet either
                }
            }
            return abs;
        }
    }

    /** True when the path, or a link on the way to what it names, lies under /proc (as /dev/stdout does). */
    private static boolean viaProc(Path abs) {
        Path p = abs;
        try {
            for (int i = 0; i < 16 && Files.isSymbolicLink(p); i++) {
                if (p.startsWith("/proc")) {
                    return true;
                }
                p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
            }
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
        return p.startsWith("/proc");
    }

    /** A link to a file is followed, so the link stays and the file it names is replaced. */
    private static Path resolveLink(Path abs) {
        if (Files.isSymbolicLink(abs)) {
            try {
                return abs.toRealPath();
            } catch (IOException e) {
                return abs;  // a dangling link: replaced by the file
            }
        }
        return abs;
    }

    private static boolean readOnly(Path file) {
        if (!Files.isWritable(file)) {
            return true;
        }
        try {
            // the superuser may write anything; a file nobody may write is still read-only to us
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return !p.contains(PosixFilePermission.OWNER_WRITE) && !p.contains(PosixFilePermission.GROUP_WRITE)
                    && !p.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    private static String special(Path p) {
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            return switch (mode & 0170000) {
                case 0060000 -> "block device";
                case 0140000 -> "socket";
                case 0020000 -> "character device";
                case 0010000 -> "named pipe";
                default -> "special file";
            };
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException | ClassCastException e) {
            return "special file";
        }
    }

    /**
     * A temporary file is created readable by its owner only; the finished output should have the
     * permissions of any file a user writes (rw-r--r--), so other tools and users can read a master.
     */
    private static void shareLikeAnOrdinaryFile(Path tmp) {
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: its default permissions apply
        }
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "the system says: no such file or folder " + e.getMessage();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (m.contains("No space left on device")) {
            return "the disk is full (no space left on device)";
        }
        return m;
    }
}
