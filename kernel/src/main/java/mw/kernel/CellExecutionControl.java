package mw.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * JShell execution in this JVM that keeps the objects snippets return, so the kernel can render the
 * real object (a chart, a table, audio) instead of its string form.
 *
 * <p>Why a custom control: JShell's own local engine hands back only {@code String} values, and its
 * default remote engine runs snippets in another JVM. Here each snippet runs on a fresh daemon thread
 * (so the shell thread can wait with a time limit and answer an interrupt) and the value is parked
 * under a key that JShell passes back as the snippet's value string; {@link #take(String)} redeems it.
 * Snippet classes are loaded by a class loader whose parent is the application class loader, so they
 * see the workbench's classes as the kernel sees them.
 */
final class CellExecutionControl extends DirectExecutionControl {
    /** Why the last snippet stopped early. */
    enum Stop { INTERRUPTED, TIMEOUT }

    private static final String KEY_PREFIX = "\u0001mw-value-";
    private static final Object NULL = new Object();

    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();
    private volatile Thread running;
    private volatile Stop stop;
    private volatile long timeoutMillis;
    private volatile boolean abandonedThread;

    CellExecutionControl(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    void setTimeoutMillis(long millis) {
        this.timeoutMillis = Math.max(0, millis);
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(doitMethod.invoke(null));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "mw-cell");
        t.setDaemon(true);
        t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        long limit = timeoutMillis;
        long deadline = limit > 0 ? System.nanoTime() + limit * 1_000_000L : Long.MAX_VALUE;
        running = t;
        t.start();
        try {
            while (t.isAlive()) {
                t.join(50);
                if (stop == Stop.INTERRUPTED) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    stop = Stop.TIMEOUT;
                    break;
                }
            }
        } catch (InterruptedException e) {
            stop = Stop.INTERRUPTED;
        } finally {
            if (stop != null) {
                halt(t);
            }
            running = null;
        }
        if (stop != null) {
            throw new StoppedException();
        }
        Throwable f = failure.get();
        if (f instanceof InvocationTargetException ite) {
            throw ite;
        }
        if (f instanceof Exception e) {
            throw e;
        }
        if (f != null) {
            throw new InvocationTargetException(f);
        }
        String key = KEY_PREFIX + keys.incrementAndGet();
        Object v = result.get();
        values.put(key, v == null ? NULL : v);
        return key;
    }

    /**
     * Stops a snippet thread: first politely (interrupt), then, on JVMs that still allow it,
     * {@code Thread.stop}; a thread that survives both is left behind as a daemon and reported.
     */
    @SuppressWarnings("removal")
    private void halt(Thread t) {
        t.interrupt();
        try {
            t.join(1000);
            if (t.isAlive()) {
                try {
                    Thread.class.getMethod("stop").invoke(t);
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // Thread.stop is gone on newer JVMs (UnsupportedOperationException)
                }
                t.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        abandonedThread = t.isAlive();
    }

    /** Asks the running snippet, if any, to stop (Jupyter's interrupt). */
    void interrupt() {
        if (running != null) {
            stop = Stop.INTERRUPTED;
        }
    }

    /** The reason the last snippet was stopped, or null; clears it. */
    Stop takeStop() {
        Stop s = stop;
        stop = null;
        return s;
    }

    /** True when a stopped snippet's thread could not be ended and still runs; clears it. */
    boolean takeAbandoned() {
        boolean a = abandonedThread;
        abandonedThread = false;
        return a;
    }

    /** True when the value string JShell reported is one of our keys. */
    static boolean isKey(String value) {
        return value != null && value.startsWith(KEY_PREFIX);
    }

    /** The object a snippet returned, by the key JShell reported as its value; null for null. */
    Object take(String key) {
        Object v = values.remove(key);
        return v == NULL ? null : v;
    }

    /** Forgets every parked value (values of declarations are never taken). */
    void clearValues() {
        values.clear();
    }
}
