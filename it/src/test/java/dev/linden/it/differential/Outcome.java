package dev.linden.it.differential;

import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.SearchResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a case observed on one server, in order: labelled result codes, matched DNs, entries and
 * values. Two servers agree on a case when their outcomes are equal.
 */
public final class Outcome {
    private final Map<String, Object> observed = new LinkedHashMap<>();
    private final Rendering rendering;

    Outcome(Rendering rendering) {
        this.rendering = rendering;
    }

    public Outcome put(String label, Object value) {
        if (observed.putIfAbsent(label, value) != null) {
            throw new IllegalArgumentException("label used twice in one case: " + label);
        }
        return this;
    }

    /** The result code, and the matched DN when the server gave one. */
    public Outcome result(String label, LDAPResult result) {
        return put(label, rendering.code(result));
    }

    /** The result code and the entries of a search (DN → attribute → values), and its references if any. */
    public Outcome search(String label, SearchResult result) {
        put(label, rendering.code(result));
        if (!result.getSearchReferences().isEmpty()) {
            put(label + " references", rendering.references(result.getSearchReferences()));
        }
        return put(label + " entries", rendering.entries(result.getSearchEntries()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outcome other && observed.equals(other.observed);
    }

    @Override
    public int hashCode() {
        return observed.hashCode();
    }

    @Override
    public String toString() {
        return observed.entrySet().stream()
                .map(e -> "  " + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n", "\n", "\n"));
    }
}
