package mw.io;

import java.nio.file.Path;
import mw.audio.ChannelLayout;

/**
 * What a file says about its audio.
 *
 * @param path          the file as given
 * @param container     "WAV", "RF64", "BW64", "AIFF", "AIFF-C", "FLAC", "MP3", "MPEG audio" (layers I/II), "Ogg"
 * @param codec         e.g. "PCM 24-bit", "IEEE float 32", "FLAC 16-bit", "MPEG-1 Layer III, 320 kbit/s", "Vorbis"
 * @param sampleRate    Hz
 * @param bitsPerSample bits of the stored samples; 0 for lossy codecs
 * @param layout        speaker of each channel
 * @param frames        sample frames per channel; -1 when the file does not say
 */
public record AudioFileInfo(Path path, String container, String codec, int sampleRate, int bitsPerSample,
                            ChannelLayout layout, long frames) {
    public int channels() {
        return layout.channels();
    }

    /** Duration in seconds, NaN when the length is not known. */
    public double durationSeconds() {
        return frames < 0 ? Double.NaN : (double) frames / sampleRate;
    }
}
