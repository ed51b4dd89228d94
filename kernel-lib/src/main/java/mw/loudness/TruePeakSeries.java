package mw.loudness;

import java.util.ArrayList;
import java.util.List;
import mw.audio.AudioBuffer;

/**
 * True peak over time: the largest true peak (ITU-R BS.1770-4 Annex 2, every channel) in each hop, and the
 * stretches where it exceeds a ceiling ("overs"), for a timeline of where a master may clip after a lossy
 * encoder or a sample-rate converter.
 *
 * <pre>{@code
 * TruePeakSeries tp = TruePeakSeries.of(mix, 0.1);
 * tp.overs(-1.0);     // [Over[start 12.3 s, end 12.5 s, peak -0.4 dBTP], ...]
 * }</pre>
 *
 * <p>Reading {@code k} covers {@code [k * hop, (k + 1) * hop)} and is stored at its start time. The
 * oversampling filter runs without a break across hops (its history is kept), so the readings together
 * give the programme's true peak: {@code max(truePeakDbtp)} equals {@link Loudness#of}'s true peak within
 * the float precision of the filter, apart from in-between values after the last sample.
 *
 * @param hopSeconds     length of each reading
 * @param timesSeconds   start time of each reading
 * @param truePeakDbtp   true peak of each reading (dBTP, max over channels; -inf for digital silence)
 */
public record TruePeakSeries(double hopSeconds, double[] timesSeconds, double[] truePeakDbtp) {
    /**
     * A stretch whose true peak exceeds a ceiling.
     *
     * @param startSeconds where the first reading above the ceiling starts
     * @param endSeconds   where the last reading above the ceiling ends
     * @param peakDbtp     the highest true peak in the stretch
     */
    public record Over(double startSeconds, double endSeconds, double peakDbtp) {
    }

    /** Measures true peak per hop ({@code hopSeconds} > 0; 0.1 s gives ten readings a second). */
    public static TruePeakSeries of(AudioBuffer audio, double hopSeconds) {
        if (!(hopSeconds > 0)) {
            throw new mw.WorkbenchException("hopSeconds must be above 0, got " + hopSeconds);
        }
        int hop = Math.max(1, (int) Math.round(hopSeconds * audio.sampleRate()));
        int frames = audio.frames();
        int n = (frames + hop - 1) / hop;
        double[] times = new double[n];
        double[] peaks = new double[n];
        java.util.Arrays.fill(peaks, 0);
        for (int c = 0; c < audio.channels(); c++) {
            double[] x = audio.channel(c);
            TruePeak tp = new TruePeak(audio.sampleRate());
            for (int k = 0; k < n; k++) {
                int from = k * hop;
                int len = Math.min(hop, frames - from);
                double sample = 0;
                for (int i = from; i < from + len; i++) {
                    sample = Math.max(sample, Math.abs(x[i]));
                }
                tp.resetHeldPeak();
                tp.add(x, from, len, sample);
                peaks[k] = Math.max(peaks[k], Math.max(sample, tp.heldPeak()));
            }
        }
        for (int k = 0; k < n; k++) {
            times[k] = (double) k * hop / audio.sampleRate();
            peaks[k] = 20 * Math.log10(peaks[k]);
        }
        return new TruePeakSeries((double) hop / audio.sampleRate(), times, peaks);
    }

    /** Number of readings. */
    public int size() {
        return timesSeconds.length;
    }

    /** The highest reading (dBTP), -inf when there is none. */
    public double maxDbtp() {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : truePeakDbtp) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** The stretches of consecutive readings above {@code ceilingDbtp}, in time order. */
    public List<Over> overs(double ceilingDbtp) {
        List<Over> out = new ArrayList<>();
        int start = -1;
        double peak = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= truePeakDbtp.length; k++) {
            boolean above = k < truePeakDbtp.length && truePeakDbtp[k] > ceilingDbtp;
            if (above) {
                if (start < 0) {
                    start = k;
                    peak = Double.NEGATIVE_INFINITY;
                }
                peak = Math.max(peak, truePeakDbtp[k]);
            } else if (start >= 0) {
                out.add(new Over(timesSeconds[start], timesSeconds[k - 1] + hopSeconds, peak));
                start = -1;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "TruePeakSeries[%d readings every %.3g s, max %s dBTP]", size(), hopSeconds,
                LoudnessReport.format(maxDbtp()));
    }
}
