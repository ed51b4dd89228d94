package mw.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.loudness.Loudness;

/**
 * Compares a mix with reference tracks: features side by side, a level-normalised one-third-octave
 * overlay, loudness-matching gains and a first table of EQ suggestions per octave band.
 *
 * <pre>{@code
 * Comparison c = Compare.of(mix, ref1, ref2);
 * c.eq();        // per octave band: gain in dB and the reason
 * }</pre>
 *
 * <p><b>Level normalisation.</b> Each programme's one-third-octave levels (of its mono mix) are taken
 * relative to its total power over the 20 Hz to 20 kHz bands; the mix is then shifted by the median of
 * its band differences from the references, so a lift in one region shows there and not as a dip
 * everywhere else.
 *
 * <p><b>EQ suggestions.</b> For each octave band the differences of its three one-third-octave bands
 * (mix minus references' mean, both level-normalised) are averaged; the suggestion is the opposite of
 * that difference, limited to +-{@link #MAX_GAIN_DB} dB, when the difference is at least
 * {@link #MIN_DIFFERENCE_DB} dB and larger than the references' own spread in that band (if the
 * references disagree more than the mix differs, there is nothing to match). These are starting
 * points for listening, not a matching filter.
 */
public final class Compare {
    /** Largest suggested gain. */
    public static final double MAX_GAIN_DB = 6;
    /** Smallest difference that earns a suggestion. */
    public static final double MIN_DIFFERENCE_DB = 1;

    private Compare() {
    }

    /** Compares a mix ("mix") with references ("ref 1", "ref 2", ...). */
    public static Comparison of(AudioBuffer mix, AudioBuffer... references) {
        Map<String, AudioBuffer> refs = new LinkedHashMap<>();
        for (int i = 0; i < references.length; i++) {
            refs.put("ref " + (i + 1), references[i]);
        }
        return of("mix", mix, refs);
    }

    /** Compares a named mix with named references (in map order). */
    public static Comparison of(String mixName, AudioBuffer mix, Map<String, AudioBuffer> references) {
        if (references.isEmpty()) {
            throw new WorkbenchException("a comparison needs at least one reference track");
        }
        List<String> names = new ArrayList<>(references.keySet());
        List<AudioBuffer> refs = new ArrayList<>(references.values());
        StringBuilder notes = new StringBuilder();

        FeatureSet mf = Features.of(mix);
        List<FeatureSet> rf = new ArrayList<>();
        for (AudioBuffer r : refs) {
            rf.add(Features.of(r));
        }
        List<Comparison.FeatureDifference> feats = new ArrayList<>();
        addFeature(feats, "spectral centroid (Hz)", mf, rf, FeatureSet::spectralCentroidHz);
        addFeature(feats, "spectral bandwidth (Hz)", mf, rf, FeatureSet::spectralBandwidthHz);
        addFeature(feats, "spectral roll-off (Hz)", mf, rf, FeatureSet::spectralRolloffHz);
        addFeature(feats, "spectral flatness", mf, rf, FeatureSet::spectralFlatness);
        addFeature(feats, "zero-crossing rate (1/sample)", mf, rf, FeatureSet::zeroCrossingRate);
        addFeature(feats, "RMS (dBFS)", mf, rf, FeatureSet::rmsDbfs);
        addFeature(feats, "crest factor (dB)", mf, rf, FeatureSet::crestFactorDb);
        addFeature(feats, "HNR (dB)", mf, rf, FeatureSet::hnrDb);
        addFeature(feats, "onsets (1/s)", mf, rf, FeatureSet::onsetsPerSecond);
        double[] drs = new double[refs.size()];
        for (int i = 0; i < refs.size(); i++) {
            drs[i] = meanDr(refs.get(i));
        }
        feats.add(difference("DR (dB, unrounded)", meanDr(mix), drs));
        if (mix.channels() == 2 && refs.stream().allMatch(r -> r.channels() == 2)) {
            StereoReport ms = StereoImage.of(mix);
            double[] corr = new double[refs.size()];
            double[] width = new double[refs.size()];
            for (int i = 0; i < refs.size(); i++) {
                StereoReport s = StereoImage.of(refs.get(i));
                corr[i] = s.correlation();
                width[i] = s.sideToMidDb();
            }
            feats.add(difference("stereo correlation", ms.correlation(), corr));
            feats.add(difference("side to mid (dB)", ms.sideToMidDb(), width));
        }

        // loudness
        List<Comparison.LoudnessMatch> loud = new ArrayList<>();
        double mixI = Loudness.of(mix).integratedLufs();
        double[] refI = new double[refs.size()];
        for (int i = 0; i < refs.size(); i++) {
            refI[i] = Loudness.of(refs.get(i)).integratedLufs();
        }
        double refMeanI = mean(refI);
        feats.add(difference("integrated loudness (LUFS)", mixI, refI));
        loud.add(new Comparison.LoudnessMatch(mixName, "mix", mixI, refMeanI - mixI));
        for (int i = 0; i < refs.size(); i++) {
            loud.add(new Comparison.LoudnessMatch(names.get(i), "reference", refI[i], refMeanI - refI[i]));
        }

        // spectra
        List<Band> thirds = Bands.thirdOctaves();
        double[] mixBands = normalisedThirds(mix, thirds);
        double[][] refBands = new double[refs.size()][];
        for (int i = 0; i < refs.size(); i++) {
            refBands[i] = normalisedThirds(refs.get(i), thirds);
        }
        // align the mix to the references by the median band difference, so that a change in one region
        // does not read as the opposite change everywhere else
        List<Double> diffs = new ArrayList<>();
        for (int b = 0; b < thirds.size(); b++) {
            double[] rv = new double[refs.size()];
            for (int i = 0; i < refs.size(); i++) {
                rv[i] = refBands[i][b];
            }
            double d = mixBands[b] - mean(rv);
            if (Double.isFinite(d)) {
                diffs.add(d);
            }
        }
        double offset = median(diffs);
        List<Comparison.BandComparison> bands = new ArrayList<>();
        for (int b = 0; b < thirds.size(); b++) {
            double[] rv = new double[refs.size()];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < refs.size(); i++) {
                rv[i] = refBands[i][b];
                lo = Math.min(lo, rv[i]);
                hi = Math.max(hi, rv[i]);
            }
            double rm = mean(rv);
            if (Double.isNaN(mixBands[b]) || Double.isNaN(rm)) {
                continue;
            }
            double m = mixBands[b] - offset;
            bands.add(new Comparison.BandComparison(thirds.get(b).nominal(), thirds.get(b).centreHz(), m, rm,
                    (hi - lo) / 2, m - rm, rv));
        }
        List<Comparison.EqSuggestion> eq = eqSuggestions(bands);
        return new Comparison(mixName, List.copyOf(names), List.copyOf(feats), List.copyOf(bands), eq, List.copyOf(loud),
                notes.toString().trim());
    }

    private static double meanDr(AudioBuffer a) {
        double[] d = DynamicsMeter.drPerChannelDb(a);
        return mean(d);
    }

    /** One-third-octave levels of the mono mix relative to its total power over the 20 Hz..20 kHz bands; NaN above Nyquist or in silent bands. */
    static double[] normalisedThirds(AudioBuffer audio, List<Band> thirds) {
        Signals.requireFinite(audio, "comparison");
        Ltas l = Spectrum.ltas(audio.channels() == 1 ? audio : audio.mono());
        double[] psd = l.psd(Signals.MIX);
        double[] p = new double[thirds.size()];
        double total = 0;
        for (int b = 0; b < p.length; b++) {
            Band band = thirds.get(b);
            p[b] = band.highHz() > audio.sampleRate() / 2.0 ? Double.NaN : Bands.power(psd, l.binHz(), band);
            if (Double.isFinite(p[b])) {
                total += p[b];
            }
        }
        double[] out = new double[p.length];
        for (int b = 0; b < p.length; b++) {
            out[b] = Double.isFinite(p[b]) && p[b] > 0 && total > 0 ? 10 * Math.log10(p[b] / total) : Double.NaN;
        }
        return out;
    }

    static List<Comparison.EqSuggestion> eqSuggestions(List<Comparison.BandComparison> thirds) {
        List<Comparison.EqSuggestion> out = new ArrayList<>();
        for (Band oct : Bands.octaves()) {
            double sum = 0;
            double spread = 0;
            int n = 0;
            for (Comparison.BandComparison t : thirds) {
                if (t.centreHz() >= oct.lowHz() && t.centreHz() < oct.highHz() && Double.isFinite(t.differenceDb())) {
                    sum += t.differenceDb();
                    spread = Math.max(spread, t.referenceSpreadDb());
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            double diff = sum / n;
            String where = oct.label() + " octave";
            double gain = 0;
            String reason;
            if (Math.abs(diff) < MIN_DIFFERENCE_DB) {
                reason = String.format(Locale.ROOT, "within %.1f dB of the references (%+.1f dB): leave", MIN_DIFFERENCE_DB, diff);
            } else if (Math.abs(diff) <= spread) {
                reason = String.format(Locale.ROOT,
                        "mix is %+.1f dB from the references, but they differ among themselves by +-%.1f dB: no clear target",
                        diff, spread);
            } else {
                gain = Math.max(-MAX_GAIN_DB, Math.min(MAX_GAIN_DB, -diff));
                reason = String.format(Locale.ROOT, "mix is %.1f dB %s the references in the %s%s: %s",
                        Math.abs(diff), diff > 0 ? "above" : "below", where,
                        spread > 0 ? String.format(Locale.ROOT, " (references agree within +-%.1f dB)", spread) : "",
                        diff > 0 ? "cut" : "boost")
                        + (Math.abs(diff) > MAX_GAIN_DB ? String.format(Locale.ROOT, ", limited to %.0f dB", MAX_GAIN_DB) : "");
            }
            out.add(new Comparison.EqSuggestion(oct.nominal(), oct.centreHz(), gain, reason));
        }
        return List.copyOf(out);
    }

    private static void addFeature(List<Comparison.FeatureDifference> out, String name, FeatureSet mix,
                                   List<FeatureSet> refs, ToDoubleFunction<FeatureSet> f) {
        double[] r = new double[refs.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.applyAsDouble(refs.get(i));
        }
        out.add(difference(name, f.applyAsDouble(mix), r));
    }

    private static Comparison.FeatureDifference difference(String name, double mix, double[] refs) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : refs) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double m = mean(refs);
        return new Comparison.FeatureDifference(name, mix, m, lo, hi, mix - m);
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return 0;
        }
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
