package mw.io;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Decodes a compressed file (FLAC, MP3, Vorbis) on a background thread a few blocks ahead of the
 * caller, so decoding and the caller's work (metering, analysis, processing) run on two cores at
 * once. The blocks, their order and any error are exactly those of the wrapped reader; the thread
 * starts at the first {@link #read} (never for {@link Audio#info}) and ends at the end of the audio,
 * at the first error, or at {@link #close()}.
 */
final class ReadAhead implements AudioReader {
    private static final int DEPTH = 4;
    private static final Object END = new Object();

    private final AudioReader source;
    private final int channels;
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(DEPTH);
    private final BlockingQueue<double[][]> spare = new ArrayBlockingQueue<>(DEPTH + 2);
    private Thread thread;
    private volatile boolean closed;
    private boolean finished;
    private Block current;
    private int pos;

    private record Block(double[][] samples, int frames) {
    }

    ReadAhead(AudioReader source) {
        this.source = source;
        this.channels = source.info().channels();
    }

    @Override
    public AudioFileInfo info() {
        return source.info();
    }

    private void decodeAhead() {
        try {
            while (!closed) {
                double[][] buf = spare.poll();
                if (buf == null) {
                    buf = new double[channels][Audio.BLOCK];
                }
                int n = source.read(buf, Audio.BLOCK);
                if (n < 0) {
                    ready.put(END);
                    return;
                }
                ready.put(new Block(buf, n));
            }
        } catch (InterruptedException e) {
            // closed while waiting for the caller
        } catch (RuntimeException | Error e) {
            if (!closed) {
                try {
                    ready.put(e);
                } catch (InterruptedException ignored) {
                    // closed while handing over the error: nobody is left to receive it
                }
            }
        }
    }

    @Override
    public int read(double[][] dst, int maxFrames) {
        if (finished) {
            return -1;
        }
        if (thread == null) {
            thread = new Thread(this::decodeAhead, "mw-decode " + source.info().path().getFileName());
            thread.setDaemon(true);
            thread.start();
        }
        if (current == null || pos >= current.frames) {
            if (current != null) {
                spare.offer(current.samples);
                current = null;
            }
            Object next;
            try {
                next = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new mw.WorkbenchException(source.info().path(), "reading was interrupted");
            }
            if (next == END) {
                finished = true;
                return -1;
            }
            if (next instanceof RuntimeException e) {
                finished = true;
                throw e;
            }
            if (next instanceof Error e) {
                finished = true;
                throw e;
            }
            current = (Block) next;
            pos = 0;
        }
        int n = Math.min(maxFrames, current.frames - pos);
        for (int c = 0; c < channels; c++) {
            System.arraycopy(current.samples[c], pos, dst[c], 0, n);
        }
        pos += n;
        return n;
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        source.close();
    }
}
