package mw.loudness;

import mw.audio.ChannelLayout;
import mw.audio.Speaker;

/**
 * Channel weights G<sub>i</sub> of ITU-R BS.1770-4 (Table 3), derived from each speaker's nominal position:
 * 1.41 for a speaker at an elevation below 30 degrees and an azimuth between 60 and 120 degrees (the
 * surrounds of 5.1, "Ls"/"Rs" at 110 degrees), 0 for the LFE channel, 1.0 for every other position (front
 * left, right and centre, rear and height speakers, and channels whose position is unknown).
 *
 * <p>One exception follows how 5.x files are made: a layout with a back pair (Lb/Rb) but no side pair
 * (Ls/Rs) is a 5.0/5.1 whose surrounds were labelled "back". WAVE_FORMAT_EXTENSIBLE mask 0x3F (FL FR FC
 * LFE BL BR) is the most common 5.1 mask in files written by ffmpeg, sox and many DAWs, and its back pair
 * carries the Ls/Rs signals of ITU-R BS.775; those channels get the surround weight 1.41, as other meters
 * (ffmpeg's ebur128, libebur128) give them. In a layout that has both pairs (7.1), the back pair is the
 * rear one at 135-150 degrees and weighs 1.0 as Table 3 says.
 */
public final class ChannelWeights {
    /** The surround weight of BS.1770-4 (+1.5 dB), as the Recommendation writes it. */
    public static final double SURROUND = 1.41;

    private ChannelWeights() {
    }

    /** The weight of one speaker position. */
    public static double of(Speaker s) {
        if (s.isLfe()) {
            return 0.0;
        }
        int az = Math.abs(s.azimuthDeg());
        int el = Math.abs(s.elevationDeg());
        if (el < 30 && az >= 60 && az <= 120) {
            return SURROUND;
        }
        return 1.0;
    }

    /** The weight of every channel of a layout, in channel order. */
    public static double[] of(ChannelLayout layout) {
        double[] g = new double[layout.channels()];
        boolean sides = false;
        for (int c = 0; c < g.length; c++) {
            Speaker s = layout.speaker(c);
            sides |= s == Speaker.LS || s == Speaker.RS;
        }
        for (int c = 0; c < g.length; c++) {
            Speaker s = layout.speaker(c);
            boolean backAsSurround = !sides && (s == Speaker.LB || s == Speaker.RB);
            g[c] = backAsSurround ? SURROUND : of(s);
        }
        return g;
    }
}
