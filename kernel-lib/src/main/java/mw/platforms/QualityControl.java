package mw.platforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;

/**
 * Technical quality control of a delivery file: clipping, true-peak overs, DC offset, silence at head
 * and tail, mono-compatibility loss, phase, sample rate and bit depth. Each check is pass/fail against
 * explicit {@link Limits}; the limits and their reasons are documented in {@code docs/platforms.md}.
 *
 * <p>These are simple, exactly defined measurements on the samples; no library computes this set
 * on our planar buffers, so they are written here.
 */
public final class QualityControl {
    private QualityControl() {
    }

    /**
     * Pass/fail limits.
     *
     * @param truePeakMaxDbtp        highest accepted true peak (dBTP)
     * @param clipRunSamples         this many consecutive samples at full scale count as one clipped run
     * @param dcOffsetMaxDbfs        highest accepted DC offset per channel (dBFS)
     * @param silenceThresholdDbfs   samples below this level on every channel count as silence (dBFS)
     * @param headSilenceMaxSeconds  longest accepted silence at the start (s)
     * @param tailSilenceMaxSeconds  longest accepted silence at the end (s)
     * @param monoLossMaxDb          largest accepted level loss of the mono fold-down (L+R)/2 against the
     *                               channels' mean level (dB; uncorrelated channels lose 3 dB)
     * @param correlationMin         lowest accepted overall correlation between the first two channels
     * @param sampleRatesHz          accepted sample rates (Hz)
     * @param minBitsPerSample       fewest accepted bits per sample (lossy sources have none and fail)
     * @param exactBitsPerSample     the only accepted word length (16 for a CD), or 0 for any from {@code minBitsPerSample}
     */
    public record Limits(double truePeakMaxDbtp, int clipRunSamples, double dcOffsetMaxDbfs, double silenceThresholdDbfs,
                         double headSilenceMaxSeconds, double tailSilenceMaxSeconds, double monoLossMaxDb,
                         double correlationMin, Set<Integer> sampleRatesHz, int minBitsPerSample,
                         int exactBitsPerSample) {
        public Limits {
            sampleRatesHz = Set.copyOf(sampleRatesHz);
            WorkbenchException.checkRange("clipRunSamples", clipRunSamples, 1, 1000);
            WorkbenchException.checkRange("headSilenceMaxSeconds", headSilenceMaxSeconds, 0, 3600);
            WorkbenchException.checkRange("tailSilenceMaxSeconds", tailSilenceMaxSeconds, 0, 3600);
        }

        /** Defaults for music delivery with the given true-peak maximum. */
        public static Limits music(double truePeakMaxDbtp) {
            return new Limits(truePeakMaxDbtp, 3, -50, -60, 2.0, 5.0, 4.0, 0.0,
                    Set.of(44100, 48000, 88200, 96000, 176400, 192000), 16, 0);
        }

        /**
         * Limits for delivering to a profile: its true-peak maximum, its sample rates when it names them, and its
         * word length when it names one (a CD: 16 bits exactly).
         */
        public static Limits forProfile(Profile p) {
            Limits m = music(p.truePeakMaxDbtp());
            return new Limits(m.truePeakMaxDbtp, m.clipRunSamples, m.dcOffsetMaxDbfs, m.silenceThresholdDbfs,
                    m.headSilenceMaxSeconds, m.tailSilenceMaxSeconds, m.monoLossMaxDb, m.correlationMin,
                    p.sampleRatesHz().isEmpty() ? m.sampleRatesHz : Set.copyOf(p.sampleRatesHz()),
                    p.bitsPerSample() > 0 ? p.bitsPerSample() : m.minBitsPerSample, p.bitsPerSample());
        }

        /** These limits with another true-peak maximum. */
        public Limits withTruePeakMax(double dbtp) {
            return new Limits(dbtp, clipRunSamples, dcOffsetMaxDbfs, silenceThresholdDbfs, headSilenceMaxSeconds,
                    tailSilenceMaxSeconds, monoLossMaxDb, correlationMin, sampleRatesHz, minBitsPerSample,
                    exactBitsPerSample);
        }
    }

    /**
     * Checks a buffer.
     *
     * @param subject        what is checked, for the report
     * @param audio          the samples
     * @param truePeakDbtp   its true peak as measured by the loudness meter (dBTP)
     * @param bitsPerSample  bits per sample of the file (0 for lossy codecs)
     * @param limits         pass/fail limits
     */
    public static QcReport check(String subject, AudioBuffer audio, double truePeakDbtp, int bitsPerSample, Limits limits) {
        List<QcCheck> checks = new ArrayList<>();
        int ch = audio.channels();
        int n = audio.frames();
        int rate = audio.sampleRate();

        // clipping: runs of consecutive samples at (or beyond) full scale
        double full = Math.pow(10, -0.01 / 20); // within 0.01 dB of full scale
        long runs = 0;
        for (int c = 0; c < ch; c++) {
            double[] x = audio.channel(c);
            int run = 0;
            for (int i = 0; i < n; i++) {
                if (Math.abs(x[i]) >= full) {
                    run++;
                    if (run == limits.clipRunSamples()) {
                        runs++;
                    }
                } else {
                    run = 0;
                }
            }
        }
        checks.add(new QcCheck("clipping", "Clipping", runs == 0, runs + " runs",
                "0 runs of " + limits.clipRunSamples() + "+ samples at full scale",
                runs == 0 ? "no run of consecutive full-scale samples"
                        : runs + " places where " + limits.clipRunSamples() + " or more consecutive samples sit at full scale"));

        // true-peak overs
        boolean tpOk = !(truePeakDbtp > limits.truePeakMaxDbtp() + Platforms.EPS);
        checks.add(new QcCheck("true_peak", "True-peak overs", tpOk, f("%.2f dBTP", truePeakDbtp),
                f("≤ %.1f dBTP", limits.truePeakMaxDbtp()),
                tpOk ? "true peak within the ceiling" : f("true peak %.2f dB above the ceiling", truePeakDbtp - limits.truePeakMaxDbtp())));

        // DC offset
        double worstDc = 0;
        for (int c = 0; c < ch; c++) {
            double s = 0;
            double[] x = audio.channel(c);
            for (double v : x) {
                s += v;
            }
            worstDc = Math.max(worstDc, Math.abs(n == 0 ? 0 : s / n));
        }
        double dcDb = 20 * Math.log10(worstDc);
        boolean dcOk = !(dcDb > limits.dcOffsetMaxDbfs());
        checks.add(new QcCheck("dc_offset", "DC offset", dcOk, worstDc == 0 ? "none" : f("%.1f dBFS", dcDb),
                f("≤ %.0f dBFS", limits.dcOffsetMaxDbfs()),
                dcOk ? "no significant DC offset" : "the mean of a channel is far from zero: high-pass it before delivery"));

        // silence at head and tail
        double thr = Math.pow(10, limits.silenceThresholdDbfs() / 20);
        int head = 0;
        while (head < n && silent(audio, head, thr)) {
            head++;
        }
        int tail = 0;
        while (tail < n - head && silent(audio, n - 1 - tail, thr)) {
            tail++;
        }
        double headS = (double) head / rate;
        double tailS = (double) tail / rate;
        boolean all = head == n;
        checks.add(new QcCheck("head_silence", "Silence at head", !all && headS <= limits.headSilenceMaxSeconds(),
                f("%.3f s", headS), f("≤ %.1f s below %.0f dBFS", limits.headSilenceMaxSeconds(), limits.silenceThresholdDbfs()),
                all ? "the file is silent throughout" : headS <= limits.headSilenceMaxSeconds() ? "start is tight enough" : "long silence before the programme starts"));
        checks.add(new QcCheck("tail_silence", "Silence at tail", !all && tailS <= limits.tailSilenceMaxSeconds(),
                f("%.3f s", tailS), f("≤ %.1f s below %.0f dBFS", limits.tailSilenceMaxSeconds(), limits.silenceThresholdDbfs()),
                all ? "the file is silent throughout" : tailS <= limits.tailSilenceMaxSeconds() ? "end is tight enough" : "long silence after the programme ends"));

        // mono compatibility and phase (first two channels)
        if (ch >= 2) {
            double[] l = audio.channel(0);
            double[] r = audio.channel(1);
            double ll = 0;
            double rr = 0;
            double lr = 0;
            double ml = 0;
            double mr = 0;
            for (int i = 0; i < n; i++) {
                ll += l[i] * l[i];
                rr += r[i] * r[i];
                lr += l[i] * r[i];
                ml += l[i];
                mr += r[i];
            }
            // mono fold-down energy relative to the channels' mean energy: (ll + 2lr + rr)/4 / ((ll + rr)/2)
            double chanMean = (ll + rr) / 2;
            double loss = 0.0 + (chanMean == 0 ? 0 : -10 * Math.log10(Math.max((ll + 2 * lr + rr) / 4, 1e-30) / chanMean));
            boolean monoOk = loss <= limits.monoLossMaxDb();
            checks.add(new QcCheck("mono_loss", "Mono-compatibility loss", monoOk, f("%.1f dB", loss),
                    f("≤ %.1f dB", limits.monoLossMaxDb()),
                    monoOk ? "the mono fold-down keeps its level (identical channels lose 0 dB, uncorrelated 3 dB)"
                            : "the mono fold-down (L+R)/2 loses level: parts of the channels cancel"));
            double cl = ll - ml * ml / Math.max(n, 1);
            double cr = rr - mr * mr / Math.max(n, 1);
            double cov = lr - ml * mr / Math.max(n, 1);
            double corr = cl <= 0 || cr <= 0 ? 1.0 : cov / Math.sqrt(cl * cr);
            boolean phaseOk = corr >= limits.correlationMin() - Platforms.EPS;
            checks.add(new QcCheck("phase", "Phase (L/R correlation)", phaseOk, f("%+.2f", corr),
                    f("≥ %+.2f", limits.correlationMin()),
                    phaseOk ? "channels are not predominantly out of phase" : "channels are predominantly out of phase (polarity or phase problem)"));
        } else {
            checks.add(new QcCheck("mono_loss", "Mono-compatibility loss", true, "mono file", "-", "not applicable to a single channel"));
            checks.add(new QcCheck("phase", "Phase (L/R correlation)", true, "mono file", "-", "not applicable to a single channel"));
        }

        // format
        boolean rateOk = limits.sampleRatesHz().contains(rate);
        checks.add(new QcCheck("sample_rate", "Sample rate", rateOk, rate + " Hz",
                limits.sampleRatesHz().stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("") + " Hz",
                rateOk ? "accepted rate" : "rate not accepted by this delivery"));
        boolean exact = limits.exactBitsPerSample() > 0;
        boolean bitsOk = bitsPerSample >= limits.minBitsPerSample() && (!exact || bitsPerSample == limits.exactBitsPerSample());
        checks.add(new QcCheck("bit_depth", "Bit depth", bitsOk, bitsPerSample == 0 ? "lossy" : bitsPerSample + " bit",
                exact ? limits.exactBitsPerSample() + " bit linear PCM" : "≥ " + limits.minBitsPerSample() + " bit linear PCM",
                bitsOk ? "accepted resolution" : bitsPerSample == 0 ? "a lossy source is not a master"
                        : exact ? "this delivery takes " + limits.exactBitsPerSample() + "-bit samples only" : "too few bits"));
        return new QcReport(subject, checks);
    }

    private static boolean silent(AudioBuffer a, int frame, double thr) {
        for (int c = 0; c < a.channels(); c++) {
            if (Math.abs(a.sample(c, frame)) >= thr) {
                return false;
            }
        }
        return true;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
