package mw.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes output on a line at a time. jjava's Jupyter streams publish a message on every write, which
 * splits a {@code printf} into one stream message per argument; whole lines keep notebook output
 * (and its HTML export) readable.
 */
final class LineBufferedOutputStream extends OutputStream {
    private final OutputStream target;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineBufferedOutputStream(OutputStream target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        pending.write(b);
        if (b == '\n') {
            flush();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        pending.write(b, off, len);
        for (int i = off + len - 1; i >= off; i--) {
            if (b[i] == '\n') {
                flush();
                return;
            }
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (pending.size() > 0) {
            pending.writeTo(target);
            pending.reset();
        }
        target.flush();
    }
}
