package dev.linden.model;

import dev.linden.protocol.ValueSource;
import java.util.List;
import java.util.Set;

/**
 * The values of one attribute of one entry kept outside the entry (a huge group's members, in the
 * backend's table of values), keyed by their normalised form under the type's equality rule. An
 * {@link Attribute} over a store answers a membership test with one look-up and reads every value
 * only when asked for them all.
 */
public interface ValueStore extends ValueSource {
    /** Every stored value except those whose normalised form is in {@code excluded}, in the store's order. */
    List<byte[]> values(Set<String> excluded);

    /** Whether a value with this normalised form is stored. */
    boolean contains(String normalized);

    /** Whether a value is stored whose normalised form is not in {@code excluded}; reads at most |excluded| + 1 values. */
    boolean hasOtherThan(Set<String> excluded);

    /**
     * Whether {@link #forEachValue} reads within a read the caller holds open (the search's
     * transaction), so that the values cannot change between two passes over them: only then may an
     * encoder stream them. Otherwise each pass would read the store afresh.
     */
    boolean readsOneState();
}
