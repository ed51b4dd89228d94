package mw.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mw.WorkbenchException;
import mw.analysis.Analysis;
import mw.analysis.Bands;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.io.AudioReader;
import mw.loudness.Loudness;
import mw.loudness.LoudnessReport;
import mw.loudness.LoudnessSeries;
import mw.loudness.TruePeakSeries;
import mw.platforms.Outcomes;
import mw.platforms.Platforms;
import mw.platforms.Profile;
import mw.platforms.QcReport;
import mw.platforms.QualityControl;
import mw.platforms.TrackLoudness;
import mw.processing.Limiter;

/**
 * The study of a folder of tracks, the workbench's main job: per track the format, loudness and dynamics
 * (ITU-R BS.1770-4 / EBU R 128), true peak over time, spectrum and features, stereo, delivery QC, and
 * what every platform does to it. A file that cannot be read is listed as failed and the rest go on.
 *
 * <pre>{@code
 * StudyResult s = Study.of(Path.of("sample-audio"));
 * StudyResult album = Study.of(Path.of("album"), StudySettings.defaults().withAlbum(true));
 * }</pre>
 *
 * <p>One track is in memory at a time: a {@link StudyTrack} keeps the measurements, not the samples nor the
 * spectrogram; a {@link StudyListener} sees the full analysis of each track as it is made.
 */
public final class Study {
    /** Hop of the true-peak timeline (s). */
    public static final double TRUE_PEAK_HOP_SECONDS = 0.1;

    private Study() {
    }

    /** Studies a folder (or one file) against every bundled profile. */
    public static StudyResult of(Path dirOrFile) {
        return of(dirOrFile, StudySettings.defaults());
    }

    /** Studies a folder (or one file). */
    public static StudyResult of(Path dirOrFile, StudySettings settings) {
        return of(dirOrFile, settings, StudyListener.NONE);
    }

    /** Studies a folder (or one file), telling {@code listener} about each file as it goes. */
    public static StudyResult of(Path dirOrFile, StudySettings settings, StudyListener listener) {
        return of(dirOrFile, files(dirOrFile), settings, listener);
    }

    /** Studies the given files, in order. */
    public static StudyResult of(List<Path> files, StudySettings settings) {
        return of(files, settings, StudyListener.NONE);
    }

    /** Studies the given files, in order, telling {@code listener} about each. */
    public static StudyResult of(List<Path> files, StudySettings settings, StudyListener listener) {
        if (files.isEmpty()) {
            throw new WorkbenchException("a study needs at least one audio file");
        }
        Path parent = files.get(0).toAbsolutePath().getParent();
        return of(parent == null ? files.get(0) : parent, files, settings, listener);
    }

    /**
     * The audio files of a folder, sorted by name (or the file itself).
     *
     * @throws WorkbenchException when the path does not exist or the folder holds no audio files
     */
    public static List<Path> files(Path dirOrFile) {
        if (!Files.exists(dirOrFile)) {
            throw new WorkbenchException(dirOrFile, "does not exist; give a folder of audio files or one audio file");
        }
        List<Path> files = Audio.listAudioFiles(dirOrFile);
        if (files.isEmpty()) {
            throw new WorkbenchException(dirOrFile, "holds no audio files; accepted: .wav .rf64 .bw64 .aif .aiff .aifc .flac .mp3 .ogg .oga");
        }
        return files;
    }

    private static StudyResult of(Path source, List<Path> files, StudySettings settings, StudyListener listener) {
        List<StudyTrack> tracks = new ArrayList<>();
        List<StudyFailure> failed = new ArrayList<>();
        int total = files.size();
        for (int i = 0; i < total; i++) {
            Path f = files.get(i);
            listener.starting(i, total, f);
            Measured m;
            try {
                m = measure(f, tracks.size() + 1, settings);
            } catch (WorkbenchException e) {
                StudyFailure x = new StudyFailure(f, e.about(f).getMessage());
                failed.add(x);
                listener.failed(i, total, x);
                continue;
            } catch (RuntimeException e) {
                StudyFailure x = new StudyFailure(f, f + ": " + internal(e));
                failed.add(x);
                listener.failed(i, total, x);
                continue;
            }
            tracks.add(m.track());
            // outside the try: a listener that cannot write (a full disk) stops the study, it is not the file's fault
            listener.analysed(i, total, m.track(), m.analysis());
        }
        List<TrackLoudness> levels = tracks.stream().map(t -> TrackLoudness.of(t.name(), t.loudness())).toList();
        Outcomes outcomes = settings.album() ? Platforms.album(levels, settings.profiles())
                : Platforms.outcomes(levels, settings.profiles());
        return new StudyResult(source, files, tracks, failed, outcomes, settings);
    }

    /** The words for an error inside the workbench while analysing one file. */
    static String internal(RuntimeException e) {
        return "cannot be analysed: an internal error occurred (" + e.getClass().getSimpleName()
                + "); the other files are not affected; please report it with this file";
    }

    private record Measured(StudyTrack track, Analysis analysis) {
    }

    /**
     * Measures one file: format and loudness (essential: a file that cannot be measured fails), then the
     * full analysis, true peak over time and QC. An optional analysis that fails leaves its parts null and
     * says why in the notes.
     */
    private static Measured measure(Path f, int number, StudySettings settings) {
        AudioFileInfo info = Audio.info(f);
        AudioBuffer audio = Audio.read(f);
        Analysis a = null;
        List<String> notes = new ArrayList<>();
        try {
            a = Analysis.of(f.getFileName().toString(), audio);
        } catch (WorkbenchException e) {
            notes.add("analysis not computed: " + e.getMessage());
        } catch (RuntimeException e) {
            notes.add("analysis not computed: " + internal(e));
        }
        LoudnessReport l = a != null && a.loudness() != null ? a.loudness() : Loudness.of(audio);
        if (l.notes() != null && !l.notes().isEmpty()) {
            notes.add(0, l.notes());
        }
        TruePeakSeries peaks = TruePeakSeries.of(audio, TRUE_PEAK_HOP_SECONDS);
        double[] hz = new double[0];
        double[] db = new double[0];
        if (a != null) {
            var ltas = a.ltas();
            String sig = ltas.signals().contains("M") ? "M" : ltas.signals().get(0);
            var bands = Bands.thirdOctaves();
            double[] levels = ltas.bandLevelsDbfs(sig, bands);
            hz = new double[levels.length];
            db = new double[levels.length];
            for (int i = 0; i < levels.length; i++) {
                hz[i] = bands.get(i).centreHz();
                db[i] = levels[i] - l.integratedLufs();
            }
        }
        QcReport qc = QualityControl.check(f.getFileName().toString(), audio, l.truePeakDbtp(), info.bitsPerSample(),
                QualityControl.Limits.music(settings.truePeakCeilingDbtp()));
        LoudnessSeries series = a == null ? null : a.loudnessSeries();
        double start = excerptStart(series, audio.durationSeconds(), settings.excerptSeconds());
        StudyTrack t = new StudyTrack(number, f, info, l, series, peaks, a == null ? null : a.dynamics(),
                a == null ? null : a.features(), a == null ? null : a.stereo(), a == null ? null : a.ltas(), hz, db, qc,
                start, notes);
        return new Measured(t, a);
    }

    /**
     * Where an excerpt of {@code seconds} starts so that it is centred on the loudest short-term reading (the
     * 3 s window ending at the reading's time), within the programme; 0 without a series.
     */
    static double excerptStart(LoudnessSeries s, double durationSeconds, double seconds) {
        if (s == null || s.size() == 0 || durationSeconds <= seconds) {
            return 0;
        }
        int best = -1;
        for (int k = 0; k < s.size(); k++) {
            double v = s.shortTermLufs()[k];
            if (Double.isFinite(v) && (best < 0 || v > s.shortTermLufs()[best])) {
                best = k;
            }
        }
        if (best < 0) {
            return 0;
        }
        double centre = s.timesSeconds()[best] - 1.5;
        double start = Math.max(0, Math.min(durationSeconds - seconds, centre - seconds / 2));
        return Math.floor(start * 10) / 10;
    }

    /**
     * A listening excerpt of a track: {@code seconds} from its excerpt start, read from its file, with
     * {@code gainDb} applied as a platform applies its playback gain, and 20 ms fades at both ends. When the
     * gain raises the peaks above the platform's limiter (or above -1 dBTP for a platform without one), a
     * true-peak limiter at that ceiling catches them, as such a platform's own limiter would.
     */
    public static AudioBuffer excerpt(StudyTrack t, double seconds, double gainDb, Profile platform) {
        AudioBuffer a = readExcerpt(t.file(), t.excerptStartSeconds(), seconds);
        double g = Double.isFinite(gainDb) ? gainDb : 0;
        AudioBuffer out = a.gainDb(g);
        double ceiling = platform != null && Double.isFinite(platform.limiterDbtp()) ? platform.limiterDbtp() : -1.0;
        if (g > 0 && t.loudness().truePeakDbtp() + g > ceiling) {
            out = Limiter.truePeak(ceiling).process(out);
        }
        return fade(out, 0.02);
    }

    /**
     * Reads {@code seconds} of a file from {@code startSeconds} without reading the rest into memory (shorter
     * when the file ends first). Also used for the listening excerpts of a reference match.
     */
    public static AudioBuffer readExcerpt(Path file, double startSeconds, double seconds) {
        try (AudioReader r = Audio.open(file)) {
            int rate = r.info().sampleRate();
            int channels = r.info().channels();
            long skip = Math.round(startSeconds * rate);
            int want = (int) Math.round(seconds * rate);
            double[][] block = new double[channels][Audio.BLOCK];
            while (skip > 0) {
                int n = r.read(block, (int) Math.min(Audio.BLOCK, skip));
                if (n < 0) {
                    break;
                }
                skip -= n;
            }
            double[][] out = new double[channels][want];
            int got = 0;
            while (got < want) {
                int n = r.read(block, Math.min(Audio.BLOCK, want - got));
                if (n < 0) {
                    break;
                }
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(block[c], 0, out[c], got, n);
                }
                got += n;
            }
            for (int c = 0; c < channels; c++) {
                out[c] = java.util.Arrays.copyOf(out[c], got);
            }
            return AudioBuffer.of(rate, r.info().layout(), out);
        }
    }

    /** {@code a} with linear fades of {@code seconds} in and out (clicks-free starts and stops of an excerpt). */
    public static AudioBuffer fade(AudioBuffer a, double seconds) {
        int n = Math.min(a.frames() / 2, (int) Math.round(seconds * a.sampleRate()));
        double[][] x = a.toArrays();
        for (double[] ch : x) {
            for (int i = 0; i < n; i++) {
                double g = (double) i / n;
                ch[i] *= g;
                ch[ch.length - 1 - i] *= g;
            }
        }
        return AudioBuffer.of(a.sampleRate(), a.layout(), x);
    }
}
