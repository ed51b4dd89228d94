package mw.audio;

/**
 * A loudspeaker position, in the order of the WAVE_FORMAT_EXTENSIBLE channel mask bits.
 * The nominal azimuth (degrees, 0 = front, positive to the left... magnitude only matters here) and
 * elevation are those of ITU-R BS.2051 / BS.775 layouts; BS.1770-4 derives channel weights from them.
 */
public enum Speaker {
    L("L", 0x1, 30, 0),
    R("R", 0x2, 30, 0),
    C("C", 0x4, 0, 0),
    LFE("LFE", 0x8, 0, 0),
    LB("Lb", 0x10, 135, 0),
    RB("Rb", 0x20, 135, 0),
    LC("Lc", 0x40, 15, 0),
    RC("Rc", 0x80, 15, 0),
    CB("Cb", 0x100, 180, 0),
    LS("Ls", 0x200, 110, 0),
    RS("Rs", 0x400, 110, 0),
    TC("Tc", 0x800, 0, 90),
    TFL("Tfl", 0x1000, 30, 45),
    TFC("Tfc", 0x2000, 0, 45),
    TFR("Tfr", 0x4000, 30, 45),
    TBL("Tbl", 0x8000, 135, 45),
    TBC("Tbc", 0x10000, 180, 45),
    TBR("Tbr", 0x20000, 135, 45),
    /** A channel whose position the file does not say. */
    UNKNOWN("?", 0, 0, 0);

    private final String label;
    private final int maskBit;
    private final int azimuthDeg;
    private final int elevationDeg;

    Speaker(String label, int maskBit, int azimuthDeg, int elevationDeg) {
        this.label = label;
        this.maskBit = maskBit;
        this.azimuthDeg = azimuthDeg;
        this.elevationDeg = elevationDeg;
    }

    public String label() { return label; }
    public int maskBit() { return maskBit; }
    /** Magnitude of the nominal azimuth in degrees (0 front, 180 back). */
    public int azimuthDeg() { return azimuthDeg; }
    public int elevationDeg() { return elevationDeg; }
    public boolean isLfe() { return this == LFE; }
}
