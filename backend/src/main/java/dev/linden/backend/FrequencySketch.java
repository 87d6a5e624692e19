package dev.linden.backend;

/**
 * How often each entry ID was read lately, approximately: a count-min sketch of 4-bit counters (four
 * counters per ID, the smallest is the estimate) that halves every counter after a sample of reads,
 * so old popularity fades. The decoded-entry cache admits an entry only when it is read more often
 * than the one it would replace (TinyLFU's admission). Updates race without locks: a lost increment
 * only blurs an estimate.
 */
final class FrequencySketch {
    private static final long SEED_1 = 0x9E3779B97F4A7C15L;
    private static final long SEED_2 = 0xC2B2AE3D27D4EB4FL;

    private final byte[] counters; // two 4-bit counters per byte
    private final int mask; // over counter positions
    private final int sampleSize;
    private int additions;

    /** @param capacity the number of entries whose frequencies matter (the cache's slots) */
    FrequencySketch(int capacity) {
        int positions =
                Integer.highestOneBit(Math.max(64, capacity) * 8 - 1) << 1; // 8 counters per entry, a power of 2
        this.counters = new byte[positions / 2];
        this.mask = positions - 1;
        this.sampleSize = 10 * Math.max(64, capacity);
    }

    /** Counts one read of {@code id}. */
    void increment(long id) {
        long h1 = mix(id, SEED_1);
        long h2 = mix(id, SEED_2);
        for (int i = 0; i < 4; i++) {
            add((int) (h1 + i * h2) & mask);
        }
        if (++additions >= sampleSize) {
            age();
        }
    }

    /** The estimated reads of {@code id} since the counters were last halved, 0 to 15. */
    int frequency(long id) {
        long h1 = mix(id, SEED_1);
        long h2 = mix(id, SEED_2);
        int min = 15;
        for (int i = 0; i < 4; i++) {
            min = Math.min(min, get((int) (h1 + i * h2) & mask));
        }
        return min;
    }

    private int get(int position) {
        return (counters[position >>> 1] >>> ((position & 1) << 2)) & 0xF;
    }

    private void add(int position) {
        int shift = (position & 1) << 2;
        int b = counters[position >>> 1];
        if (((b >>> shift) & 0xF) < 15) {
            counters[position >>> 1] = (byte) (b + (1 << shift));
        }
    }

    /** Halves every counter: frequencies fade, so a once-hot entry gives way to what is read now. */
    private void age() {
        additions = 0;
        for (int i = 0; i < counters.length; i++) {
            counters[i] = (byte) ((counters[i] >>> 1) & 0x77);
        }
    }

    private static long mix(long id, long seed) {
        long z = (id + seed) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 29) | 1; // odd: the four positions h1 + i*h2 differ
    }
}
