package dev.linden.backend;

import java.util.Arrays;

/** A sorted set of entry IDs, for intersecting and joining index results. */
public final class IdSet {
    private final long[] ids;
    private final int size;

    private IdSet(long[] ids, int size) {
        this.ids = ids;
        this.size = size;
    }

    public static IdSet of(long... ids) {
        long[] copy = ids.clone();
        Arrays.sort(copy);
        int n = 0;
        for (int i = 0; i < copy.length; i++) {
            if (i == 0 || copy[i] != copy[i - 1]) {
                copy[n++] = copy[i];
            }
        }
        return new IdSet(copy, n);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long get(int i) {
        return ids[i];
    }

    public IdSet intersect(IdSet other) {
        long[] out = new long[Math.min(size, other.size)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < size && j < other.size) {
            long a = ids[i];
            long b = other.ids[j];
            if (a == b) {
                out[n++] = a;
                i++;
                j++;
            } else if (a < b) {
                i++;
            } else {
                j++;
            }
        }
        return new IdSet(out, n);
    }

    public IdSet union(IdSet other) {
        long[] out = new long[size + other.size];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < size || j < other.size) {
            long next;
            if (j >= other.size || (i < size && ids[i] <= other.ids[j])) {
                next = ids[i++];
                if (j < other.size && other.ids[j] == next) {
                    j++;
                }
            } else {
                next = other.ids[j++];
            }
            out[n++] = next;
        }
        return new IdSet(out, n);
    }

    /** Collects IDs that arrive in ascending order (as an index range yields them). */
    static final class Builder {
        private long[] ids = new long[16];
        private int size;
        private boolean sorted = true;

        void add(long id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            if (size > 0 && ids[size - 1] >= id) {
                sorted = false;
            }
            ids[size++] = id;
        }

        IdSet build() {
            if (!sorted) {
                return IdSet.of(Arrays.copyOf(ids, size));
            }
            return new IdSet(ids, size);
        }
    }
}
