package mw.processing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.loudness.Loudness;
import mw.loudness.LoudnessSeries;
import org.junit.jupiter.api.Test;

/** The transient shaper and the gain rider on analytic inputs, and transparent at neutral settings. */
class TransientAndRiderTest {
    static final int SR = 44_100;
    static final int HIT = SR / 2;

    /** Hits every 0.5 s: a 150 Hz sine decaying with a time constant of 80 ms, from silence. */
    static double[] hits(int count) {
        double[] x = new double[count * HIT];
        for (int h = 0; h < count; h++) {
            for (int i = 0; i < HIT; i++) {
                x[h * HIT + i] = 0.5 * Math.sin(2 * Math.PI * 150 * i / SR) * Math.exp(-i / (0.080 * SR));
            }
        }
        return x;
    }

    static double peakDb(double[] x, int from, int to) {
        double p = 0;
        for (int i = from; i < to; i++) {
            p = Math.max(p, Math.abs(x[i]));
        }
        return 20 * Math.log10(p);
    }

    static double energyDb(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return 10 * Math.log10(s);
    }

    @Test
    void attackGainRaisesTheOnsetPeakAndLeavesTheTail() {
        double[] in = hits(3);
        double[] out = TransientShaper.of(6, 0).process(AudioBuffer.of(SR, in)).channel(0);
        int h = 2 * HIT; // the third hit, after the followers have settled on the second's tail
        int onset = SR / 200; // first 5 ms
        double rise = peakDb(out, h, h + onset) - peakDb(in, h, h + onset);
        double tail = energyDb(out, h + SR * 150 / 1000, h + SR * 400 / 1000) - energyDb(in, h + SR * 150 / 1000, h + SR * 400 / 1000);
        System.out.printf(Locale.ROOT, "transient: attack +6 dB: onset peak %+.2f dB, tail %+.2f dB%n", rise, tail);
        assertEquals(6, rise, 0.5);
        assertEquals(0, tail, 0.5);
    }

    @Test
    void sustainGainMovesTheTailAndLeavesTheOnset() {
        double[] in = hits(3);
        for (double db : new double[] {6, -6}) {
            double[] out = TransientShaper.of(0, db).process(AudioBuffer.of(SR, in)).channel(0);
            int h = 2 * HIT;
            double rise = peakDb(out, h, h + SR / 200) - peakDb(in, h, h + SR / 200);
            double tail = energyDb(out, h + SR * 150 / 1000, h + SR * 400 / 1000) - energyDb(in, h + SR * 150 / 1000, h + SR * 400 / 1000);
            System.out.printf(Locale.ROOT, "transient: sustain %+.0f dB: onset peak %+.2f dB, tail %+.2f dB%n", db, rise, tail);
            assertEquals(db, tail, 0.5);
            assertEquals(0, rise, 1.0);
        }
    }

    @Test
    void neutralSettingsAreTransparent() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] l = hits(2);
        double[] r = new double[l.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.1 * rng.nextGaussian();
        }
        AudioBuffer in = AudioBuffer.of(SR, l, r);
        AudioBuffer shaped = TransientShaper.of(0, 0).process(in);
        AudioBuffer ridden = GainRider.toward(-20, 0).process(in);
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(in.channel(c), shaped.channel(c));
            assertArrayEquals(in.channel(c), ridden.channel(c));
        }
    }

    /**
     * A tone with a section 10 dB quieter comes out at the target short-term loudness (the library's
     * BS.1770 meter) once the rider has had time to move; the gain never moves faster than its speed.
     */
    @Test
    void riderBringsAQuietSectionToTheTarget() {
        int n = 30 * SR;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double level = i >= 8 * SR && i < 20 * SR ? Math.pow(10, -10 / 20.0) : 1;
            x[i] = 0.1 * level * Math.sin(2 * Math.PI * 997 * i / SR);
        }
        double speed = 4;
        GainRider rider = GainRider.toward(-20, 15).speedDbPerSecond(speed);
        AudioBuffer out = rider.process(AudioBuffer.of(SR, x));
        LoudnessSeries before = Loudness.series(AudioBuffer.of(SR, x), 100);
        LoudnessSeries after = Loudness.series(out, 100);
        double worst = 0;
        // the gain starts moving 1.5 s (the look-ahead) before each change and follows the 3 s window
        // (10 dB in 3 s, slower than the speed); readings cover the 3 s before their time
        for (int k = 0; k < after.size(); k++) {
            double t = after.timesSeconds()[k];
            boolean steady = t >= 3 && t <= 6.5 || t >= 13 && t <= 18.5 || t >= 25 && t <= 28.5; // the last 1.5 s look ahead into the silence after the end
            if (steady) {
                worst = Math.max(worst, Math.abs(after.shortTermLufs()[k] + 20));
            }
        }
        double inQuiet = before.shortTermLufs()[(int) (14 / 0.1)];
        System.out.printf(Locale.ROOT, "rider: input short-term %.1f / %.1f LUFS, output within %.2f dB of -20 when settled%n",
                before.shortTermLufs()[(int) (6 / 0.1)], inQuiet, worst);
        assertTrue(worst < 0.5, "worst deviation " + worst);
        // gain slope from the output/input ratio where the tone is near its peak
        double prevDb = Double.NaN;
        int prevI = 0;
        double maxSlope = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(x[i]) > 0.02 && Math.abs(x[i]) > 0.9 * Math.abs(x[i] / Math.sin(2 * Math.PI * 997 * i / SR)) * 0.95) {
                double g = 20 * Math.log10(out.sample(0, i) / x[i]);
                if (!Double.isNaN(prevDb) && i - prevI < SR / 100) {
                    maxSlope = Math.max(maxSlope, Math.abs(g - prevDb) / ((double) (i - prevI) / SR));
                }
                prevDb = g;
                prevI = i;
            }
        }
        System.out.printf(Locale.ROOT, "rider: steepest gain change %.2f dB/s (speed %.1f)%n", maxSlope, speed);
        assertTrue(maxSlope <= speed * 1.02 + 1e-9, "slope " + maxSlope);
        assertTrue(maxSlope > speed * 0.5, "the rider moved");
    }

    @Test
    void limitsHoldAndParametersByName() {
        int n = 8 * SR;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.01 * Math.sin(2 * Math.PI * 997 * i / SR); // about -43 LUFS
        }
        AudioBuffer out = GainRider.toward(-20, 6).process(AudioBuffer.of(SR, x));
        assertEquals(6, 20 * Math.log10(out.peak() / 0.01), 0.01, "boost held at the limit");
        Processor p = Presets.parseSpec("rider:targetLufs=-16,maxBoostDb=3; transient:attackDb=4,sustainDb=-2").get(0);
        assertEquals(-16.0, p.get("targetLufs"));
        assertThrows(WorkbenchException.class, () -> Presets.create("transient", Map.of("attackDb", 30)));
        assertThrows(WorkbenchException.class, () -> Presets.create("rider", Map.of("speedDbPerSecond", 0)));
    }
}
