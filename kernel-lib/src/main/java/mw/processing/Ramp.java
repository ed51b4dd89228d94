package mw.processing;

/**
 * A value that moves to a new target in a straight line over a fixed time, so parameter changes
 * while running do not click. It lands exactly on the target, so a settled ramp multiplies by the
 * exact value (a 0 dB gain stays bit-transparent).
 */
final class Ramp {
    private final double seconds;
    private double current;
    private double target;
    private double step;
    private int left;
    private int rampSamples = 1;

    Ramp(double seconds, double initial) {
        this.seconds = seconds;
        this.current = initial;
        this.target = initial;
    }

    void prepare(int sampleRate) {
        rampSamples = Math.max(1, (int) Math.round(seconds * sampleRate));
        jump();
    }

    /** Sets a new target; the value glides there. */
    void target(double value) {
        if (value == target) {
            return;
        }
        target = value;
        left = rampSamples;
        step = (target - current) / left;
    }

    /** Goes to the target at once. */
    void jump() {
        current = target;
        left = 0;
    }

    boolean moving() {
        return left > 0;
    }

    double value() {
        return current;
    }

    double targetValue() {
        return target;
    }

    /** Advances one sample and returns the value for it. */
    double next() {
        if (left > 0) {
            left--;
            current = left == 0 ? target : current + step;
        }
        return current;
    }
}
