package mw.workflow;

import java.nio.file.Path;
import java.util.List;

/**
 * The delivery of several inputs: a result per input that could be read, and the inputs that could not.
 *
 * @param results  one per input delivered, in order
 * @param failures the inputs that failed, with the reason
 */
public record DeliverBatch(List<DeliveryResult> results, List<Failure> failures) {
    public DeliverBatch {
        results = List.copyOf(results);
        failures = List.copyOf(failures);
    }

    /**
     * An input that could not be delivered.
     *
     * @param input   the file
     * @param message what went wrong
     */
    public record Failure(Path input, String message) {
    }

    /** Whether every input was delivered and every master passes. */
    public boolean passed() {
        return failures.isEmpty() && results.stream().allMatch(DeliveryResult::passed);
    }

    /** Every master of every input. */
    public List<DeliverMaster> masters() {
        return results.stream().flatMap(r -> r.masters().stream()).toList();
    }
}
