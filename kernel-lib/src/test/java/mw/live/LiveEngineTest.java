package mw.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import mw.audio.AudioBuffer;
import mw.loudness.LoudnessMeter;
import mw.loudness.LoudnessSeries;
import mw.processing.Eq;
import org.junit.jupiter.api.Test;

class LiveEngineTest {
    static final int FS = LiveSignals.FS;

    /** Statically the SVF bands are the bilinear-transformed prototypes: the same filters as the cookbook biquads of {@link Eq}. */
    @Test
    void svfBandsMatchTheCookbookBiquads() {
        AudioBuffer noise = LiveSignals.noise(20_000, 0.1, 0.5, 1);
        record Case(SvfBand.Kind kind, Eq eq, double hz, double db, double q) {
        }
        for (Case c : List.of(new Case(SvfBand.Kind.BELL, Eq.peak(1000, 6, 0.7), 1000, 6, 0.7),
                new Case(SvfBand.Kind.BELL, Eq.peak(300, -9, 3), 300, -9, 3),
                new Case(SvfBand.Kind.LOW_SHELF, Eq.lowShelf(120, 5), 120, 5, Eq.BUTTERWORTH_Q),
                new Case(SvfBand.Kind.LOW_SHELF, Eq.lowShelf(200, -7), 200, -7, Eq.BUTTERWORTH_Q),
                new Case(SvfBand.Kind.HIGH_SHELF, Eq.highShelf(8000, 4), 8000, 4, Eq.BUTTERWORTH_Q),
                new Case(SvfBand.Kind.HIGH_SHELF, Eq.highShelf(5000, -10), 5000, -10, Eq.BUTTERWORTH_Q))) {
            AudioBuffer ref = c.eq().process(noise);
            SvfBand band = new SvfBand(c.kind());
            band.prepare(2);
            band.design(FS, c.hz(), c.db(), c.q());
            double[][] x = noise.toArrays();
            band.process(x, 0, x[0].length);
            double err = 0;
            for (int ch = 0; ch < 2; ch++) {
                for (int i = 0; i < x[ch].length; i++) {
                    err = Math.max(err, Math.abs(x[ch][i] - ref.sample(ch, i)));
                }
            }
            assertTrue(err < 1e-9, c + ": largest difference " + err);
        }
    }

    /**
     * The three bands run in one pass when none is gliding: the cascade equals the cookbook biquads in
     * series, and is bit for bit what the bands give one after the other (a band at 0 dB included, which
     * passes its input unchanged).
     */
    @Test
    void stillBandsInOnePassAreTheCascadeOfCookbookBiquads() {
        AudioBuffer noise = LiveSignals.noise(20_000, 0.1, 0.5, 4);
        for (double midDb : new double[] {-5, 0}) {
            AudioBuffer ref = Eq.highShelf(6000, 3).process(Eq.peak(900, midDb, 1.4).process(Eq.lowShelf(150, -4).process(noise)));
            SvfBand[] one = new SvfBand[3];
            SvfBand[] each = new SvfBand[3];
            for (SvfBand[] set : List.of(one, each)) {
                set[0] = new SvfBand(SvfBand.Kind.LOW_SHELF);
                set[1] = new SvfBand(SvfBand.Kind.BELL);
                set[2] = new SvfBand(SvfBand.Kind.HIGH_SHELF);
                for (SvfBand b : set) {
                    b.prepare(2);
                }
                set[0].design(FS, 150, -4, Eq.BUTTERWORTH_Q);
                set[1].design(FS, 900, midDb, 1.4);
                set[2].design(FS, 6000, 3, Eq.BUTTERWORTH_Q);
            }
            double[][] x = noise.toArrays();
            double[][] y = noise.toArrays();
            for (int from = 0; from < x[0].length; from += 100) {
                int to = Math.min(x[0].length, from + 100);
                assertTrue(one[0].still() && one[1].still() && one[2].still());
                SvfBand.processStill(one[0], one[1], one[2], x, from, to);
                for (SvfBand b : each) {
                    b.process(y, from, to);
                }
            }
            double err = 0;
            for (int ch = 0; ch < 2; ch++) {
                assertArrayEquals(y[ch], x[ch], 0, "mid " + midDb + " dB, channel " + ch);
                for (int i = 0; i < x[ch].length; i++) {
                    err = Math.max(err, Math.abs(x[ch][i] - ref.sample(ch, i)));
                }
            }
            assertTrue(err < 1e-9, "mid " + midDb + " dB: largest difference from the biquads " + err);
        }
    }

    @Test
    void curvesHaveTheirAnalyticShapes() {
        assertEquals(0.5, TransitionCurve.LINEAR.at(0.5), 0);
        assertEquals(0.5, TransitionCurve.S_CURVE.at(0.5), 1e-15);
        assertEquals(0.75, TransitionCurve.LOG.at(0.5), 0);
        assertEquals(0.25, TransitionCurve.EXP.at(0.5), 0);
        assertEquals(Math.sqrt(0.5), TransitionCurve.CONSTANT_POWER.at(0.5), 1e-15);
        for (TransitionCurve c : TransitionCurve.values()) {
            assertEquals(0, c.at(0), 0);
            assertEquals(1, c.at(1), 0);
            double prev = 0;
            for (int i = 1; i <= 1000; i++) {
                double w = c.at(i / 1000.0);
                assertTrue(w >= prev && w <= 1, c + " at " + i);
                prev = w;
            }
            // the constant-power pair keeps the summed power
            double t = 0.3;
            assertEquals(1, Math.pow(TransitionCurve.CONSTANT_POWER.at(t), 2) + Math.pow(TransitionCurve.CONSTANT_POWER.at(1 - t), 2), 1e-12);
        }
    }

    /**
     * Click-free: energy above the input's band (48 dB/octave high-pass two octaves above it, in 5 ms
     * windows) while switching at random times between two very different states, compared with an ideal
     * crossfade between static renders of the two states with the same curve. Where the chain passes
     * through states that distort more than either end (a compressor at a middle threshold on a steady
     * sine), static renders of those states along the path also count as the reference: a transition
     * may not add more than 6 dB to the louder of the two. An instant switch is more than 20 dB above
     * that, so the measure does see clicks.
     *
     * <p>One known exception, measured and bounded here: on a steady low sine, a threshold falling by
     * 32 dB in under a second drives the compressor into its attack on every cycle, and the above-band
     * energy then reaches up to 12 dB over the reference (still more than 25 dB below an instant switch).
     * This is the compressor's own attack following the waveform, not a discontinuity of the transition.
     */
    @Test
    void transitionsAreAsCleanAsACrossfadeOfStaticRenders() {
        LiveStates states = LiveSignals.contrasting();
        SplittableRandom rng = new SplittableRandom(7);
        List<String> failures = new java.util.ArrayList<>();
        record Input(String name, AudioBuffer audio, double bandHz) {
        }
        for (Input in : List.of(new Input("sine 220 Hz", LiveSignals.sine(220, 0.5, 5), 220),
                new Input("noise below 1 kHz", LiveSignals.noise(1000, 0.15, 5, 3), 1000))) {
            AudioBuffer a = LiveSession.render(in.audio(), states, LiveTimeline.parse("0:calm"), 256).output();
            AudioBuffer b = LiveSession.render(in.audio(), states, LiveTimeline.parse("0:boss"), 256).output();
            double cutoff = 4 * in.bandHz();
            double path = Double.NEGATIVE_INFINITY;
            for (double w : new double[] {0.25, 0.5, 0.75}) {
                LiveState mid = between(states.get("calm"), states.get("boss"), w);
                AudioBuffer y = LiveSession.render(in.audio(), LiveStates.of(mid), LiveTimeline.parse("0:" + mid.name()), 256).output();
                path = Math.max(path, LiveSignals.max(LiveSignals.energyAbove(y, cutoff, 0.005), 200, 900));
            }
            double worstExcess = Double.NEGATIVE_INFINITY;
            for (double dur : new double[] {0.05, 0.3, 1.0}) {
                for (TransitionCurve curve : new TransitionCurve[] {TransitionCurve.LINEAR, TransitionCurve.S_CURVE, TransitionCurve.EXP}) {
                    double ts = 1.5 + rng.nextDouble() * 1.5; // a random time
                    boolean up = rng.nextBoolean();
                    String fromState = up ? "calm" : "boss";
                    String toState = up ? "boss" : "calm";
                    String tl = String.format(java.util.Locale.ROOT, "0:%s,%.4f:%s/%.3fs/%s", fromState, ts, toState, dur, curve.id());
                    AudioBuffer live = LiveSession.render(in.audio(), states, LiveTimeline.parse(tl), 256).output();
                    AudioBuffer ya = up ? a : b;
                    AudioBuffer yb = up ? b : a;
                    double[][] xf = new double[2][ya.frames()];
                    for (int c = 0; c < 2; c++) {
                        for (int i = 0; i < ya.frames(); i++) {
                            double w = curve.at((i - ts * FS) / (dur * FS));
                            xf[c][i] = (1 - w) * ya.sample(c, i) + w * yb.sample(c, i);
                        }
                    }
                    double[] eLive = LiveSignals.energyAbove(live, cutoff, 0.005);
                    double[] eRef = LiveSignals.energyAbove(AudioBuffer.of(FS, xf), cutoff, 0.005);
                    int w0 = (int) ((ts - 0.05) / 0.005);
                    int w1 = (int) ((ts + dur + 0.2) / 0.005);
                    double live1 = LiveSignals.max(eLive, w0, w1);
                    double ref1 = Math.max(LiveSignals.max(eRef, w0, w1), path);
                    worstExcess = Math.max(worstExcess, live1 - ref1);
                    boolean fastDropOnSine = in.name().startsWith("sine") && dur < 1 && !up;
                    if (!(live1 <= ref1 + (fastDropOnSine ? 13 : 6))) {
                        failures.add(String.format(java.util.Locale.ROOT, "%s %s: %.1f dB above the band, reference %.1f dB",
                                in.name(), tl, live1, ref1));
                    }
                }
            }
            // an instant switch clicks, and the measure sees it
            AudioBuffer hard = LiveSession.render(in.audio(), states, LiveTimeline.parse("0:calm,2:boss/0.02ms"), 256).output();
            double hardE = LiveSignals.max(LiveSignals.energyAbove(hard, cutoff, 0.005), 390, 420);
            double softRef = LiveSignals.max(LiveSignals.energyAbove(b, cutoff, 0.005), 200, 900);
            assertTrue(hardE > Math.max(path, softRef) + 20, in.name() + ": instant switch " + hardE + " dB, reference " + path);
            System.out.printf(java.util.Locale.ROOT, "%s: worst transition %.1f dB over the reference; instant switch %.1f dB over%n",
                    in.name(), worstExcess, hardE - Math.max(path, softRef));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** The state a share {@code w} of the way from {@code a} to {@code b}, on each parameter's own scale. */
    static LiveState between(LiveState a, LiveState b, double w) {
        Map<String, Double> m = new java.util.HashMap<>();
        for (int i = 0; i < LiveEngine.parameters().size(); i++) {
            LiveParameter p = LiveEngine.parameters().get(i);
            m.put(p.name(), p.interpolate(a.valueAt(i), b.valueAt(i), w));
        }
        return a.with("Between_" + w, m);
    }

    /** Switching between two states with the same values changes nothing: a null far below -120 dBFS. */
    @Test
    void switchingBetweenIdenticalStatesIsANull() {
        LiveState a = LiveSignals.contrasting().get("boss");
        LiveStates states = LiveStates.of(a, a.with("Boss_Copy", Map.of()));
        AudioBuffer in = LiveSignals.noise(8000, 0.2, 4, 5);
        AudioBuffer still = LiveSession.render(in, states, LiveTimeline.parse("0:Boss_Bright"), 256).output();
        AudioBuffer moved = LiveSession.render(in, states,
                LiveTimeline.parse("0:Boss_Bright,1:Boss_Copy/0.5s/scurve,1.2:Boss_Bright/1s,3:Boss_Copy/10ms"), 256).output();
        double peak = 0;
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < in.frames(); i++) {
                peak = Math.max(peak, Math.abs(still.sample(c, i) - moved.sample(c, i)));
            }
        }
        assertTrue(peak == 0 || 20 * Math.log10(peak) < -120, "difference " + 20 * Math.log10(peak) + " dBFS");
    }

    /** After a transition (also one interrupted on its way) every parameter is exactly the target's value. */
    @Test
    void parametersLandExactlyOnTheTarget() {
        LiveStates states = LiveStates.parse("""
                [{"presetName": "Menu", "compressionThreshold": -20, "compressionRatio": 2.5, "limiterCeiling": -1.5,
                  "eqLowGain": 0, "eqMidGain": 0.5, "eqHighGain": 1, "stereoWidth": 1.1},
                 {"presetName": "Combat_Aggressive", "compressionThreshold": -15, "compressionRatio": 4, "limiterCeiling": -0.5,
                  "eqLowGain": 2, "eqMidGain": 1, "eqHighGain": 3, "stereoWidth": 1.2, "eq.midQ": 1.3, "compressor.releaseMs": 333.3},
                 {"presetName": "Boss", "compressionThreshold": -12.3, "compressionRatio": 7.7, "limiterCeiling": -0.1,
                  "eqLowGain": 3.3, "eqMidGain": -1.1, "eqHighGain": 2.2, "stereoWidth": 0.9, "eq.highFrequencyHz": 6100}]
                """);
        LiveEngine e = new LiveEngine(states, "menu", FS, 2, 128);
        double[][] x = new double[2][128];
        SplittableRandom rng = new SplittableRandom(1);
        e.transitionTo("combat", 0.3, TransitionCurve.S_CURVE);
        for (int b = 0; b < 40; b++) {
            fill(x, rng);
            e.process(x, 77);
        }
        e.transitionTo("boss", 0.2777, TransitionCurve.LOG); // interrupts the first one
        for (int b = 0; b < 200; b++) {
            fill(x, rng);
            e.process(x, 128);
        }
        LiveState boss = states.get("boss");
        double[] v = e.valuesArray();
        for (int i = 0; i < v.length; i++) {
            String name = LiveEngine.parameters().get(i).name();
            assertEquals(boss.valueAt(i), v[i], 0, name);
            assertEquals(boss.valueAt(i), e.processorValue(name), 0, name + " as the processor reports it");
        }
        assertEquals(1.0, e.meters().progress(), 0);
        assertEquals("Boss", e.meters().state());
    }

    private static void fill(double[][] x, SplittableRandom rng) {
        for (double[] c : x) {
            for (int i = 0; i < c.length; i++) {
                c[i] = rng.nextDouble(-0.5, 0.5);
            }
        }
    }

    /** The output does not depend on how the stream is cut into blocks. */
    @Test
    void blockRenderEqualsWholeRender() {
        LiveStates states = LiveSignals.contrasting().transition("calm", "boss", 0.7, TransitionCurve.CONSTANT_POWER);
        AudioBuffer in = LiveSignals.noise(6000, 0.25, 5, 9);
        LiveTimeline tl = LiveTimeline.parse("0:calm,0.5:boss,1.1:calm/0.31s/exp,1.25:boss/40ms,3:calm/1.5s/scurve");
        AudioBuffer whole = LiveSession.render(in, states, tl, in.frames()).output();
        for (int block : new int[] {32, 37, 128, 1000, 4096}) {
            AudioBuffer blocks = LiveSession.render(in, states, tl, block).output();
            for (int c = 0; c < 2; c++) {
                assertArrayEquals(whole.channel(c), blocks.channel(c), 0, "block " + block + ", channel " + c);
            }
        }
    }

    /**
     * Loudness does not overshoot: the momentary loudness (BS.1770, measured with the workbench's meter)
     * during a transition stays within 0.5 LU of the louder of the two states' steady renders.
     */
    @Test
    void loudnessDoesNotOvershootDuringTransitions() {
        LiveStates states = LiveSignals.contrasting();
        AudioBuffer in = LiveSignals.noise(12_000, 0.2, 8, 11);
        double steadyA = momentaryMax(LiveSession.render(in, states, LiveTimeline.parse("0:calm"), 512).output(), 2, 7.5);
        double steadyB = momentaryMax(LiveSession.render(in, states, LiveTimeline.parse("0:boss"), 512).output(), 2, 7.5);
        double louder = Math.max(steadyA, steadyB);
        for (TransitionCurve c : TransitionCurve.values()) {
            for (String tl : new String[] {"0:calm,3:boss/1s/" + c.id(), "0:boss,3:calm/1s/" + c.id(), "0:calm,3:boss/0.1s/" + c.id()}) {
                double m = momentaryMax(LiveSession.render(in, states, LiveTimeline.parse(tl), 512).output(), 2, 7.5);
                assertTrue(m <= louder + 0.5, tl + ": momentary max " + m + " LUFS, louder state " + louder + " LUFS");
            }
        }
    }

    private static double momentaryMax(AudioBuffer out, double from, double to) {
        LoudnessMeter meter = new LoudnessMeter(out.sampleRate(), out.layout()).recordSeries(10);
        meter.add(out);
        LoudnessSeries s = meter.series();
        double m = Double.NEGATIVE_INFINITY;
        double[] t = s.timesSeconds();
        double[] v = s.momentaryLufs();
        for (int i = 0; i < t.length; i++) {
            if (t[i] >= from && t[i] <= to) {
                m = Math.max(m, v[i]);
            }
        }
        return m;
    }

    /** The engine's momentary loudness agrees with the workbench's BS.1770 meter fed the same output. */
    @Test
    void momentaryMeterAgreesWithTheLoudnessMeter() {
        LiveStates states = LiveSignals.contrasting();
        AudioBuffer in = LiveSignals.noise(5000, 0.2, 3, 2);
        LiveEngine e = new LiveEngine(states, "boss", FS, 2, 480);
        LoudnessMeter ref = new LoudnessMeter(FS, in.layout());
        double[][] x = new double[2][480];
        for (int b = 0; b < in.frames() / 480; b++) {
            for (int c = 0; c < 2; c++) {
                in.copyTo(c, b * 480, x[c], 0, 480);
            }
            e.process(x, 480);
            ref.add(x, 480);
            if (b >= 40 && b % 7 == 0) {
                assertEquals(ref.momentaryLufs(), e.meters().momentaryLufs(), 0.01, "block " + b);
                assertEquals(ref.truePeakDbtp(), e.meters().truePeakDbtp(), 0.05, "block " + b);
            }
        }
    }
}
