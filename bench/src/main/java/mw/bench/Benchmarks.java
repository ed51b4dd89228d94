package mw.bench;

/** JMH benchmarks live in this package; run them with scripts/bench.sh. */
final class Benchmarks {
    private Benchmarks() {
    }
}
