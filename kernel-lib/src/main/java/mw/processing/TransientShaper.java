package mw.processing;

/**
 * Transient shaper: raises or lowers the attack and the sustain of each sound independently of its level,
 * by the difference of envelope followers (no threshold). The followers run on the squared signal, the
 * largest of the channels (linked, so the stereo image stays):
 * <ul>
 *   <li>attack = fast follower (attack 1 ms, release 50 ms) over slow-attack follower (attack 30 ms,
 *       release 50 ms), in dB: positive only while a sound starts;</li>
 *   <li>sustain = slow-release follower (attack 1 ms, release 500 ms) over the fast follower, in dB:
 *       positive while a sound decays.</li>
 * </ul>
 * Each difference counts from 3 dB on (below, it is the followers' ripple on a steady tone) and fully
 * from 9 dB; the gain is {@code attackDb * attack + sustainDb * sustain * (1 - attack)} dB, sample by
 * sample (a new hit over the tail of the last is attack, not sustain). At the onset of a hit from
 * silence the attack measure is full within the first millisecond, so its peak moves by
 * {@code attackDb}; once a tail has decayed 9 dB faster than 500 ms would, it moves by {@code sustainDb}.
 * With both at 0 the output is the input, bit for bit. No latency.
 */
public final class TransientShaper extends AbstractProcessor<TransientShaper> {
    /** The parameters, declared once. */
    public static final ParamSet<TransientShaper> PARAMS = ParamSet.<TransientShaper>of("transient", v -> new TransientShaper())
            .number("attackDb", "dB", -24, 24, 0, "%.1f", t -> t.attackDb, (t, v) -> t.attackDb = v)
            .number("sustainDb", "dB", -24, 24, 0, "%.1f", t -> t.sustainDb, (t, v) -> t.sustainDb = v);
    /** A difference of this many dB counts fully. */
    static final double FULL_DB = 6;
    /** Differences below this are the ripple of the followers on a steady tone, not attack or decay, dB. */
    static final double DEAD_DB = 3;
    private static final double FLOOR = 1e-12;
    private double attackDb;
    private double sustainDb;
    private double fastA, fastR, slowA, longR;
    private double fast, slowAttack, slowRelease;
    private boolean prepared;

    private TransientShaper() {
        super(PARAMS);
        PARAMS.applyDefaults(this);
    }

    /** A shaper with attack and sustain gains in dB (-24 to +24 each). */
    public static TransientShaper of(double attackDb, double sustainDb) {
        return new TransientShaper().attackDb(attackDb).sustainDb(sustainDb);
    }

    public TransientShaper attackDb(double db) {
        return set("attackDb", db);
    }

    public double attackDb() {
        return attackDb;
    }

    public TransientShaper sustainDb(double db) {
        return set("sustainDb", db);
    }

    public double sustainDb() {
        return sustainDb;
    }

    private static double coef(double ms, int sampleRate) {
        return Math.exp(-1.0 / (ms * 1e-3 * sampleRate));
    }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        fastA = coef(1, sampleRate);
        fastR = coef(50, sampleRate);
        slowA = coef(30, sampleRate);
        longR = coef(500, sampleRate);
        prepared = true;
        reset();
    }

    @Override
    public void reset() {
        fast = FLOOR;
        slowAttack = FLOOR;
        slowRelease = FLOOR;
    }

    @Override
    public void process(double[][] block, int frames) {
        Render.checkPrepared(prepared, type());
        boolean neutral = attackDb == 0 && sustainDb == 0;
        double toLin = Math.log(10) / 20;
        for (int i = 0; i < frames; i++) {
            double p = FLOOR;
            for (double[] c : block) {
                p = Math.max(p, c[i] * c[i]);
            }
            fast = follow(fast, p, fastA, fastR);
            slowAttack = follow(slowAttack, p, slowA, fastR);
            slowRelease = follow(slowRelease, p, fastA, longR);
            if (neutral) {
                continue;
            }
            double a = Math.min(1, Math.max(0, (10 * Math.log10(fast / slowAttack) - DEAD_DB) / FULL_DB));
            double s = Math.min(1, Math.max(0, (10 * Math.log10(slowRelease / fast) - DEAD_DB) / FULL_DB));
            double g = Math.exp((attackDb * a + sustainDb * s * (1 - a)) * toLin);
            for (double[] c : block) {
                c[i] *= g;
            }
        }
    }

    private static double follow(double env, double p, double att, double rel) {
        double k = p > env ? att : rel;
        return Math.max(FLOOR, k * env + (1 - k) * p);
    }
}
