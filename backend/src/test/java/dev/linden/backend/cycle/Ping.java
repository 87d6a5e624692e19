package dev.linden.backend.cycle;

/** Half of a deliberate cycle, for {@code ClassCyclesTest} to find. */
public final class Ping {
    int hits(Pong pong) {
        return pong.back(this) + new Leaf().one();
    }
}
