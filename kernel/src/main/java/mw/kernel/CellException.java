package mw.kernel;

import java.util.List;

/**
 * A cell failed: it did not compile, it threw, it was interrupted or it ran out of time. The message
 * is for a person: the cell line, what went wrong, no kernel internals. Subclasses name the kind,
 * which Jupyter shows as the error name.
 */
public class CellException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> details;

    CellException(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    /** The lines shown under the message (source excerpt, where the error happened). */
    public List<String> details() {
        return details;
    }

    /** No stack trace: the kernel's own frames mean nothing to the reader. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The cell did not compile. */
    public static final class CompileError extends CellException {
        private static final long serialVersionUID = 1L;

        CompileError(String message, List<String> details) {
            super(message, details);
        }
    }

    /** The cell's code threw an exception. */
    public static final class EvaluationError extends CellException {
        private static final long serialVersionUID = 1L;
        private final String exceptionClass;

        EvaluationError(String exceptionClass, String message, List<String> details) {
            super(message, details);
            this.exceptionClass = exceptionClass;
        }

        /** Fully qualified class name of what the user code threw. */
        public String exceptionClass() {
            return exceptionClass;
        }
    }

    /** The cell was interrupted. */
    public static final class Interrupted extends CellException {
        private static final long serialVersionUID = 1L;

        Interrupted(String message, List<String> details) {
            super(message, details);
        }
    }

    /** The cell ran longer than the cell time limit. */
    public static final class Timeout extends CellException {
        private static final long serialVersionUID = 1L;

        Timeout(String message, List<String> details) {
            super(message, details);
        }
    }
}
