package dev.linden.model.sync;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state of a replicated directory as one CSN per server ID: the newest change from each server
 * that a copy holds. This is what a cookie's {@code csn=} list carries and what contextCSN holds (one
 * value per server ID). Immutable; iterated in server ID order, the order slapd writes them in.
 */
public final class CsnVector {
    public static final CsnVector EMPTY = new CsnVector(new TreeMap<>());

    private final SortedMap<Integer, Csn> bySid;

    private CsnVector(TreeMap<Integer, Csn> bySid) {
        this.bySid = Collections.unmodifiableSortedMap(bySid);
    }

    /**
     * The vector of these CSNs, at most one per server ID.
     *
     * @throws IllegalArgumentException when two have the same server ID
     */
    public static CsnVector of(Collection<Csn> csns) {
        TreeMap<Integer, Csn> map = new TreeMap<>();
        for (Csn csn : csns) {
            Csn previous = map.put(csn.sid(), csn);
            if (previous != null) {
                throw new IllegalArgumentException("two CSNs of server ID " + csn.sid() + ": " + previous + ", " + csn);
            }
        }
        return map.isEmpty() ? EMPTY : new CsnVector(map);
    }

    public static CsnVector of(Csn... csns) {
        return of(List.of(csns));
    }

    /** The CSN of server ID {@code sid}, if the vector has one. */
    public Optional<Csn> get(int sid) {
        return Optional.ofNullable(bySid.get(sid));
    }

    /** This vector with {@code csn} as the value of its server ID, replacing any value there, even a newer one. */
    public CsnVector with(Csn csn) {
        TreeMap<Integer, Csn> map = new TreeMap<>(bySid);
        map.put(csn.sid(), csn);
        return new CsnVector(map);
    }

    /** The newer CSN of each server ID found in either vector: the state after applying both. */
    public CsnVector merge(CsnVector other) {
        TreeMap<Integer, Csn> map = new TreeMap<>(bySid);
        for (Csn csn : other.bySid.values()) {
            map.merge(csn.sid(), csn, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return new CsnVector(map);
    }

    /**
     * Whether this state includes everything {@code other} does: for each server ID of {@code other},
     * this vector has a CSN at least as new. Server IDs only this vector has do not matter; a
     * server ID it lacks that {@code other} has means no.
     */
    public boolean covers(CsnVector other) {
        for (Map.Entry<Integer, Csn> e : other.bySid.entrySet()) {
            Csn mine = bySid.get(e.getKey());
            if (mine == null || mine.compareTo(e.getValue()) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The newest CSN of all server IDs, if any. */
    public Optional<Csn> newest() {
        return bySid.values().stream().max(Csn::compareTo);
    }

    /** The CSNs in server ID order. */
    public List<Csn> csns() {
        return List.copyOf(bySid.values());
    }

    /** Server ID to CSN, sorted by server ID, unmodifiable. */
    public SortedMap<Integer, Csn> bySid() {
        return bySid;
    }

    public boolean isEmpty() {
        return bySid.isEmpty();
    }

    public int size() {
        return bySid.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsnVector v && bySid.equals(v.bySid);
    }

    @Override
    public int hashCode() {
        return bySid.hashCode();
    }

    /** The CSNs in server ID order, separated by {@code ;}, as in a cookie's {@code csn=} field. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(bySid.size() * (Csn.LENGTH + 1));
        for (Csn csn : bySid.values()) {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(csn);
        }
        return sb.toString();
    }
}
