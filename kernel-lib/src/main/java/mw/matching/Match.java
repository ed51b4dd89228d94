package mw.matching;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.processing.LoudnessTarget;

/**
 * Reference matching: how a target differs from one or more references in tonal balance (mid and
 * side), width per band, loudness and dynamics, and a plan of moves, each with its reason, that
 * brings it closer, as an ordinary {@link mw.processing.Chain}.
 *
 * <pre>{@code
 * MatchPlan plan = Match.of(mix, ref);                          // default settings
 * plan.moves();                                                 // what and why
 * AudioBuffer out = plan.apply(mix).audio();                    // render to the reference's loudness
 * Match.of(mix, MatchSettings.defaults().withStrength(0.5).only("tone,width"), ref).chain();
 * }</pre>
 *
 * <p>The tonal difference is measured as {@link MatchProfile} describes (loud passages, Welch spectra
 * of mid and side on a 1/24-octave grid), smoothed over {@link MatchSettings#smoothingOctaves()},
 * its mean over 31.5 Hz-16 kHz removed (level is the loudness stage's job), scaled by the strength
 * and clipped to the boost and cut limits. The same curve is applied to left and right, so it acts on
 * mid and side alike; the side's own difference, relative to the mid's, is applied as a width factor
 * in five bands, because that is the part of a side correction a listener perceives and can tune.
 */
public final class Match {
    /** Lowest and highest frequency the tonal curve follows; it is held flat beyond. */
    public static final double LOW_HZ = 25;
    public static final double HIGH_HZ = 16_000;
    /** Crossovers of the width bands, Hz. */
    static final double[] WIDTH_CROSSOVERS_HZ = {150, 600, 2500, 8000};
    /** Largest number of parametric EQ bands. */
    public static final int MAX_EQ_BANDS = 8;
    /** Width changes smaller than this are not made, dB. */
    static final double MIN_WIDTH_DB = 0.2;
    /** A band whose side is this far below its mid is treated as mono there, dB. */
    static final double MONO_BAND_DB = -40;

    /**
     * How large a mastering move typically is, as the RMS of the smoothed tonal difference and of the
     * per-band width difference, dB: the prior of the content-aware strength (see {@link #plan}).
     */
    public static final double MASTERING_PRIOR_DB = 1.5;

    /** The prior for width, dB (see {@link #MASTERING_PRIOR_DB}). */
    public static final double WIDTH_PRIOR_DB = 2.0;

    /** Smoothing used when target and reference are the same recording, octaves. */
    public static final double SAME_RECORDING_SMOOTHING_OCTAVES = 1.0 / 3;

    private Match() {
    }

    /** A plan with the default settings toward one or several references (equal weight per second of loud audio). */
    public static MatchPlan of(AudioBuffer target, AudioBuffer... references) {
        return of(target, MatchSettings.defaults(), references);
    }

    /** A plan with the given settings. */
    public static MatchPlan of(AudioBuffer target, MatchSettings settings, AudioBuffer... references) {
        if (references.length == 0) {
            throw new WorkbenchException("at least one reference is needed");
        }
        List<MatchProfile> refs = new ArrayList<>();
        for (int i = 0; i < references.length; i++) {
            refs.add(MatchProfile.of(references[i], references.length == 1 ? "reference" : "reference " + (i + 1)));
        }
        return plan(MatchProfile.of(target, "target"), MatchProfile.combine(refs, null), settings);
    }

    /** A plan for files, each read block by block. */
    public static MatchPlan of(Path target, MatchSettings settings, List<Path> references) {
        if (references.isEmpty()) {
            throw new WorkbenchException("at least one reference is needed");
        }
        List<MatchProfile> refs = new ArrayList<>();
        for (Path r : references) {
            refs.add(MatchProfile.of(r));
        }
        return plan(MatchProfile.of(target), MatchProfile.combine(refs, null), settings);
    }

    /** A plan from profiles already measured (cheap: use it to try settings). */
    public static MatchPlan plan(MatchProfile target, MatchProfile reference, MatchSettings s) {
        double[] hz = MatchProfile.gridHz();
        int n = hz.length;
        boolean same = MatchProfile.sameRecording(target, reference);
        // two estimates of the wanted tonal change, weighed by how likely the pair is two parts of one piece:
        // "estimate the mastering" (the user's smoothing, the content guard) and "follow the reference" (finer
        // smoothing, all of the difference within the limits): see samePieceProbability
        double tPlr = target.loudness().plrDb();
        double tLra = target.loudness().loudnessRangeLu();
        MatchPlan.Figures before = figures(target, reference, null, null, target.loudness().integratedLufs(),
                target.loudness().truePeakDbtp(), tPlr, tLra);
        double pSame = same || !s.contentGuard() ? 0 : samePieceProbability(target, reference, before.midDistanceDb());
        double wGuard = s.smoothingOctaves();
        double wFollow = Math.min(s.smoothingOctaves(), SAME_RECORDING_SMOOTHING_OCTAVES);
        double[] tm = target.smoothedDb(true, wFollow);
        double[] rm = reference.smoothedDb(true, wFollow);
        double[] tmG = target.smoothedDb(true, wGuard);
        double[] rmG = reference.smoothedDb(true, wGuard);
        // the frequencies both signals have, within LOW_HZ..HIGH_HZ
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (hz[i] >= LOW_HZ && hz[i] <= HIGH_HZ && !Double.isNaN(tm[i]) && !Double.isNaN(rm[i])) {
                idx.add(i);
            }
        }
        if (idx.size() < 10) {
            throw new WorkbenchException("the target and the reference share too little bandwidth to compare spectra");
        }
        int m = idx.size();
        double[] f = new double[m];
        for (int k = 0; k < m; k++) {
            f[k] = hz[idx.get(k)];
        }
        double[] wantedFollow = wanted(idx, f, tm, rm);
        double[] wantedGuard = wanted(idx, f, tmG, rmG);
        double[] wanted = new double[m];
        for (int k = 0; k < m; k++) {
            wanted[k] = pSame * wantedGuard[k] + (1 - pSame) * wantedFollow[k];
        }
        double[] curve = new double[m];
        List<MatchPlan.Move> moves = new ArrayList<>();
        double toneRms = ParametricFit.rms(wantedGuard);
        double guardTrust = trust(toneRms, MASTERING_PRIOR_DB);
        double toneTrust = pSame * guardTrust + (1 - pSame);
        double toneStrength = s.strength() * toneTrust;
        if (s.tone()) {
            for (int k = 0; k < m; k++) {
                double c = s.strength() * (pSame * guardTrust * wantedGuard[k] + (1 - pSame) * wantedFollow[k]);
                curve[k] = Math.max(-s.maxCutDb(), Math.min(s.maxBoostDb(), c));
            }
        }
        int sr = target.sampleRate();
        List<ParametricFit.Fitted> fitted = s.tone()
                ? ParametricFit.fit(f, curve, sr, MAX_EQ_BANDS, s.maxBoostDb(), s.maxCutDb()) : List.of();
        double[] pr = ParametricFit.response(fitted, m);
        double fitErr = 0;
        for (int k = 0; k < m; k++) {
            fitErr += (pr[k] - curve[k]) * (pr[k] - curve[k]);
        }
        fitErr = Math.sqrt(fitErr / m);
        List<MatchPlan.EqBand> eq = new ArrayList<>();
        for (ParametricFit.Fitted b : fitted) {
            eq.add(new MatchPlan.EqBand(b.shape(), b.frequencyHz(), b.gainDb(), b.q()));
        }
        if (s.tone()) {
            if (s.contentGuard() && !same && pSame < 0.5) {
                moves.add(new MatchPlan.Move("tone", String.format(Locale.ROOT,
                        "the two sound like different pieces (%s likely to be parts of one piece, from how their "
                                + "spectra's fine structure and balance compare): the reference's balance is followed within the limits",
                        pSame < 0.005 ? "under 1 %" : String.format(Locale.ROOT, "%.0f %%", 100 * pSame))));
            } else if (toneTrust < 0.95) {
                moves.add(new MatchPlan.Move("tone", String.format(Locale.ROOT,
                        "the spectra differ by %.1f dB RMS, more than mastering usually changes (%.1f dB): most of it is "
                                + "taken as a difference of content, and %.0f %% of it is matched", toneRms, MASTERING_PRIOR_DB,
                        100 * toneStrength)));
            }
            toneMoves(moves, eq, f, wanted, toneStrength, s);
        } else {
            moves.add(new MatchPlan.Move("tone", "tone left alone (switched off)"));
        }

        // width: side-to-mid per band, target vs reference
        List<MatchPlan.WidthBand> widths = new ArrayList<>();
        double[] edges = new double[WIDTH_CROSSOVERS_HZ.length + 2];
        edges[0] = 20;
        System.arraycopy(WIDTH_CROSSOVERS_HZ, 0, edges, 1, WIDTH_CROSSOVERS_HZ.length);
        edges[edges.length - 1] = Math.min(20_000, 0.95 * Math.min(target.sampleRate(), reference.sampleRate()) / 2);
        boolean bothStereo = target.stereo() && reference.stereo();
        int nw = edges.length - 1;
        double[] tw = new double[nw];
        double[] rw = new double[nw];
        double wss = 0;
        int wn = 0;
        // the target's side/mid as the width stage will see it, after the tonal curve
        Curve applied = new Curve(f, curve);
        double[] gridGain = new double[n];
        for (int i = 0; i < n; i++) {
            gridGain[i] = applied.at(hz[i]);
        }
        for (int b = 0; b < nw; b++) {
            tw[b] = target.stereo() ? target.sideToMidDb(edges[b], edges[b + 1], gridGain) : Double.NEGATIVE_INFINITY;
            rw[b] = reference.stereo() ? reference.sideToMidDb(edges[b], edges[b + 1]) : Double.NEGATIVE_INFINITY;
            if (tw[b] > MONO_BAND_DB && rw[b] > MONO_BAND_DB) {
                wss += (rw[b] - tw[b]) * (rw[b] - tw[b]);
                wn++;
            }
        }
        double widthRms = wn == 0 ? 0 : Math.sqrt(wss / wn);
        double widthTrust = pSame * trust(widthRms, WIDTH_PRIOR_DB) + (1 - pSame);
        double widthStrength = s.strength() * widthTrust;
        if (s.width() && bothStereo && widthTrust < 0.95) {
            moves.add(new MatchPlan.Move("width", String.format(Locale.ROOT,
                    "side/mid differs by %.1f dB RMS across the bands, more than mastering usually changes: %.0f %% of it is matched",
                    widthRms, 100 * widthStrength)));
        }
        for (int b = 0; b < nw; b++) {
            double tDb = tw[b];
            double rDb = rw[b];
            double change = 0;
            if (s.width() && bothStereo && tDb > MONO_BAND_DB && rDb > MONO_BAND_DB) {
                change = widthStrength * (rDb - tDb);
                change = Math.max(20 * Math.log10(0.25), Math.min(20 * Math.log10(2), change));
                if (Math.abs(change) < MIN_WIDTH_DB) {
                    change = 0;
                }
            }
            widths.add(new MatchPlan.WidthBand(edges[b], edges[b + 1], tDb, rDb, change));
        }
        widthMoves(moves, widths, target, reference, s);

        // loudness and dynamics
        double targetLufs = !Double.isNaN(s.targetLufs()) ? s.targetLufs()
                : s.loudness() ? reference.loudness().integratedLufs() : target.loudness().integratedLufs();
        if (targetLufs > s.ceilingDbtp()) {
            // no programme can be louder than its own true-peak ceiling
            moves.add(new MatchPlan.Move("loudness", String.format(Locale.ROOT,
                    "%.1f LUFS is above the %.1f dBTP ceiling itself: aiming at %.1f LUFS instead", targetLufs, s.ceilingDbtp(),
                    s.ceilingDbtp())));
            targetLufs = s.ceilingDbtp();
        }
        MatchPlan.DynamicsMove dyn = null;
        double rLra = reference.loudness().loudnessRangeLu();
        if (s.dynamics() && tLra - rLra > 1 && rLra > 0) {
            double ratio = 1 + s.strength() * (Math.min(4, tLra / rLra) - 1);
            double thr = Math.max(-60, Math.min(-3, target.loudness().integratedLufs() - 0.5 * tLra));
            if (ratio >= 1.1) {
                dyn = new MatchPlan.DynamicsMove(round1(ratio), round1(thr), 50, 500, 300);
                moves.add(new MatchPlan.Move("dynamics", String.format(Locale.ROOT,
                        "slow %.1f:1 compression above %.1f dBFS: the loudness range is %.1f LU against the reference's %.1f LU",
                        dyn.ratio(), dyn.thresholdDb(), tLra, rLra)));
            }
        } else if (s.dynamics() && rLra - tLra > 1) {
            moves.add(new MatchPlan.Move("dynamics", String.format(Locale.ROOT,
                    "no expansion: the target's loudness range (%.1f LU) is already narrower than the reference's (%.1f LU)", tLra, rLra)));
        } else if (!s.dynamics()) {
            moves.add(new MatchPlan.Move("dynamics", "dynamics left alone (switched off)"));
        }
        double neededLimiting = targetLufs + tPlr - s.ceilingDbtp();
        double reachable = targetLufs;
        if (neededLimiting > LoudnessTarget.DEFAULT_MAX_LIMITING_DB) {
            reachable = s.ceilingDbtp() - tPlr + LoudnessTarget.DEFAULT_MAX_LIMITING_DB;
        }
        String lText;
        if (!s.loudness() && Double.isNaN(s.targetLufs())) {
            lText = String.format(Locale.ROOT, "loudness kept at the target's %.1f LUFS (switched off), peaks held under %.1f dBTP",
                    targetLufs, s.ceilingDbtp());
        } else {
            lText = String.format(Locale.ROOT, "%+.1f dB to %.1f LUFS (%s) under a %.1f dBTP true-peak ceiling",
                    targetLufs - target.loudness().integratedLufs(), targetLufs,
                    Double.isNaN(s.targetLufs()) ? "the reference's integrated loudness" : "the loudness asked for", s.ceilingDbtp());
        }
        if (neededLimiting > 0) {
            lText += String.format(Locale.ROOT, "; the limiter takes about %.1f dB off the peaks", Math.min(neededLimiting,
                    LoudnessTarget.DEFAULT_MAX_LIMITING_DB));
        }
        moves.add(new MatchPlan.Move("loudness", lText));
        if (reachable < targetLufs - 0.1) {
            moves.add(new MatchPlan.Move("loudness", String.format(Locale.ROOT,
                    "%.1f LUFS is out of reach under %.1f dBTP without more than %.0f dB of limiting; about %.1f LUFS is what the ceiling permits",
                    targetLufs, s.ceilingDbtp(), LoudnessTarget.DEFAULT_MAX_LIMITING_DB, reachable)));
        }
        double rPlr = reference.loudness().plrDb();
        double afterPlr = Math.min(tPlr, s.ceilingDbtp() - reachable);
        moves.add(new MatchPlan.Move("dynamics", String.format(Locale.ROOT,
                "peak-to-loudness ratio %.1f dB now, about %.1f dB after, %.1f dB in the reference", tPlr, afterPlr, rPlr)));

        // predictions: 1/3-octave distances from the profiles, with the realised changes (before: above)
        MatchPlan.Figures after = figures(target, reference, new Curve(f, pr.length > 0 && s.tone() ? curve : new double[m]),
                widths, reachable, Math.min(s.ceilingDbtp(), target.loudness().truePeakDbtp() + reachable - target.loudness().integratedLufs()),
                afterPlr, dyn == null ? tLra : Math.max(rLra, tLra / dyn.ratio()));
        MatchPlan.Figures ref = new MatchPlan.Figures(0, 0, reference.stereo() ? reference.sideToMidDb(20, 20_000) : Double.NEGATIVE_INFINITY,
                reference.loudness().integratedLufs(), reference.loudness().truePeakDbtp(), rPlr, rLra);
        return new MatchPlan(s, target, reference, same, pSame, toneTrust, widthTrust, f, wanted, curve, eq, fitErr, widths, targetLufs, reachable, dyn,
                List.copyOf(moves), before, after, ref);
    }

    /** The wanted tonal change reference minus target on the chosen grid points, its mean over 31.5 Hz-16 kHz removed. */
    private static double[] wanted(List<Integer> idx, double[] f, double[] t, double[] r) {
        int m = idx.size();
        double[] w = new double[m];
        double mean = 0;
        int nm = 0;
        for (int k = 0; k < m; k++) {
            int i = idx.get(k);
            w[k] = r[i] - t[i];
            if (f[k] >= 31.5) {
                mean += w[k];
                nm++;
            }
        }
        mean /= nm;
        for (int k = 0; k < m; k++) {
            w[k] -= mean;
        }
        return w;
    }

    /** Coefficients of {@link #samePieceProbability}: intercept, per dB of distance, per unit of fine-structure correlation. */
    static final double[] SAME_PIECE_LOGIT = {-4.51, -0.328, 13.76};

    /**
     * How likely target and reference are two parts of one piece (the reference a mastered excerpt, the target
     * another excerpt of the same track) rather than two different pieces: a logistic model of two measures
     * that mastering EQ hardly moves, the correlation of the two mids' spectral fine structure (what is left of
     * the 1/24-octave spectrum, 100 Hz-5 kHz, once its 1-octave smoothing is removed: the notes and
     * instruments) and the 1/3-octave spectral distance. Fitted on real recorded music (four Debian game
     * soundtrack packages, 123 same-track pairs with a random mastering chain and 123 different-track pairs,
     * {@code bench/match/PlanSweep.java}); held out one package at a time it classifies 93 % of pairs right.
     * The plan weighs its two estimates by it: the mastering (content guard) for parts of one piece, the
     * reference's whole balance for different pieces.
     */
    public static double samePieceProbability(MatchProfile target, MatchProfile reference, double midDistanceDb) {
        double c = MatchProfile.fineStructureCorrelation(target, reference);
        if (Double.isNaN(c)) {
            return 1;
        }
        double z = SAME_PIECE_LOGIT[0] + SAME_PIECE_LOGIT[1] * midDistanceDb + SAME_PIECE_LOGIT[2] * c;
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * The share of an observed difference of RMS {@code d} that is taken as mastering rather than content:
     * a Wiener gain {@code P² / (P² + C²)} with the prior {@code P} = {@link #MASTERING_PRIOR_DB} and the
     * content part estimated as {@code C² = max(0, d² - P²)}. A difference within the prior is taken
     * whole; a larger one is matched so that the applied correction stays near the prior's size.
     */
    static double trust(double d, double prior) {
        double p2 = prior * prior;
        return p2 / (p2 + Math.max(0, d * d - p2));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** A gain curve on rising frequencies, interpolated linearly over log frequency, flat beyond. */
    record Curve(double[] hz, double[] db) {
        double at(double f) {
            if (f <= hz[0]) {
                return db[0];
            }
            int last = hz.length - 1;
            if (f >= hz[last]) {
                return db[last];
            }
            int i = Arrays.binarySearch(hz, f);
            if (i >= 0) {
                return db[i];
            }
            int hi = -i - 1;
            double t = Math.log(f / hz[hi - 1]) / Math.log(hz[hi] / hz[hi - 1]);
            return db[hi - 1] + t * (db[hi] - db[hi - 1]);
        }
    }

    /** The 28 one-third-octave centres of the spectral distance (31.5 Hz to 16 kHz). */
    static final List<mw.analysis.Band> DISTANCE_BANDS = mw.analysis.Bands.bands(3, -15, 12);

    /** Predicted figures: 1/3-octave distances of the profiles after the curve and width changes. */
    private static MatchPlan.Figures figures(MatchProfile t, MatchProfile r, Curve curve, List<MatchPlan.WidthBand> widths,
                                             double lufs, double tp, double plr, double lra) {
        double[] tm = t.smoothedDb(true, 1.0 / 3);
        double[] rm = r.smoothedDb(true, 1.0 / 3);
        double[] ts = t.smoothedDb(false, 1.0 / 3);
        double[] rs = r.smoothedDb(false, 1.0 / 3);
        double[] hz = MatchProfile.gridHz();
        int nb = DISTANCE_BANDS.size();
        double[] dm = new double[nb];
        double[] ds = new double[nb];
        for (int b = 0; b < nb; b++) {
            double fc = DISTANCE_BANDS.get(b).centreHz();
            int i = (int) Math.round(Math.log(fc / 20) / Math.log(2) * MatchProfile.PER_OCTAVE);
            i = Math.max(0, Math.min(hz.length - 1, i));
            double c = curve == null ? 0 : curve.at(fc);
            double wdb = widths == null ? 0 : widthAt(widths, fc);
            dm[b] = tm[i] + c - rm[i];
            ds[b] = ts[i] + c + wdb - rs[i];
        }
        double sideDist = t.stereo() && r.stereo() ? MatchMetrics.distanceDb(ds) : Double.NaN;
        double width = Double.NEGATIVE_INFINITY;
        if (t.stereo()) {
            // side and mid power after the tonal curve (on both) and the width change (on side)
            double sp = 0;
            double mp = 0;
            for (int i = 0; i < hz.length; i++) {
                if (hz[i] < 20 || Double.isNaN(t.midDensity()[i])) {
                    continue;
                }
                double g = Math.pow(10, (curve == null ? 0 : curve.at(hz[i])) / 10) * MatchProfile.bandwidth(i);
                double gw = widths == null ? 1 : Math.pow(10, widthAt(widths, hz[i]) / 10);
                sp += t.sideDensity()[i] * g * gw;
                mp += t.midDensity()[i] * g;
            }
            width = 10 * Math.log10(sp / mp);
        }
        return new MatchPlan.Figures(MatchMetrics.distanceDb(dm), sideDist, width, lufs, tp, plr, lra);
    }

    /**
     * Figures of a rendered result measured against the reference's profile (loud passages, 1/3-octave
     * distances on the profile grid), with the result's own loudness figures.
     */
    public static MatchPlan.Figures measure(MatchProfile result, MatchProfile reference) {
        var l = result.loudness();
        return figures(result, reference, null, null, l.integratedLufs(), l.truePeakDbtp(), l.plrDb(), l.loudnessRangeLu());
    }

    /**
     * The plan's predicted result (its tonal curve and width changes applied to the target's profile)
     * measured against another profile, for instance the ideal result of an evaluation: the tonal and
     * width figures only (loudness figures are the plan's own predictions).
     */
    public static MatchPlan.Figures predictAgainst(MatchPlan plan, MatchProfile other) {
        Curve c = new Curve(plan.curveHz(), plan.settings().tone() ? plan.curveDb() : new double[plan.curveHz().length]);
        MatchPlan.Figures a = plan.after();
        return figures(plan.target(), other, c, plan.widths(), a.integratedLufs(), a.truePeakDbtp(), a.plrDb(), a.loudnessRangeLu());
    }

    private static double widthAt(List<MatchPlan.WidthBand> widths, double f) {
        for (MatchPlan.WidthBand w : widths) {
            if (f >= w.lowHz() && f < w.highHz()) {
                return w.changeDb();
            }
        }
        return 0;
    }

    // ---- reasons in words ----

    private static final double[] REGION_HZ = {60, 250, 500, 1500, 5000, 10_000, Double.MAX_VALUE};
    private static final String[] MORE = {"heavier in the sub-bass", "boomier", "boxier", "honkier",
        "harsher in the presence range", "brighter", "airier"};
    private static final String[] LESS = {"lighter in the sub-bass", "thinner in the bass", "leaner in the low mids",
        "hollower in the mids", "less present", "duller", "less airy"};

    static String region(double hz, boolean targetHasMore) {
        for (int i = 0; i < REGION_HZ.length; i++) {
            if (hz < REGION_HZ[i]) {
                return targetHasMore ? MORE[i] : LESS[i];
            }
        }
        return "";
    }

    static String hz(double f) {
        return f >= 1000 ? String.format(Locale.ROOT, "%.1f kHz", f / 1000).replace(".0 kHz", " kHz")
                : String.format(Locale.ROOT, "%.0f Hz", f);
    }

    private static void toneMoves(List<MatchPlan.Move> moves, List<MatchPlan.EqBand> eq, double[] f, double[] wanted,
                                  double strength, MatchSettings s) {
        if (eq.isEmpty()) {
            moves.add(new MatchPlan.Move("tone", "no EQ: the tonal balance already matches the reference within 0.1 dB"));
        }
        for (MatchPlan.EqBand b : eq) {
            String where = switch (b.shape()) {
                case LOW_SHELF -> "below " + hz(b.frequencyHz());
                case HIGH_SHELF -> "above " + hz(b.frequencyHz());
                default -> "around " + hz(b.frequencyHz());
            };
            double at = b.shape() == mw.processing.Eq.Shape.LOW_SHELF ? b.frequencyHz() / 2
                    : b.shape() == mw.processing.Eq.Shape.HIGH_SHELF ? b.frequencyHz() * 2 : b.frequencyHz();
            moves.add(new MatchPlan.Move("tone", String.format(Locale.ROOT, "%+.1f dB %s: the mix is %s than the reference",
                    b.gainDb(), where, region(at, b.gainDb() < 0))));
        }
        // where a limit bites, say how much more the reference asked for
        double worst = 0;
        int wi = -1;
        for (int k = 0; k < f.length; k++) {
            double x = strength * wanted[k];
            double excess = x > s.maxBoostDb() ? x - s.maxBoostDb() : x < -s.maxCutDb() ? -s.maxCutDb() - x : 0;
            if (excess > worst) {
                worst = excess;
                wi = k;
            }
        }
        if (wi >= 0 && worst > 0.5) {
            double x = strength * wanted[wi];
            moves.add(new MatchPlan.Move("tone", String.format(Locale.ROOT,
                    "the reference asks for %+.1f dB around %s; limited to %+.1f dB (max %s %.1f dB): the two differ more than EQ should fix",
                    x, hz(f[wi]), x > 0 ? s.maxBoostDb() : -s.maxCutDb(), x > 0 ? "boost" : "cut", x > 0 ? s.maxBoostDb() : s.maxCutDb())));
        }
    }

    private static void widthMoves(List<MatchPlan.Move> moves, List<MatchPlan.WidthBand> widths, MatchProfile t,
                                   MatchProfile r, MatchSettings s) {
        if (!s.width()) {
            moves.add(new MatchPlan.Move("width", "width left alone (switched off)"));
            return;
        }
        if (!t.stereo()) {
            moves.add(new MatchPlan.Move("width", "the target is mono: width left alone"));
            return;
        }
        if (!r.stereo()) {
            moves.add(new MatchPlan.Move("width", "the reference is mono: width left alone"));
            return;
        }
        boolean any = false;
        for (MatchPlan.WidthBand w : widths) {
            String band = hz(w.lowHz()) + "-" + hz(w.highHz());
            if (w.changeDb() != 0) {
                any = true;
                moves.add(new MatchPlan.Move("width", String.format(Locale.ROOT,
                        "side %+.1f dB in %s (width x%.2f): side/mid is %.1f dB there against the reference's %.1f dB, so the mix is %s",
                        w.changeDb(), band, w.factor(), w.targetDb(), w.referenceDb(), w.changeDb() > 0 ? "narrower" : "wider")));
            } else if (w.targetDb() <= MONO_BAND_DB || w.referenceDb() <= MONO_BAND_DB) {
                moves.add(new MatchPlan.Move("width", "width left alone in " + band + ": "
                        + (w.targetDb() <= MONO_BAND_DB ? "the mix" : "the reference") + " is mono there"));
            }
        }
        if (!any) {
            moves.add(new MatchPlan.Move("width", "no width change: side/mid matches the reference within 0.2 dB in every band"));
        }
    }
}
