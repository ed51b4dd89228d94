package mw.workflow;

import mw.analysis.Analysis;

/**
 * Hears a {@link Study} as it goes, file by file: a command line draws its progress here, and a report
 * writer renders what needs the full analysis (the spectrogram, which a {@link StudyTrack} does not keep)
 * while only one track's analysis is in memory. An exception thrown here stops the study.
 */
public interface StudyListener {
    /** Nothing. */
    StudyListener NONE = new StudyListener() {
    };

    /** File {@code index} (from 0) of {@code total} is about to be read. */
    default void starting(int index, int total, java.nio.file.Path file) {
    }

    /** A track is analysed; {@code analysis} is its full analysis, or null when only loudness could be measured. */
    default void analysed(int index, int total, StudyTrack track, Analysis analysis) {
    }

    /** A file could not be analysed; the study goes on with the next. */
    default void failed(int index, int total, StudyFailure failure) {
    }
}
