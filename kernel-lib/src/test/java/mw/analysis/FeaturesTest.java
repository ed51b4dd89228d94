package mw.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

/**
 * Features against analytic values and against a second, deliberately plain implementation of
 * librosa's published formulas ({@link LibrosaReference}): a direct DFT per frame instead of an FFT,
 * filter banks written out from librosa's documentation, and the per-frame DCT taken before averaging.
 */
class FeaturesTest {
    static final int SR = 44100;

    @Test
    void sineCentroidRolloffAndZeroCrossingsAreItsFrequency() {
        FeatureSet f = Features.of(TestSignals.sine(1000, 0.5, SR, 2), SR, "sine");
        assertEquals(1000, f.spectralCentroidHz(), 10);
        // roll-off: the bin at which 85 % of the magnitude is reached, within two bins of 1 kHz
        assertEquals(1000, f.spectralRolloffHz(), 2 * SR / 2048.0 + 1);
        assertTrue(f.spectralBandwidthHz() < 100, "bandwidth " + f.spectralBandwidthHz());
        // 2 crossings per period over the real (unpadded) neighbour pairs of each centred frame, plus
        // librosa's one counted first sample per 2048-sample frame
        int n = 2 * SR;
        int frames = 1 + n / 512;
        double expected = 0;
        for (int t = 0; t < frames; t++) {
            int first = Math.max(1, t * 512 - 1024 + 1);
            int last = Math.min(n - 1, t * 512 - 1024 + 2047);
            expected += (1 + 2 * 1000.0 / SR * Math.max(0, last - first + 1)) / 2048 / frames;
        }
        assertEquals(expected, f.zeroCrossingRate(), 5e-5);
        assertEquals(3.0103, f.crestFactorDb(), 0.01);
        assertEquals(-6.0206, f.rmsDbfs(), 0.01);
        // librosa rms: framewise; the two half-empty edge frames lower the mean a little
        assertEquals(0.5 / Math.sqrt(2), f.rms(), 0.01);
        assertEquals("B", Features.of(TestSignals.sine(987.77, 0.5, SR, 0.5), SR, "b5").dominantPitchClass());
        assertEquals("A", Features.of(TestSignals.sine(440, 0.5, SR, 0.5), SR, "a4").dominantPitchClass());
    }

    @Test
    void whiteNoiseFlatnessIsThatOfExponentialBins() {
        // For white Gaussian noise every periodogram bin is exponentially distributed, so
        // E[ln P] = ln E[P] - gamma and the per-frame flatness (librosa's) is exp(-gamma) = 0.5615.
        FeatureSet f = Features.of(TestSignals.white(0.1, SR, 3, 11), SR, "white");
        assertEquals(Math.exp(-0.5772156649), f.spectralFlatness(), 0.02);
        // the long-term average spectrum of the same noise is flat: near 1
        Ltas l = Spectrum.ltas(AudioBuffer.of(SR, TestSignals.white(0.1, SR, 3, 11)));
        assertTrue(l.flatness("mix", 20, 20000) > 0.95);
        // centroid of white noise is half the Nyquist frequency
        assertEquals(SR / 4.0, f.spectralCentroidHz(), 200);
        // and a sine is as far from flat as it gets
        assertTrue(Features.of(TestSignals.sine(1000, 0.5, SR, 1), SR, "s").spectralFlatness() < 1e-3);
    }

    @Test
    void mfccAndChromaMatchLibrosaFormulas() {
        int sr = 22050;
        double[] x = TestSignals.add(TestSignals.add(TestSignals.sine(261.63, 0.4, sr, 0.35),
                TestSignals.sine(392.0, 0.25, sr, 0.35)), TestSignals.white(0.01, sr, 0.35, 2));
        FeatureSet f = Features.of(x, sr, "chord");
        LibrosaReference ref = new LibrosaReference(x, sr);
        double[] mfcc = ref.mfccMean(13);
        for (int i = 0; i < 13; i++) {
            assertEquals(mfcc[i], f.mfcc()[i], 0.02 * Math.max(1, Math.abs(mfcc[i])), "MFCC " + i);
        }
        double[] chroma = ref.chromaMean();
        for (int i = 0; i < 12; i++) {
            assertEquals(chroma[i], f.chroma()[i], 2e-3, "chroma " + FeatureSet.PITCH_CLASSES[i]);
        }
        assertEquals("C", f.dominantPitchClass());
        assertEquals(ref.centroidMean(), f.spectralCentroidHz(), 0.5);
    }

    @Test
    void framewiseValuesFollowLibrosaFramingAndAverageToTheSummary() {
        int n = SR; // 1 s
        double[] x = TestSignals.sine(2000, 0.5, SR, 1);
        FeatureFrames fr = Features.frames(x, SR, "tone");
        // librosa: 1 + n // hop_length frames with center=True
        assertEquals(1 + n / 512, fr.size());
        assertEquals(512.0 / SR, fr.timesSeconds()[1], 1e-12);
        // away from the padded edges every frame's centroid is the tone's frequency
        for (int t = 4; t < fr.size() - 4; t++) {
            assertEquals(2000, fr.spectralCentroidHz()[t], 20, "frame " + t);
            assertEquals(2 * 2000.0 / SR, fr.zeroCrossingRate()[t], 1.5 / 2048 + 1e-3);
        }
        FeatureSet f = Features.of(x, SR, "tone");
        double mean = 0;
        double[] mfcc0 = new double[13];
        for (int t = 0; t < fr.size(); t++) {
            mean += fr.spectralCentroidHz()[t] / fr.size();
            for (int k = 0; k < 13; k++) {
                mfcc0[k] += fr.mfcc()[t][k] / fr.size();
            }
        }
        assertEquals(f.spectralCentroidHz(), mean, 1e-6);
        for (int k = 0; k < 13; k++) {
            assertEquals(f.mfcc()[k], mfcc0[k], 1e-3);
        }
        assertEquals(12, fr.chroma()[10].length);
    }

    @Test
    void badInputIsOneWorkbenchException() {
        double[] x = TestSignals.sine(440, 0.5, SR, 0.2);
        x[100] = Double.NaN;
        var e = org.junit.jupiter.api.Assertions.assertThrows(mw.WorkbenchException.class, () -> Features.of(x, SR, "take 3"));
        assertTrue(e.getMessage().contains("take 3") && e.getMessage().contains("NaN"), e.getMessage());
        // an empty signal has defined, not thrown, figures
        FeatureSet empty = Features.of(new double[0], SR, "empty");
        assertEquals(0, empty.durationSeconds());
        assertEquals(Double.NEGATIVE_INFINITY, empty.rmsDbfs());
    }

    @Test
    void publishedMelScaleValues() {
        // librosa documentation examples: hz_to_mel(60) = 0.9, hz_to_mel([110, 220, 440]) = [1.65, 3.3, 6.6]
        assertEquals(0.9, Filterbanks.hzToMel(60), 1e-9);
        assertEquals(6.6, Filterbanks.hzToMel(440), 1e-9);
        assertEquals(15.0, Filterbanks.hzToMel(1000), 1e-9);
        assertEquals(2000, Filterbanks.melToHz(Filterbanks.hzToMel(2000)), 1e-6);
    }

    @Test
    void hnrOfAPeriodicSignalPlusNoiseIsItsSignalToNoiseRatio() {
        // harmonic complex with a period of exactly 200 samples (220.5 Hz) plus white noise 10 dB below:
        // Boersma's r at the period is P_h / (P_h + P_n), so HNR = 10 dB
        int n = SR * 3;
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 1; k <= 5; k++) {
                h[i] += Math.sin(2 * Math.PI * k * i / 200.0 + k) / k;
            }
        }
        double ph = 0;
        for (double v : h) {
            ph += v * v / n;
        }
        double[] noise = TestSignals.white(Math.sqrt(ph / 10), SR, 3, 9);
        assertEquals(10, Features.hnrDb(TestSignals.add(h, noise), SR), 1.0);
        assertTrue(Features.hnrDb(h, SR) > 30, "pure periodic " + Features.hnrDb(h, SR));
        assertTrue(Features.hnrDb(noise, SR) < 0, "noise " + Features.hnrDb(noise, SR));
    }

    @Test
    void onsetDensityCountsClicks() {
        // 20 decaying noise bursts, 4 per second, in silence
        int n = SR * 5;
        double[] x = new double[n];
        double[] burst = TestSignals.white(0.3, SR, 0.02, 4);
        for (int c = 0; c < 20; c++) {
            int start = (int) ((0.125 + 0.25 * c) * SR);
            for (int i = 0; i < burst.length; i++) {
                x[start + i] = burst[i] * Math.exp(-i / (0.004 * SR));
            }
        }
        FeatureSet f = Features.of(x, SR, "clicks");
        assertEquals(4.0, f.onsetsPerSecond(), 0.21);
        assertEquals(0, Features.of(TestSignals.sine(440, 0.5, SR, 2), SR, "s").onsetsPerSecond(), 1.0);
    }

    @Test
    void perSignalCoversMixChannelsMidAndSide() {
        double[] x = TestSignals.sine(1000, 0.5, SR, 2);
        var list = Features.perSignal(AudioBuffer.of(SR, x, TestSignals.scale(x, -1)));
        assertEquals(5, list.size());
        assertEquals("S", list.get(4).signal());
        assertEquals(1000, list.get(4).spectralCentroidHz(), 10);
        // mid of a polarity-inverted pair is silence: RMS -inf dBFS, centroid 0 by librosa's definition
        assertEquals(Double.NEGATIVE_INFINITY, list.get(3).rmsDbfs());
        assertEquals(0, list.get(3).spectralCentroidHz());
    }
}
