package mw.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.processing.Chain;
import mw.processing.Gain;
import mw.processing.Presets;
import org.junit.jupiter.api.Test;

/** Split: parts sum back to the input; each part holds its own kind of sound; a gain on a part acts on that sound. */
class SplitTest {
    static final int SR = 44_100;

    /** A sustained chord (220, 330, 440 Hz). */
    static double[] tone(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / SR;
            x[i] = 0.2 * Math.sin(2 * Math.PI * 220 * t) + 0.15 * Math.sin(2 * Math.PI * 330 * t) + 0.1 * Math.sin(2 * Math.PI * 440 * t);
        }
        return x;
    }

    /** Hits every 250 ms: 3 ms bursts of noise with a 1 ms decay. */
    static double[] hits(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int s = SR / 8; s < n - SR / 100; s += SR / 4) {
            for (int i = 0; i < 3 * SR / 1000; i++) {
                x[s + i] = 0.6 * rng.nextGaussian() * Math.exp(-i / (0.001 * SR));
            }
        }
        return x;
    }

    static double[] add(double[] a, double[] b, double gb) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] + gb * b[i];
        }
        return y;
    }

    static double errDb(double[] ref, double[] x) {
        double e = 0;
        double p = 0;
        for (int i = 0; i < ref.length; i++) {
            e += (x[i] - ref[i]) * (x[i] - ref[i]);
            p += ref[i] * ref[i];
        }
        return 10 * Math.log10(e / p);
    }

    @Test
    void identityChainsSumBackToTheInput() {
        int n = 2 * SR;
        double[] l = add(tone(n), hits(n, 1), 1);
        double[] r = add(tone(n), hits(n, 2), 0.5);
        AudioBuffer in = AudioBuffer.of(SR, l, r);
        for (Split s : List.of(Split.harmonicPercussive(), Split.harmonicPercussive(2.5))) {
            AudioBuffer out = s.process(in);
            for (int c = 0; c < 2; c++) {
                double e = errDb(in.channel(c), out.channel(c));
                assertTrue(e < -100, s + ": error " + e + " dB");
            }
        }
        AudioBuffer ms = Split.midSide().process(in);
        assertTrue(errDb(l, ms.channel(0)) < -280 && errDb(r, ms.channel(1)) < -280);
        // identity chains with latency are aligned too
        AudioBuffer withLatency = Split.harmonicPercussive().harmonic(Chain.of(Declick.create())).process(in);
        assertTrue(errDb(in.channel(0), withLatency.channel(0)) < -40);
    }

    @Test
    void separatesASustainedToneFromHits() {
        int n = 3 * SR;
        double[] tone = tone(n);
        double[] hits = hits(n, 3);
        double[] mix = add(tone, hits, 1);
        List<AudioBuffer> parts = Split.harmonicPercussive().parts(AudioBuffer.of(SR, mix));
        double mixVsTone = -errDb(tone, mix);
        double mixVsHits = -errDb(hits, mix);
        double harm = -errDb(tone, parts.get(0).channel(0));
        double perc = -errDb(hits, parts.get(1).channel(0));
        System.out.printf(Locale.ROOT, "split: SDR of the tone %.1f -> %.1f dB, of the hits %.1f -> %.1f dB%n", mixVsTone, harm,
                mixVsHits, perc);
        assertTrue(harm > mixVsTone + 10, "harmonic part " + harm + " vs mixture " + mixVsTone);
        assertTrue(perc > mixVsHits + 10, "percussive part " + perc + " vs mixture " + mixVsHits);
        // with a margin, what is neither goes to the residual, and the three still sum to the mix
        List<AudioBuffer> three = Split.harmonicPercussive(3).parts(AudioBuffer.of(SR, mix));
        double[] sum = add(add(three.get(0).channel(0), three.get(1).channel(0), 1), three.get(2).channel(0), 1);
        assertTrue(errDb(mix, sum) < -100);
        double strict = -errDb(tone, three.get(0).channel(0));
        System.out.printf(Locale.ROOT, "split: margin 3, SDR of the tone in the harmonic part %.1f dB%n", strict);
        assertTrue(strict > mixVsTone + 5, "harmonic part with margin 3: " + strict);
    }

    /** +3 dB on the percussive part lands within 1 dB of +3 dB on the true hits. */
    @Test
    void gainOnThePercussivePartActsOnTheHits() {
        int n = 3 * SR;
        double[] tone = tone(n);
        double[] hits = hits(n, 4);
        double[] mix = add(tone, hits, 1);
        double g = Math.pow(10, 3 / 20.0);
        AudioBuffer out = Split.harmonicPercussive().percussive(Chain.of(Gain.db(3))).process(AudioBuffer.of(SR, mix));
        double[] added = add(out.channel(0), mix, -1);
        double[] trueAdded = add(new double[n], hits, g - 1);
        double ratio = 10 * Math.log10(energy(added) / energy(trueAdded));
        System.out.printf(Locale.ROOT, "split: +3 dB on hits, energy added %.2f dB of the true; residual error %.1f dB%n", ratio,
                errDb(add(mix, hits, g - 1), out.channel(0)));
        assertEquals(0, ratio, 1);
        assertTrue(errDb(add(mix, hits, g - 1), out.channel(0)) < -20);
    }

    static double energy(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }

    @Test
    void midSideChainsActOnMidAndSide() {
        int n = SR / 2;
        double[] l = tone(n);
        double[] r = hits(n, 5);
        AudioBuffer out = Split.midSide().side(Chain.of(Gain.db(6.0206))).process(AudioBuffer.of(SR, l, r));
        for (int i = 0; i < n; i += 97) {
            double m = 0.5 * (l[i] + r[i]);
            double s = 0.5 * (l[i] - r[i]);
            assertEquals(m + 2 * s, out.sample(0, i), 1e-4);
            assertEquals(m - 2 * s, out.sample(1, i), 1e-4);
        }
        assertThrows(WorkbenchException.class, () -> Split.midSide().process(AudioBuffer.of(SR, l)));
        assertThrows(WorkbenchException.class, () -> Split.midSide().harmonic(Chain.of()));
    }

    @Test
    void parametersByName() {
        Split s = (Split) Presets.create("split", Map.of("margin", "2", "harmonicMs", "300"));
        assertEquals(2.0, s.get("margin"));
        assertEquals("harmonicPercussive", s.get("mode"));
        assertThrows(WorkbenchException.class, () -> Presets.create("split", Map.of("margin", "0.5")));
        assertThrows(WorkbenchException.class, () -> Presets.create("split", Map.of("mode", "stems")));
    }

    /** "+3 dB on drums" written as a spec lands within 1 dB of +3 dB on the true hits, and renders as the split built in code. */
    @Test
    void aSplitSpecActsOnTheHitsAndRendersAsTheCodeBuiltSplit() {
        int n = 3 * SR;
        double[] tone = tone(n);
        double[] hits = hits(n, 6);
        double[] mix = add(tone, hits, 1);
        double g = Math.pow(10, 3 / 20.0);
        Chain spec = Presets.parseSpec("split:percussive=(gain:gainDb=3); gain:gainDb=0");
        AudioBuffer out = spec.process(AudioBuffer.of(SR, mix));
        double ratio = 10 * Math.log10(energy(add(out.channel(0), mix, -1)) / energy(add(new double[n], hits, g - 1)));
        System.out.printf(Locale.ROOT, "split spec: +3 dB on hits, energy added %.2f dB of the true%n", ratio);
        assertEquals(0, ratio, 1);
        AudioBuffer code = Split.harmonicPercussive().percussive(Chain.of(Gain.db(3))).process(AudioBuffer.of(SR, mix));
        for (int i = 0; i < n; i++) {
            assertEquals(code.sample(0, i), out.sample(0, i), 0.0);
        }
        // spec -> chain -> spec, and preset save -> load, keep the part chain and the sound
        String written = Presets.toSpec(spec);
        assertEquals("split:percussive=(gain:gainDb=3); gain", written);
        Chain loaded = Presets.fromJson(Presets.toJson(spec));
        assertEquals(written, Presets.toSpec(loaded));
        AudioBuffer again = loaded.process(AudioBuffer.of(SR, mix));
        for (int i = 0; i < n; i += 7) {
            assertEquals(out.sample(0, i), again.sample(0, i), 0.0);
        }
    }

    /** A mid/side spec with gain on the side only: L = M + 2S, R = M - 2S for +6.02 dB, exactly as the algebra says. */
    @Test
    void aMidSideSpecChangesTheSideByTheGain() {
        int n = SR / 2;
        double[] l = tone(n);
        double[] r = hits(n, 7);
        Chain c = Presets.parseSpec("split:mode=midSide,side=(eq:shape=lowShelf,frequencyHz=20,gainDb=0; gain:gainDb=6.0206)");
        AudioBuffer out = c.process(AudioBuffer.of(SR, l, r));
        for (int i = 0; i < n; i += 97) {
            double m = 0.5 * (l[i] + r[i]);
            double s = 0.5 * (l[i] - r[i]);
            assertEquals(m + 2 * s, out.sample(0, i), 1e-4);
            assertEquals(m - 2 * s, out.sample(1, i), 1e-4);
        }
        String json = Presets.toJson(c);
        assertTrue(json.contains("\"side\" : [ {") && !json.contains("\"harmonic\""), json);
        assertEquals(Presets.toSpec(c), Presets.toSpec(Presets.parseSpec(Presets.toSpec(c))));
        assertTrue(c.get(0).toString().contains("side=(eq:"), c.get(0).toString());
    }

    @Test
    void badNestedSpecsAreRefusedByName() {
        String m = assertThrows(WorkbenchException.class, () -> Presets.parseSpec("split:mode=midSide,percussive=(gain:gainDb=3)")).getMessage();
        assertTrue(m.contains("no percussive part") && m.contains("accepted: mid, side"), m);
        m = assertThrows(WorkbenchException.class, () -> Presets.parseSpec("split:side=(gain:gainDb=3")).getMessage();
        assertTrue(m.contains("parenthesis"), m);
        m = assertThrows(WorkbenchException.class, () -> Presets.parseSpec("split:percussive=(gain:gainDb=300)")).getMessage();
        assertTrue(m.startsWith("chain stage 1 (split): percussive[0] (gain): gainDb") && m.contains("accepted"), m);
        m = assertThrows(WorkbenchException.class, () -> Presets.parseSpec("split:percussive=(nope)")).getMessage();
        assertTrue(m.contains("unknown processor type 'nope'"), m);
    }
}
