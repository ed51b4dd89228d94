package mw.live;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;

/**
 * Plays audio through a {@link LiveEngine} on the default Java Sound output: an audio thread reads the
 * source block by block, runs the engine and writes 16-bit samples to the line (the line's blocking
 * write paces it in real time), while any other thread calls {@link LiveEngine#transitionTo} and reads
 * {@link LiveEngine#meters()}. The audio thread's loop allocates nothing.
 *
 * <p>Where there is no audio device (a server, a container, CI), {@link #open} throws a
 * {@link WorkbenchException} saying so; render to a file with {@link LiveSession} instead.
 */
public final class LivePlayer implements AutoCloseable {
    private final LiveEngine engine;
    private final AudioBuffer source;
    private final SourceDataLine line;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long position;

    private LivePlayer(LiveEngine engine, AudioBuffer source, SourceDataLine line) {
        this.engine = engine;
        this.source = source;
        this.line = line;
        this.thread = new Thread(this::loop, "mw-live-audio");
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.MAX_PRIORITY);
    }

    /** Whether Java Sound offers an output line for this rate and channel count (16-bit PCM). */
    public static boolean available(int sampleRate, int channels) {
        try {
            return AudioSystem.isLineSupported(new DataLine.Info(SourceDataLine.class, format(sampleRate, channels)));
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static AudioFormat format(int sampleRate, int channels) {
        return new AudioFormat(sampleRate, 16, channels, true, false);
    }

    /** Opens the default output for the source's format and starts playing the source through the engine. */
    public static LivePlayer open(LiveEngine engine, AudioBuffer source) {
        if (source.sampleRate() != engine.sampleRate() || source.channels() != engine.channels()) {
            throw new WorkbenchException("the source (" + source.sampleRate() + " Hz, " + source.channels()
                    + " channels) does not match the engine (" + engine.sampleRate() + " Hz, " + engine.channels() + " channels)");
        }
        AudioFormat f = format(source.sampleRate(), source.channels());
        String what = source.sampleRate() + " Hz 16-bit " + (source.channels() == 2 ? "stereo" : "mono");
        SourceDataLine line;
        try {
            line = AudioSystem.getSourceDataLine(f);
            // a device buffer of four engine blocks: the latency stays close to the engine's own
            line.open(f, 4 * engine.maxBlockFrames() * f.getFrameSize());
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new WorkbenchException("no audio output device: Java Sound has no output line for " + what + " ("
                    + e.getMessage() + "); render to a file instead (mw live ... -o OUT.wav)");
        }
        LivePlayer p = new LivePlayer(engine, source, line);
        line.start();
        p.thread.start();
        return p;
    }

    private void loop() {
        int block = engine.maxBlockFrames();
        int ch = source.channels();
        double[][] x = new double[ch][block];
        byte[] bytes = new byte[block * ch * 2];
        long pos = 0;
        int n = source.frames();
        while (running && pos < n) {
            int len = (int) Math.min(block, n - pos);
            for (int c = 0; c < ch; c++) {
                source.copyTo(c, (int) pos, x[c], 0, len);
            }
            engine.process(x, len);
            int b = 0;
            for (int i = 0; i < len; i++) {
                for (int c = 0; c < ch; c++) {
                    double v = Math.max(-1, Math.min(1, x[c][i]));
                    int s = (int) Math.round(v * 32767);
                    bytes[b++] = (byte) s;
                    bytes[b++] = (byte) (s >> 8);
                }
            }
            line.write(bytes, 0, b);
            pos += len;
            position = pos;
        }
        line.drain();
        running = false;
    }

    /** Seconds of the source played (handed to the device) so far. */
    public double positionSeconds() {
        return (double) position / source.sampleRate();
    }

    /** Whether the source is still playing. */
    public boolean playing() {
        return running && thread.isAlive();
    }

    /** Waits until the source has played to its end. */
    public void await() throws InterruptedException {
        thread.join();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        line.stop();
        line.close();
    }
}
