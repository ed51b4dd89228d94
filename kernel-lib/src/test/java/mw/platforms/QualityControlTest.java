package mw.platforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

/** Each check against a signal whose answer is known analytically. */
class QualityControlTest {
    static final int RATE = 48000;
    static final QualityControl.Limits LIMITS = QualityControl.Limits.music(-1.0);

    static double[] sine(double amp, double seconds, DoubleUnaryOperator shape) {
        int n = (int) (seconds * RATE);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = shape.applyAsDouble(amp * Math.sin(2 * Math.PI * 997 * i / RATE));
        }
        return x;
    }

    static QcCheck check(QcReport r, String id) {
        return r.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aCleanStereoSinePassesEverything() {
        double[] x = sine(0.5, 3, v -> v);
        QcReport r = QualityControl.check("clean", AudioBuffer.of(RATE, x, x), -6.0, 24, LIMITS);
        assertTrue(r.passed(), r.failures().toString());
        assertEquals("pass", r.result());
        assertEquals(0.0, Double.parseDouble(check(r, "mono_loss").measured().replace(" dB", "")), 1e-9);
        assertEquals("+1.00", check(r, "phase").measured());
    }

    @Test
    void hardClippingIsFound() {
        double[] x = sine(2.0, 1, v -> Math.max(-1, Math.min(1, v))); // a sine driven 6 dB into the rails
        QcReport r = QualityControl.check("clipped", AudioBuffer.of(RATE, x, x), 0.0, 24, LIMITS);
        QcCheck c = check(r, "clipping");
        assertFalse(c.passed());
        // each half cycle of a 997 Hz sine clips once per channel: about 2·997 runs per second per channel
        long runs = Long.parseLong(c.measured().split(" ")[0]);
        assertEquals(2 * 997 * 2, runs, 8);
        assertFalse(r.passed());
        assertFalse(check(r, "true_peak").passed()); // 0 dBTP > -1 dBTP
    }

    @Test
    void dcOffsetIsMeasuredAsTheChannelMean() {
        double[] x = sine(0.5, 1, v -> v + 0.01); // mean 0.01 = -40 dBFS
        QcReport r = QualityControl.check("dc", AudioBuffer.of(RATE, x), -6, 24, LIMITS);
        QcCheck c = check(r, "dc_offset");
        assertFalse(c.passed());
        assertEquals("-40.0 dBFS", c.measured());
    }

    @Test
    void headAndTailSilenceAreTimed() {
        double[] body = sine(0.5, 1, v -> v);
        double[] x = new double[3 * RATE + body.length + 6 * RATE];
        System.arraycopy(body, 0, x, 3 * RATE, body.length);
        QcReport r = QualityControl.check("silence", AudioBuffer.of(RATE, x, x), -6, 24, LIMITS);
        QcCheck head = check(r, "head_silence");
        QcCheck tail = check(r, "tail_silence");
        assertFalse(head.passed());
        assertFalse(tail.passed());
        // the sine starts at sample 0 of its body (value 0), so the head is 3 s plus one sample
        assertEquals(3.0, Double.parseDouble(head.measured().replace(" s", "")), 0.001);
        assertEquals(6.0, Double.parseDouble(tail.measured().replace(" s", "")), 0.001);
        QcReport silent = QualityControl.check("zeros", AudioBuffer.of(RATE, new double[RATE]), Double.NEGATIVE_INFINITY, 24, LIMITS);
        assertFalse(check(silent, "head_silence").passed());
    }

    @Test
    void antiPhaseChannelsFailMonoAndPhase() {
        double[] l = sine(0.5, 1, v -> v);
        double[] r = sine(0.5, 1, v -> -v);
        QcReport rep = QualityControl.check("anti", AudioBuffer.of(RATE, l, r), -6, 24, LIMITS);
        assertFalse(check(rep, "mono_loss").passed());
        assertEquals("-1.00", check(rep, "phase").measured());
        assertFalse(check(rep, "phase").passed());
    }

    @Test
    void uncorrelatedNoiseLosesThreeDecibelsInMono() {
        Random rnd = new Random(7);
        double[] l = new double[RATE * 4];
        double[] r = new double[RATE * 4];
        for (int i = 0; i < l.length; i++) {
            l[i] = 0.1 * rnd.nextGaussian();
            r[i] = 0.1 * rnd.nextGaussian();
        }
        QcReport rep = QualityControl.check("noise", AudioBuffer.of(RATE, l, r), -6, 24, LIMITS);
        assertEquals(3.0, Double.parseDouble(check(rep, "mono_loss").measured().replace(" dB", "")), 0.1);
        assertTrue(check(rep, "mono_loss").passed());
        assertEquals(0.0, Double.parseDouble(check(rep, "phase").measured()), 0.02);
    }

    @Test
    void rateAndBitDepthAreChecked() {
        double[] x = sine(0.5, 1, v -> v);
        QcReport r = QualityControl.check("fmt", AudioBuffer.of(22050, x), -6, 0, LIMITS);
        assertFalse(check(r, "sample_rate").passed());
        assertFalse(check(r, "bit_depth").passed());
        assertEquals("lossy", check(r, "bit_depth").measured());
    }

    @Test
    void aReportNeverPassesWhileACheckFails() {
        Random rnd = new Random(1);
        for (int k = 0; k < 500; k++) {
            List<QcCheck> cs = new ArrayList<>();
            int n = 1 + rnd.nextInt(9);
            boolean anyFail = false;
            for (int i = 0; i < n; i++) {
                boolean p = rnd.nextDouble() < 0.8;
                anyFail |= !p;
                cs.add(new QcCheck("c" + i, "c", p, "", "", ""));
            }
            QcReport r = new QcReport("x", cs);
            assertEquals(!anyFail, r.passed());
            assertEquals(anyFail, !r.failures().isEmpty());
        }
        assertFalse(new QcReport("empty", List.of()).passed());
    }
}
