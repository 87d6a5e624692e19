package dev.linden.observability.security;

import java.util.Arrays;

/**
 * The distinct accounts (by a 64-bit hash of the name) seen within a window, each with when it was
 * last seen; at most {@code cap}, in arrays that start small and double as needed, so an address
 * that binds as one account costs a few bytes. Not thread-safe: its owner synchronises.
 */
final class RecentAccounts {
    private final int cap;
    private long[] accounts = new long[2];
    private long[] times = new long[2];
    private int size;

    RecentAccounts(int cap) {
        this.cap = Math.max(1, cap);
    }

    /** Records an account seen at {@code now}; returns the distinct accounts within the window (at most the cap). */
    int add(long account, long now, long window) {
        prune(now, window);
        for (int i = 0; i < size; i++) {
            if (accounts[i] == account) {
                times[i] = now;
                return size;
            }
        }
        if (size < cap) {
            if (size == accounts.length) {
                int grown = Math.min(cap, size * 2);
                accounts = Arrays.copyOf(accounts, grown);
                times = Arrays.copyOf(times, grown);
            }
            accounts[size] = account;
            times[size++] = now;
        }
        return size;
    }

    /** The distinct accounts within the window. */
    int count(long now, long window) {
        prune(now, window);
        return size;
    }

    private void prune(long now, long window) {
        int live = 0;
        for (int i = 0; i < size; i++) { // drop the expired, keep the order
            if (now - times[i] < window) {
                accounts[live] = accounts[i];
                times[live++] = times[i];
            }
        }
        size = live;
    }
}
