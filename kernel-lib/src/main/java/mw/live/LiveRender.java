package mw.live;

import java.util.List;
import java.util.Locale;
import mw.audio.AudioBuffer;

/**
 * What a scripted live session rendered: the output (latency removed, same length as the input), each
 * transition, loudness and gain reduction per state, a trace of meters and parameters every 10 ms, and
 * the latency.
 *
 * @param output             the rendered audio
 * @param transitions        every transition, in order
 * @param states             one entry per cue: the stretch of time until the next cue
 * @param trace              meters and parameters every 10 ms
 * @param blockFrames        block size the engine ran with
 * @param lookaheadFrames    look-ahead latency the engine reports
 * @param measuredLookaheadFrames look-ahead latency measured with an impulse through the chain
 */
public record LiveRender(AudioBuffer output, List<TransitionEvent> transitions, List<StateStats> states, Trace trace,
        int blockFrames, int lookaheadFrames, int measuredLookaheadFrames) {

    /** One transition: when it was asked for, from which state to which, and how. */
    public record TransitionEvent(double atSeconds, String from, String to, LiveTransition transition) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%8.3f s  %s -> %s over %s", atSeconds, from, to, transition);
        }
    }

    /**
     * Loudness and gain reduction of the output during one cue's stretch (the transition into it included).
     *
     * @param state                  the state
     * @param fromSeconds            start of the stretch
     * @param toSeconds              end of the stretch
     * @param integratedLufs         integrated loudness of the stretch (BS.1770 gating), LUFS
     * @param truePeakDbtp           true peak of the stretch, dBTP
     * @param meanGainReductionDb    mean gain reduction of compressor and limiter, dB
     * @param maxGainReductionDb     largest gain reduction, dB
     */
    public record StateStats(String state, double fromSeconds, double toSeconds, double integratedLufs, double truePeakDbtp,
            double meanGainReductionDb, double maxGainReductionDb) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-22s %7.2f-%7.2f s  %6.1f LUFS  TP %5.1f dBTP  GR mean %4.1f dB, max %4.1f dB",
                    state, fromSeconds, toSeconds, integratedLufs, truePeakDbtp, meanGainReductionDb, maxGainReductionDb);
        }
    }

    /**
     * Meters and parameter values every {@code stepSeconds} (10 ms).
     *
     * @param stepSeconds        time between points
     * @param momentaryLufs      momentary loudness (NaN in the first 400 ms)
     * @param gainReductionDb    compressor plus limiter gain reduction
     * @param parameterNames     the chain's parameter names
     * @param parameters         parameters[p][k]: value of parameter p at point k
     */
    public record Trace(double stepSeconds, double[] momentaryLufs, double[] gainReductionDb, List<String> parameterNames,
            double[][] parameters) {
        /** Time of each point in seconds (end of its 10 ms step). */
        public double[] timesSeconds() {
            double[] t = new double[momentaryLufs.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = (i + 1) * stepSeconds;
            }
            return t;
        }

        /** The values of one parameter over time. */
        public double[] parameter(String name) {
            int i = parameterNames.indexOf(name);
            if (i < 0) {
                i = LiveStates.indexOfField("trace", name);
            }
            return parameters[i];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "LiveRender.Trace[%d points, %.3f s step]", momentaryLufs.length, stepSeconds);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LiveRender[%.2f s, %d transitions, block %d, look-ahead %d frames]",
                output.durationSeconds(), transitions.size(), blockFrames, lookaheadFrames);
    }
}
