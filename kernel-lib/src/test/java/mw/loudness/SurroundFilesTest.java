package mw.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Locale;
import mw.ExternalTools;
import mw.audio.ChannelLayout;
import mw.audio.Speaker;
import mw.io.Audio;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EBU Tech 3341 case 6 (L and R at -28 dBFS, C at -24 dBFS, the two surrounds at -30 dBFS, 1 kHz, 20 s;
 * expected -23.0 LUFS ±0.1) written as real tools write multichannel WAV files: ffmpeg makes the file with
 * its named channel layouts, so the WAVE_FORMAT_EXTENSIBLE channel mask is the one found in the wild
 * ("5.1" = FL FR FC LFE BL BR, mask 0x3F; "5.0" = FL FR FC BL BR, mask 0x37; "5.1(side)" = mask 0x60F).
 * The file is then read and measured by the workbench; the layout read from the mask is asserted too.
 */
class SurroundFilesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "5.1,       48000, FL|FR|FC|LFE|BL|BR",
        "5.1,       44100, FL|FR|FC|LFE|BL|BR",
        "5.0,       48000, FL|FR|FC|BL|BR",
        "5.1(side), 48000, FL|FR|FC|LFE|SL|SR",
        "5.0(side), 96000, FL|FR|FC|SL|SR",
    })
    void case6AsFfmpegWritesIt(String layout, int fs, String channels) throws Exception {
        ExternalTools.require("ffmpeg");
        String[] ch = channels.split("\\|");
        StringBuilder expr = new StringBuilder();
        for (int i = 0; i < ch.length; i++) {
            double dbfs = switch (ch[i]) {
                case "FL", "FR" -> -28;
                case "FC" -> -24;
                case "LFE" -> Double.NEGATIVE_INFINITY;
                default -> -30;
            };
            double amp = Double.isInfinite(dbfs) ? 0 : Math.pow(10, dbfs / 20);
            expr.append(i == 0 ? "" : "|").append(String.format(Locale.ROOT, "%.9f*sin(2*PI*1000*t)", amp));
        }
        Path f = tmp.resolve("case6-" + layout.replaceAll("[()]", "") + "-" + fs + ".wav");
        ExternalTools.runOk(120, "ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                "aevalsrc=" + expr + ":s=" + fs + ":d=20:channel_layout=" + layout,
                "-c:a", "pcm_s24le", f.toString());

        ChannelLayout read = Audio.info(f).layout();
        boolean sides = layout.contains("side");
        assertEquals(sides ? Speaker.LS : Speaker.LB, read.speaker(ch.length == 6 ? 4 : 3), "layout read from the mask of " + f);

        double i = Loudness.of(f).integratedLufs();
        assertEquals(-23.0, i, 0.1, "Tech 3341 case 6 in a " + layout + " WAV at " + fs + " Hz");
    }
}
