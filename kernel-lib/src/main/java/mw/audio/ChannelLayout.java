package mw.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The speaker of each channel, in channel order. */
public record ChannelLayout(List<Speaker> speakers) {

    public static final ChannelLayout MONO = new ChannelLayout(List.of(Speaker.C));
    public static final ChannelLayout STEREO = new ChannelLayout(List.of(Speaker.L, Speaker.R));
    /** 5.1 as WAVE_FORMAT_EXTENSIBLE mask 0x60F (side surrounds). */
    public static final ChannelLayout SURROUND_5_1 = new ChannelLayout(
            List.of(Speaker.L, Speaker.R, Speaker.C, Speaker.LFE, Speaker.LS, Speaker.RS));
    public static final ChannelLayout SURROUND_7_1 = new ChannelLayout(
            List.of(Speaker.L, Speaker.R, Speaker.C, Speaker.LFE, Speaker.LB, Speaker.RB, Speaker.LS, Speaker.RS));

    public ChannelLayout {
        speakers = List.copyOf(speakers);
        if (speakers.isEmpty()) {
            throw new IllegalArgumentException("a channel layout needs at least one channel");
        }
    }

    public static ChannelLayout of(Speaker... speakers) {
        return new ChannelLayout(List.of(speakers));
    }

    /** The usual layout for a channel count when a file does not say (SMPTE/ITU order, as WAV and FLAC use). */
    public static ChannelLayout defaultFor(int channels) {
        return switch (channels) {
            case 1 -> MONO;
            case 2 -> STEREO;
            case 3 -> of(Speaker.L, Speaker.R, Speaker.C);
            case 4 -> of(Speaker.L, Speaker.R, Speaker.LS, Speaker.RS);
            case 5 -> of(Speaker.L, Speaker.R, Speaker.C, Speaker.LS, Speaker.RS);
            case 6 -> SURROUND_5_1;
            case 7 -> of(Speaker.L, Speaker.R, Speaker.C, Speaker.LFE, Speaker.CB, Speaker.LS, Speaker.RS);
            case 8 -> SURROUND_7_1;
            default -> {
                if (channels < 1) {
                    throw new IllegalArgumentException("channel count must be at least 1, was " + channels);
                }
                List<Speaker> s = new ArrayList<>();
                for (int i = 0; i < channels; i++) {
                    s.add(Speaker.UNKNOWN);
                }
                yield new ChannelLayout(s);
            }
        };
    }

    /**
     * The layout a WAVE_FORMAT_EXTENSIBLE channel mask describes; channels beyond the mask's bits are
     * {@link Speaker#UNKNOWN}. A mask of 0 means "not said": the default layout for the count.
     */
    public static ChannelLayout fromWavMask(int mask, int channels) {
        if (mask == 0) {
            return defaultFor(channels);
        }
        List<Speaker> s = new ArrayList<>();
        for (Speaker sp : Speaker.values()) {
            if (sp.maskBit() != 0 && (mask & sp.maskBit()) != 0 && s.size() < channels) {
                s.add(sp);
            }
        }
        while (s.size() < channels) {
            s.add(Speaker.UNKNOWN);
        }
        return new ChannelLayout(s);
    }

    public int wavMask() {
        int m = 0;
        for (Speaker s : speakers) {
            m |= s.maskBit();
        }
        return m;
    }

    public int channels() {
        return speakers.size();
    }

    public Speaker speaker(int channel) {
        return speakers.get(channel);
    }

    /** A short name: "mono", "stereo", "5.1", or the labels joined ("L R C"). */
    public String name() {
        if (equals(MONO)) return "mono";
        if (equals(STEREO)) return "stereo";
        if (equals(SURROUND_5_1) || equals(of(Speaker.L, Speaker.R, Speaker.C, Speaker.LFE, Speaker.LB, Speaker.RB))) return "5.1";
        if (equals(SURROUND_7_1)) return "7.1";
        return labels();
    }

    public String labels() {
        return speakers.stream().map(Speaker::label).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return name();
    }
}
