package dev.linden.protocol.sync;

import dev.linden.protocol.ber.BerWriter;
import java.util.Objects;

/**
 * Sync Info {@code newcookie}: the provider's state moved on without an entry to send (a change
 * outside the consumer's scope, a checkpoint); the consumer stores the cookie.
 *
 * @param cookie the new state, never null
 */
public record NewCookie(byte[] cookie) implements SyncInfo {
    public NewCookie {
        Objects.requireNonNull(cookie, "cookie");
    }

    @Override
    public byte[] encodeValue() {
        return new BerWriter(8 + cookie.length).octetString(NEW_COOKIE, cookie).toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewCookie n && SyncBer.sameCookie(cookie, n.cookie);
    }

    @Override
    public int hashCode() {
        return SyncBer.cookieHash(cookie);
    }

    @Override
    public String toString() {
        return "NewCookie[" + SyncBer.show(cookie) + "]";
    }
}
