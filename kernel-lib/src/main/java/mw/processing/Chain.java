package mw.processing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.io.AudioReader;
import mw.io.AudioStreamWriter;
import mw.io.SampleFormat;

/**
 * An ordered list of processors that is itself a processor. Its latency is the sum of its stages'
 * latencies and {@link #process(AudioBuffer)} removes it, so a chain with look-ahead returns audio
 * aligned with its input. It measures each stage's output peak and collects the gain-reduction
 * statistics of dynamics stages into a {@link ChainReport}.
 *
 * <pre>{@code
 * var chain = Chain.of(Eq.highShelf(8000, 1.5),
 *                      Compressor.ratio(2).thresholdDb(-18).attackMs(10).releaseMs(120),
 *                      Limiter.truePeak(-1.0));
 * AudioBuffer master = chain.process(mix);
 * ChainReport report = chain.report();
 * chain.render(Path.of("mix.flac"), Path.of("master.wav"), SampleFormat.PCM_24, null); // any length
 * }</pre>
 */
public final class Chain implements Processor, Iterable<Processor> {
    private final List<Processor> stages = new ArrayList<>();
    private int channels;
    private boolean prepared;
    private double inPeak;
    private double[] stagePeak = new double[0];

    private Chain(List<Processor> list) {
        for (Processor p : list) {
            add(p);
        }
    }

    /** A chain of the given processors, in order. */
    public static Chain of(Processor... processors) {
        return new Chain(Arrays.asList(processors));
    }

    /** A chain of the given processors, in order. */
    public static Chain of(List<? extends Processor> processors) {
        return new Chain(new ArrayList<>(processors));
    }

    /** Appends a stage (prepare again before processing). */
    public Chain add(Processor p) {
        if (p == null) {
            throw new WorkbenchException("a chain stage cannot be null");
        }
        if (p == this) {
            throw new WorkbenchException("a chain cannot contain itself");
        }
        stages.add(p);
        prepared = false;
        return this;
    }

    /** The stage at a 0-based position. */
    public Processor get(int index) {
        return stages.get(index);
    }

    public int size() {
        return stages.size();
    }

    /** The stages, unmodifiable. */
    public List<Processor> stages() {
        return java.util.Collections.unmodifiableList(stages);
    }

    @Override
    public Iterator<Processor> iterator() {
        return stages().iterator();
    }

    @Override
    public String type() {
        return "chain";
    }

    /** One entry per stage: {@code "1.eq" -> parameters}. */
    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            m.put((i + 1) + "." + stages.get(i).type(), stages.get(i).parameters());
        }
        return m;
    }

    /**
     * Every stage's declared parameters, named {@code "<stage>.<name>"} with the stage's 1-based position
     * ({@code "2.thresholdDb"}), in order.
     */
    @Override
    public List<Param> params() {
        List<Param> out = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            for (Param p : stages.get(i).params()) {
                out.add(new Param((i + 1) + "." + p.name(), p.unit(), p.kind(), p.min(), p.max(), p.defaultValue(),
                        p.choices(), p.accepted(), p.change()));
            }
        }
        return out;
    }

    /**
     * Sets a stage's parameter by path: {@code "2.thresholdDb"} (1-based stage position) or
     * {@code "compressor.thresholdDb"} (the only stage of that type).
     */
    @Override
    public Chain set(String path, Object value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            throw new WorkbenchException("chain parameter '" + path + "' needs a stage: \"<position>.<name>\" or \"<type>.<name>\", "
                    + "for example \"2.thresholdDb\"; stages: " + stageNames());
        }
        stage(path.substring(0, dot)).set(path.substring(dot + 1), value);
        return this;
    }

    /** A stage's parameter by path, as {@link #set(String, Object)} names it. */
    @Override
    public Object get(String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            throw new WorkbenchException("chain parameter '" + path + "' needs a stage, for example \"2.thresholdDb\"; stages: " + stageNames());
        }
        return stage(path.substring(0, dot)).get(path.substring(dot + 1));
    }

    private Processor stage(String key) {
        if (key.chars().allMatch(Character::isDigit) && !key.isEmpty()) {
            int n = Integer.parseInt(key);
            if (n < 1 || n > stages.size()) {
                throw new WorkbenchException("stage " + n + " does not exist; accepted: 1 to " + stages.size());
            }
            return stages.get(n - 1);
        }
        List<Processor> found = stages.stream().filter(p -> p.type().equals(key)).toList();
        if (found.size() != 1) {
            throw new WorkbenchException((found.isEmpty() ? "no stage of type '" : "more than one stage of type '") + key
                    + "'; name it by position; stages: " + stageNames());
        }
        return found.get(0);
    }

    private String stageNames() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < stages.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(i + 1).append('.').append(stages.get(i).type());
        }
        return sb.toString();
    }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        this.channels = channels;
        for (Processor p : stages) {
            p.prepare(sampleRate, maxBlockFrames, channels);
        }
        stagePeak = new double[stages.size()];
        prepared = true;
        clearPeaks();
    }

    @Override
    public void process(double[][] block, int frames) {
        if (!prepared) {
            throw new IllegalStateException("chain: call prepare(sampleRate, maxBlock, channels) before process");
        }
        inPeak = Math.max(inPeak, peak(block, frames));
        for (int s = 0; s < stages.size(); s++) {
            stages.get(s).process(block, frames);
            stagePeak[s] = Math.max(stagePeak[s], peak(block, frames));
        }
    }

    private double peak(double[][] block, int frames) {
        double p = 0;
        for (int c = 0; c < channels; c++) {
            double[] x = block[c];
            for (int i = 0; i < frames; i++) {
                double a = Math.abs(x[i]);
                if (a > p) {
                    p = a;
                }
            }
        }
        return p;
    }

    @Override
    public void reset() {
        for (Processor p : stages) {
            p.reset();
        }
        clearPeaks();
    }

    private void clearPeaks() {
        inPeak = 0;
        Arrays.fill(stagePeak, 0);
    }

    @Override
    public int latencySamples() {
        int sum = 0;
        for (Processor p : stages) {
            sum += p.latencySamples();
        }
        return sum;
    }

    /** What each stage did since the last prepare or reset. */
    public ChainReport report() {
        List<ChainReport.Stage> list = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            Processor p = stages.get(s);
            GainReduction.Stats gr = p instanceof Dynamics d ? d.gainReductionStats() : null;
            list.add(new ChainReport.Stage(s + 1, p.toString(), Render.linearToDb(s < stagePeak.length ? stagePeak[s] : 0), gr));
        }
        return new ChainReport(Render.linearToDb(inPeak), list);
    }

    /**
     * Streams a file through the chain into a WAV file in bounded memory (one block at a time), with the
     * latency removed, refusing to overwrite the input.
     *
     * @param progress told the number of frames done so far; may be {@code null}
     * @return what each stage did
     */
    public ChainReport render(Path in, Path out, SampleFormat format, LongConsumer progress) {
        long frames;
        AudioFileInfo info;
        try (AudioReader r = Audio.open(in)) {
            info = r.info();
            frames = info.frames();
            if (frames < 0) {
                frames = countFrames(r, info.channels());
            }
        }
        if (frames == 0) {
            throw new WorkbenchException(in, "contains no audio (0 sample frames)");
        }
        final long total = frames;
        final int ch = info.channels();
        final int block = Render.BLOCK;
        prepare(info.sampleRate(), block, ch);
        final int lat = latencySamples();
        AudioStreamWriter.write(out, format, info.sampleRate(), info.layout(), total, List.of(in), sink -> {
            try (AudioReader r = Audio.open(in)) {
                double[][] buf = new double[ch][block];
                double[][] outBuf = new double[ch][block];
                long readPos = 0;
                long done = 0;
                boolean eof = false;
                while (done < total) {
                    int got = 0;
                    if (!eof) {
                        while (got < block) {
                            double[][] tmp = got == 0 ? buf : new double[ch][block - got];
                            int g = r.read(tmp, block - got);
                            if (g < 0) {
                                eof = true;
                                break;
                            }
                            if (got > 0) {
                                for (int c = 0; c < ch; c++) {
                                    System.arraycopy(tmp[c], 0, buf[c], got, g);
                                }
                            }
                            got += g;
                            if (g == 0) {
                                break;
                            }
                        }
                    }
                    int len = got;
                    if (eof && readPos + got < total) {
                        throw new WorkbenchException(in, "ended after " + (readPos + got) + " frames but announced "
                                + total + "; the file is truncated or its header is wrong");
                    }
                    if (eof && got < block) {
                        // feed silence past the end to flush the latency
                        len = (int) Math.min(block, Math.max(got, total + lat - readPos));
                        for (int c = 0; c < ch; c++) {
                            Arrays.fill(buf[c], got, len, 0.0);
                        }
                    }
                    if (len == 0) {
                        break;
                    }
                    for (int c = 0; c < ch; c++) {
                        for (int i = 0; i < len; i++) {
                            if (!Double.isFinite(buf[c][i])) {
                                throw new WorkbenchException(in, "contains NaN or infinite samples near frame " + (readPos + i));
                            }
                        }
                    }
                    process(buf, len);
                    long firstOut = readPos - lat;
                    int from = (int) Math.max(0, -firstOut);
                    int to = (int) Math.min(len, total - firstOut);
                    if (to > from) {
                        for (int c = 0; c < ch; c++) {
                            System.arraycopy(buf[c], from, outBuf[c], 0, to - from);
                        }
                        sink.write(outBuf, to - from);
                        done += to - from;
                        if (progress != null) {
                            progress.accept(done);
                        }
                    }
                    readPos += len;
                }
            }
        });
        return report();
    }

    private static long countFrames(AudioReader r, int ch) {
        double[][] b = new double[ch][Audio.BLOCK];
        long n = 0;
        int g;
        while ((g = r.read(b, Audio.BLOCK)) >= 0) {
            n += g;
        }
        return n;
    }

    @Override
    public String toString() {
        if (stages.isEmpty()) {
            return "Chain[]";
        }
        StringBuilder sb = new StringBuilder("Chain[");
        for (int i = 0; i < stages.size(); i++) {
            sb.append("\n  ").append(i + 1).append(". ").append(stages.get(i));
        }
        return sb.append("\n]").toString();
    }
}
