package dev.linden.backend.cycle;

/** The other half of the deliberate cycle. */
public final class Pong {
    int back(Ping ping) {
        return ping == null ? 0 : 1;
    }
}
