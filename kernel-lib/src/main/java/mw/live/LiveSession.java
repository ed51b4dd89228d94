package mw.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.loudness.LoudnessMeter;

/**
 * Renders a scripted game session offline: the audio runs through a {@link LiveEngine} block by block
 * while the cues of a {@link LiveTimeline} ask for states at their times, exactly as a game would at run
 * time, and the engine's meters are read every 10 ms.
 *
 * <pre>{@code
 * LiveRender r = LiveSession.render(Audio.read("music.flac"), LiveStates.read(Path.of("states.json")),
 *         LiveTimeline.parse("0:menu,12:exploration,30:combat/2s,55:boss/0.5s"), 512);
 * }</pre>
 */
public final class LiveSession {
    /** Step of the meter and parameter trace. */
    public static final double TRACE_STEP_SECONDS = 0.010;

    private LiveSession() {
    }

    /** Renders with blocks of {@code blockFrames} (32 to 4096 is typical of audio hardware; 1 to 65536 accepted). */
    public static LiveRender render(AudioBuffer in, LiveStates states, LiveTimeline timeline, int blockFrames) {
        return render(in, states, timeline, blockFrames, "the audio");
    }

    /** As {@link #render(AudioBuffer, LiveStates, LiveTimeline, int)}; {@code audioName} names the input in messages. */
    public static LiveRender render(AudioBuffer in, LiveStates states, LiveTimeline timeline, int blockFrames, String audioName) {
        if (!in.isFinite()) {
            throw new WorkbenchException(audioName + " contains NaN or infinite samples; the live chain accepts finite samples only");
        }
        timeline.check(states, in.durationSeconds(), audioName);
        int fs = in.sampleRate();
        int ch = in.channels();
        int n = in.frames();
        List<LiveTimeline.Cue> cues = timeline.cues();
        LiveEngine engine = new LiveEngine(states, cues.get(0).state(), fs, ch, blockFrames);
        int lat = engine.lookaheadFrames();
        long[] cueFrame = new long[cues.size()];
        for (int i = 0; i < cueFrame.length; i++) {
            cueFrame[i] = Math.round(cues.get(i).atSeconds() * fs);
        }
        List<LiveRender.TransitionEvent> events = new ArrayList<>();
        int next = cueFrame[0] == 0 ? 1 : 0;
        String current = states.get(cues.get(0).state()).name();
        double[][] out = new double[ch][n];
        double[][] buf = new double[ch][blockFrames];
        int step = (int) Math.round(TRACE_STEP_SECONDS * fs);
        int points = (int) ((n + lat) / step) + 1;
        double[] mom = new double[points];
        double[] gr = new double[points];
        double[][] par = new double[LiveChain.COUNT][points];
        int k = 0;
        long total = (long) n + lat;
        long nextTrace = step;
        for (long pos = 0; pos < total; ) {
            if (next < cues.size() && pos == cueFrame[next]) {
                LiveTimeline.Cue c = cues.get(next);
                LiveState target = states.get(c.state());
                LiveTransition t = c.transition() != null ? c.transition() : states.transition(current, target.name());
                engine.transitionTo(target, t.seconds(), t.curve());
                events.add(new LiveRender.TransitionEvent(c.atSeconds(), current, target.name(), t));
                current = target.name();
                next++;
            }
            long limit = Math.min(total, pos + blockFrames);
            if (next < cues.size()) {
                limit = Math.min(limit, cueFrame[next]);
            }
            limit = Math.min(limit, nextTrace);
            int len = (int) (limit - pos);
            int avail = (int) Math.max(0, Math.min(len, n - pos));
            for (int c = 0; c < ch; c++) {
                if (avail > 0) {
                    in.copyTo(c, (int) pos, buf[c], 0, avail);
                }
                Arrays.fill(buf[c], avail, len, 0.0);
            }
            engine.process(buf, len);
            long firstOut = pos - lat;
            int from = (int) Math.max(0, -firstOut);
            int to = (int) Math.min(len, n - firstOut);
            if (to > from) {
                for (int c = 0; c < ch; c++) {
                    System.arraycopy(buf[c], from, out[c], (int) (firstOut + from), to - from);
                }
            }
            pos = limit;
            if (pos == nextTrace && k < points) {
                LiveMeters m = engine.meters();
                mom[k] = m.momentaryLufs();
                gr[k] = m.gainReductionDb();
                double[] v = engine.valuesArray();
                for (int p = 0; p < v.length; p++) {
                    par[p][k] = v[p];
                }
                k++;
                nextTrace += step;
            }
        }
        AudioBuffer output = AudioBuffer.wrap(fs, in.layout(), out);
        // the trace is in input time: drop the look-ahead from its start
        int shift = (int) Math.round((double) lat / step);
        int len = Math.max(0, Math.min(k - shift, (int) (n / step)));
        double[][] parOut = new double[LiveChain.COUNT][];
        // parameters are not delayed by the look-ahead: keep them aligned with the input's time
        for (int p = 0; p < parOut.length; p++) {
            parOut[p] = Arrays.copyOf(par[p], len);
        }
        LiveRender.Trace trace = new LiveRender.Trace(TRACE_STEP_SECONDS, Arrays.copyOfRange(mom, shift, shift + len),
                Arrays.copyOfRange(gr, shift, shift + len), LiveChain.PARAMETERS.stream().map(LiveParameter::name).toList(), parOut);
        List<LiveRender.StateStats> stats = new ArrayList<>();
        for (int i = 0; i < cues.size(); i++) {
            double a = cues.get(i).atSeconds();
            double b = i + 1 < cues.size() ? cues.get(i + 1).atSeconds() : in.durationSeconds();
            AudioBuffer slice = output.sliceSeconds(a, b);
            LoudnessMeter meter = new LoudnessMeter(fs, in.layout());
            meter.add(slice);
            int ka = (int) Math.floor(a / TRACE_STEP_SECONDS);
            int kb = Math.min(len, (int) Math.floor(b / TRACE_STEP_SECONDS));
            double sum = 0;
            double max = 0;
            for (int j = ka; j < kb; j++) {
                sum += trace.gainReductionDb()[j];
                max = Math.max(max, trace.gainReductionDb()[j]);
            }
            stats.add(new LiveRender.StateStats(states.get(cues.get(i).state()).name(), a, b, meter.integratedLufs(),
                    meter.truePeakDbtp(), kb > ka ? sum / (kb - ka) : 0, max));
        }
        return new LiveRender(output, events, stats, trace, blockFrames, lat, measureLookahead(states, cues.get(0).state(), fs, ch));
    }

    /**
     * Measures the chain's look-ahead: a small impulse (-40 dBFS, below every threshold) through an engine
     * in the given state; the position of the output's largest sample is the delay.
     */
    static int measureLookahead(LiveStates states, String state, int fs, int ch) {
        LiveState neutral = states.get(state).with("latency probe", java.util.Map.of("eq.lowGainDb", 0, "eq.midGainDb", 0,
                "eq.highGainDb", 0, "compressor.thresholdDb", 0, "stereo.width", 1, "output.gainDb", 0));
        LiveEngine e = new LiveEngine(LiveStates.of(neutral), neutral.name(), fs, ch, 4096);
        int len = 4096;
        double[][] x = new double[ch][len];
        for (int c = 0; c < ch; c++) {
            x[c][0] = 0.01;
        }
        e.process(x, len);
        int best = 0;
        for (int i = 0; i < len; i++) {
            if (Math.abs(x[0][i]) > Math.abs(x[0][best])) {
                best = i;
            }
        }
        return best;
    }
}
