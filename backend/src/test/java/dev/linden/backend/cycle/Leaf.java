package dev.linden.backend.cycle;

/** Used by one side of the cycle only: never part of it. */
final class Leaf {
    int one() {
        return 1;
    }
}
