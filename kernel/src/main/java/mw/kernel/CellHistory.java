package mw.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/**
 * The cells run in this kernel session, answering Jupyter's {@code history_request} (tail, range and
 * glob search), which console front ends use for their up-arrow and search. Kept in memory for the
 * life of the kernel; session number 1 is this session (0 in a request means "the current one").
 */
final class CellHistory implements HistoryManager {
    private final List<String> inputs = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();

    synchronized void add(String cell) {
        inputs.add(cell);
        outputs.add(null);
    }

    /** The text form of the last cell's value. */
    synchronized void setLastOutput(String text) {
        if (!outputs.isEmpty()) {
            outputs.set(outputs.size() - 1, text);
        }
    }

    private HistoryEntry entry(int index) {
        return new HistoryEntry(1, index + 1, inputs.get(index), outputs.get(index));
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        if (session > 1 || session < 0) {
            return out;
        }
        int from = Math.max(1, start);
        int to = stop <= 0 ? inputs.size() : Math.min(inputs.size(), stop - 1);
        for (int n = from; n <= to; n++) {
            out.add(entry(n - 1));
        }
        return out;
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        for (int i = Math.max(0, inputs.size() - Math.max(0, length)); i < inputs.size(); i++) {
            out.add(entry(i));
        }
        return out;
    }

    @Override
    public synchronized List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
        Pattern p = Pattern.compile(globToRegex(glob == null || glob.isEmpty() ? "*" : glob), Pattern.DOTALL);
        List<HistoryEntry> out = new ArrayList<>();
        boolean unique = flags.contains(ResultFlag.UNIQUE);
        Set<String> seen = new java.util.HashSet<>();
        for (int i = inputs.size() - 1; i >= 0 && (length <= 0 || out.size() < length); i--) {
            if (p.matcher(inputs.get(i)).matches() && (!unique || seen.add(inputs.get(i)))) {
                out.add(0, entry(i));
            }
        }
        return out;
    }

    /** IPython's history search: {@code *} any text, {@code ?} one character. */
    static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
