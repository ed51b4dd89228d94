package mw;

import java.nio.file.Path;

/**
 * The one exception type of the workbench. Its message is meant to be shown to a person as it is:
 * it names the file (when there is one), what was wrong and what is accepted.
 */
public class WorkbenchException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public WorkbenchException(String message) {
        this(null, message, null);
    }

    public WorkbenchException(String message, Throwable cause) {
        this(null, message, cause);
    }

    public WorkbenchException(Path file, String message) {
        this(file, message, null);
    }

    public WorkbenchException(Path file, String message, Throwable cause) {
        super(file == null ? message : file + ": " + message, cause);
        this.file = file;
    }

    /** The file the problem is about, or {@code null} when it is not about a file. */
    public Path file() {
        return file;
    }

    /**
     * This exception naming {@code file}: itself when it already names a file, otherwise a new one with the
     * same message prefixed by the file (so that every message in a batch says which file it is about).
     */
    public WorkbenchException about(Path file) {
        if (this.file != null || file == null) {
            return this;
        }
        String m = getMessage();
        String name = file.getFileName() == null ? "" : file.getFileName() + ": ";
        if (!name.isEmpty() && m.startsWith(name)) {
            m = m.substring(name.length());   // already says the file's name: say its path instead, once
        }
        return new WorkbenchException(file, m, this);
    }

    /** Checks a parameter and throws a message naming it, its value and the accepted range. */
    public static double checkRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new WorkbenchException(name + " = " + value + " is out of range; accepted: " + min + " to " + max);
        }
        return value;
    }
}
