package mw.io;

import java.nio.file.Path;
import mw.WorkbenchException;

/** Readers for the formats other than WAV (AIFF, FLAC, MP3, Ogg Vorbis), chosen by magic bytes. */
final class CodecReaders {
    private CodecReaders() {
    }

    static AudioReader open(Path path, byte[] head, int n) {
        throw new WorkbenchException(path, "is not an audio file this workbench can read; accepted: " + Audio.accepted());
    }
}
