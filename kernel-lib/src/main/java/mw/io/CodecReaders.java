package mw.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mw.WorkbenchException;

/**
 * Readers for the formats other than WAV (AIFF/AIFF-C, FLAC, MP3, Ogg Vorbis), chosen from the file's
 * first bytes. The Java Sound provider lookup ({@code AudioSystem.getAudioInputStream}) is never used:
 * its answer depends on which providers are on the class path and in which order, and some providers
 * claim files they cannot read.
 */
final class CodecReaders {
    /** How many leading bytes are looked at to recognise a format. */
    static final int PROBE = 4096;

    private CodecReaders() {
    }

    static AudioReader open(Path path) {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(PROBE);
        } catch (IOException e) {
            throw new WorkbenchException(path, "cannot be read: " + e.getMessage(), e);
        }
        int n = head.length;
        String magic = ascii(head, 0, 4);
        try {
            if (magic.equals("FORM") && n >= 12) {
                String kind = ascii(head, 8, 4);
                if (kind.equals("AIFF") || kind.equals("AIFC")) {
                    return new AiffReader(path);
                }
                throw new WorkbenchException(path, "is an IFF file of type '" + printable(kind)
                        + "', not AIFF audio; accepted: " + Audio.accepted());
            }
            if (magic.equals("fLaC")) {
                return new FlacReader(path, 0);
            }
            if (magic.equals("OggS")) {
                return openOgg(path, head, n);
            }
            int id3 = Mp3Reader.id3v2Length(head, n);
            if (id3 > 0) {
                // An ID3v2 tag can precede FLAC as well as MP3.
                byte[] after = new byte[4];
                try (InputStream in = Files.newInputStream(path)) {
                    in.skipNBytes(id3);
                    int got = in.readNBytes(after, 0, 4);
                    if (got == 4 && ascii(after, 0, 4).equals("fLaC")) {
                        return new FlacReader(path, id3);
                    }
                } catch (java.io.EOFException e) {
                    throw new WorkbenchException(path, "holds only an ID3 tag and no audio; accepted: " + Audio.accepted());
                }
                return new Mp3Reader(path);
            }
            if (Mp3Reader.looksLikeMpegAudio(head, n)) {
                return new Mp3Reader(path);
            }
        } catch (IOException e) {
            throw new WorkbenchException(path, "cannot be read: " + e.getMessage(), e);
        }
        throw new WorkbenchException(path, "is not an audio file this workbench can read ("
                + describeStart(head, n) + "); accepted: " + Audio.accepted());
    }

    private static AudioReader openOgg(Path path, byte[] head, int n) throws IOException {
        // The first page of an Ogg stream carries the identification header of its codec.
        String start = new String(head, 0, Math.min(n, 200), StandardCharsets.ISO_8859_1);
        if (start.contains("\u0001vorbis")) {
            return new VorbisReader(path);
        }
        String codec = start.contains("OpusHead") ? "Opus" : start.contains("\u007fFLAC") ? "FLAC"
                : start.contains("Speex") ? "Speex" : start.contains("theora") ? "Theora video" : "an unknown codec";
        throw new WorkbenchException(path, "is an Ogg file with " + codec
                + "; accepted in Ogg: Vorbis only (convert with: ffmpeg -i IN -c:a flac OUT.flac)");
    }

    static String ascii(byte[] b, int off, int len) {
        if (b.length < off + len) {
            return "";
        }
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 32 && c < 127 ? c : '?');
        }
        return sb.toString();
    }

    /** A short, safe description of what the file starts with, for error messages. */
    static String describeStart(byte[] head, int n) {
        int text = 0;
        int look = Math.min(n, 512);
        for (int i = 0; i < look; i++) {
            int c = head[i] & 0xFF;
            if (c == '\n' || c == '\r' || c == '\t' || c >= 32 && c < 127 || c >= 0xC2) {
                text++;
            }
        }
        if (look > 0 && text == look) {
            String first = new String(head, 0, Math.min(look, 24), StandardCharsets.UTF_8)
                    .replaceAll("[\\r\\n\\t]+", " ").trim();
            return "it looks like text: \"" + printable(first) + (look > 24 ? "...\"" : "\"");
        }
        StringBuilder hex = new StringBuilder("it starts with bytes");
        for (int i = 0; i < Math.min(n, 8); i++) {
            hex.append(String.format(java.util.Locale.ROOT, " %02X", head[i] & 0xFF));
        }
        return hex.toString();
    }
}
