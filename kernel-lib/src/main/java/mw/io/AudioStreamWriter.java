package mw.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import mw.WorkbenchException;
import mw.audio.ChannelLayout;

/**
 * Writes a WAV file block by block, for renders longer than memory: the caller states the length up
 * front (the WAV header needs it) and hands blocks to a {@link Sink}. Like {@link Audio#write}, the
 * file appears only when complete (temporary file, then move), integer PCM gets seeded TPDF dither from
 * the first sample that needs rounding (a copy at the same word length is bit-exact),
 * and any of {@code inputs} is refused as the target.
 */
public final class AudioStreamWriter {
    private AudioStreamWriter() {
    }

    /** Receives blocks {@code block[channel][0..frames)}. */
    public interface Sink {
        void write(double[][] block, int frames);
    }

    /** Produces the audio by calling the sink until done. */
    @FunctionalInterface
    public interface Producer {
        void produce(Sink sink);
    }

    /**
     * Writes exactly {@code frames} frames produced by {@code producer} to {@code path}.
     *
     * @throws WorkbenchException naming the file when the producer delivers another length, a sample is
     *                            not finite, or the file cannot be written
     */
    public static void write(Path path, SampleFormat format, int sampleRate, ChannelLayout layout, long frames,
                             List<Path> inputs, Producer producer) {
        write(path, format, sampleRate, layout, frames, inputs, false, producer);
    }

    /**
     * As {@link #write(Path, SampleFormat, int, ChannelLayout, long, List, Producer)}; with {@code writeBack} each
     * block handed to the sink holds, when the call returns, the values the file holds (dither and quantisation
     * included), so the caller can measure what was written without reading it back.
     */
    public static void write(Path path, SampleFormat format, int sampleRate, ChannelLayout layout, long frames,
                             List<Path> inputs, boolean writeBack, Producer producer) {
        if (format != SampleFormat.PCM_16 && format != SampleFormat.PCM_24 && format != SampleFormat.FLOAT_32) {
            throw new WorkbenchException(path, "cannot be written as " + format.label() + "; accepted: 16, 24, 32f");
        }
        Audio.atomicWrite(path, inputs, out -> {
            WavWriter w = new WavWriter(out, format, sampleRate, layout, frames, format != SampleFormat.FLOAT_32,
                    Audio.DITHER_SEED);
            if (writeBack) {
                w.writeBack();
            }
            long[] written = {0};
            try {
                producer.produce((block, n) -> {
                    for (double[] c : block) {
                        double finite = 0; // v * 0 is 0 for every finite v, NaN for NaN and infinities
                        for (int i = 0; i < n; i++) {
                            finite += c[i] * 0.0;
                        }
                        if (finite != 0 || Double.isNaN(finite)) {
                            throw new WorkbenchException(path, "not written: the audio contains NaN or infinite samples");
                        }
                    }
                    if (written[0] + n > frames) {
                        throw new WorkbenchException(path, "not written: more audio than the " + frames + " frames announced");
                    }
                    try {
                        w.write(block, 0, n);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    written[0] += n;
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            if (written[0] != frames) {
                throw new WorkbenchException(path, "not written: " + written[0] + " frames produced, " + frames + " announced");
            }
            w.finish();
        });
    }
}
