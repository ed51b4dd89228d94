package mw.repair;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;

/**
 * The repair workflow: declip, then declick, then denoise (each optional), then one gain so the
 * rebuilt peaks stay under {@link #CEILING_DBFS}; returns the audio and what was found and fixed.
 *
 * <pre>{@code
 * var result = Repair.of(audio, new Repair.Settings(true, true, true, 5, 20, Double.NaN, Double.NaN));
 * result.report().lines().forEach(System.out::println);
 * }</pre>
 */
public final class Repair {
    /** Peak ceiling of the repaired audio, dBFS. */
    public static final double CEILING_DBFS = -0.1;

    private Repair() {
    }

    /**
     * What to repair.
     *
     * @param declick remove clicks
     * @param declip rebuild clipped runs
     * @param denoise lower steady broadband noise
     * @param declickSensitivity 1 to 10 (see {@link Declick#sensitivity(double)})
     * @param denoiseDb most the noise is lowered by, dB (1 to 60)
     * @param noiseFromSeconds start of a noise-only excerpt, or NaN to learn from the quietest stretch
     * @param noiseToSeconds its end, or NaN
     * @param declipMethod how clipped runs are rebuilt (null: {@link Declip.Method#SPADE})
     */
    public record Settings(boolean declick, boolean declip, boolean denoise, double declickSensitivity, double denoiseDb,
            double noiseFromSeconds, double noiseToSeconds, Declip.Method declipMethod) {
        public Settings {
            if (declipMethod == null) {
                declipMethod = Declip.Method.SPADE;
            }
        }

        /** The settings with the default declip method ({@link Declip.Method#SPADE}). */
        public Settings(boolean declick, boolean declip, boolean denoise, double declickSensitivity, double denoiseDb,
                double noiseFromSeconds, double noiseToSeconds) {
            this(declick, declip, denoise, declickSensitivity, denoiseDb, noiseFromSeconds, noiseToSeconds, Declip.Method.SPADE);
        }

        /** Every repair on, default settings. */
        public static Settings all() {
            return new Settings(true, true, true, Declick.DEFAULT_SENSITIVITY, Denoise.DEFAULT_REDUCTION_DB, Double.NaN, Double.NaN);
        }
    }

    /**
     * What was found and fixed.
     *
     * @param clicks clicks repaired (all channels)
     * @param clickSamples samples they covered
     * @param clippedRuns clipped runs rebuilt
     * @param clippedSamples samples rebuilt
     * @param longestClippedRun longest run, samples
     * @param noise the noise profile used, or null
     * @param denoiseDb reduction applied, dB (0 when off)
     * @param outputGainDb gain applied at the end to keep the peaks under the ceiling
     * @param settings what was asked for
     */
    public record Report(long clicks, long clickSamples, long clippedRuns, long clippedSamples, long longestClippedRun,
            NoiseProfile noise, double denoiseDb, double outputGainDb, Settings settings) {
        /** One line per repair, for a terminal. */
        public List<String> lines() {
            List<String> l = new ArrayList<>();
            if (settings.declip()) {
                l.add(String.format(Locale.ROOT, "declip: %d clipped runs rebuilt by %s (%d samples, longest %d)", clippedRuns,
                        settings.declipMethod() == Declip.Method.AR ? "AR interpolation" : "A-SPADE", clippedSamples, longestClippedRun));
            }
            if (settings.declick()) {
                l.add(String.format(Locale.ROOT, "declick: %d clicks repaired (%d samples)", clicks, clickSamples));
            }
            if (noise != null) {
                l.add(String.format(Locale.ROOT, "denoise: noise at %.1f dBFS (learned from %.2f-%.2f s), lowered by up to %.0f dB",
                        noise.levelDbfs(), noise.fromSeconds(), noise.toSeconds(), denoiseDb));
            }
            if (outputGainDb != 0) {
                l.add(String.format(Locale.ROOT, "level: lowered by %.2f dB so the rebuilt peaks stay under %.1f dBFS", -outputGainDb,
                        CEILING_DBFS));
            }
            return l;
        }
    }

    /** The repaired audio and the report. */
    public record Result(AudioBuffer audio, Report report) {
    }

    /** Runs the repairs that {@code s} turns on. */
    public static Result of(AudioBuffer audio, Settings s) {
        if (audio.frames() == 0) {
            throw new WorkbenchException("contains no audio (0 sample frames)");
        }
        AudioBuffer x = audio;
        long runs = 0;
        long clipped = 0;
        long longest = 0;
        long clicks = 0;
        long clickSamples = 0;
        NoiseProfile profile = null;
        if (s.declip()) {
            Declip d = Declip.create().method(s.declipMethod());
            x = d.process(x);
            runs = d.runs();
            clipped = d.samplesRepaired();
            longest = d.longestRun();
        }
        if (s.declick()) {
            Declick d = Declick.create().sensitivity(s.declickSensitivity());
            x = d.process(x);
            clicks = d.clicks();
            clickSamples = d.samplesRepaired();
        }
        if (s.denoise()) {
            if (Double.isNaN(s.noiseFromSeconds())) {
                profile = NoiseProfile.learn(x);
            } else {
                if (!(s.noiseToSeconds() > s.noiseFromSeconds()) || s.noiseFromSeconds() < 0
                        || s.noiseToSeconds() > x.durationSeconds()) {
                    throw new WorkbenchException(String.format(Locale.ROOT,
                            "noise excerpt %.3f-%.3f s is not inside the audio (0-%.3f s)", s.noiseFromSeconds(),
                            s.noiseToSeconds(), x.durationSeconds()));
                }
                profile = NoiseProfile.of(x.sliceSeconds(s.noiseFromSeconds(), s.noiseToSeconds()));
            }
            x = Denoise.create().reductionDb(s.denoiseDb()).profile(profile).process(x);
        }
        double gainDb = 0;
        double peak = x.peak();
        double ceiling = Math.pow(10, CEILING_DBFS / 20);
        if (peak > ceiling) {
            gainDb = 20 * Math.log10(ceiling / peak);
            x = x.gainDb(gainDb);
        }
        return new Result(x, new Report(clicks, clickSamples, runs, clipped, longest, profile, s.denoise() ? s.denoiseDb() : 0, gainDb, s));
    }
}
