package dev.linden.observability;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the CLDAP listener (LDAP over UDP) received, answered and dropped, and the bytes either way,
 * so the metrics and cn=Monitor show how much it answered and whether anyone tries to use it as a
 * reflector. Bytes out over bytes in is its amplification.
 */
public final class CldapStats {
    /** How a datagram was answered. */
    public enum Answer {
        /** an LDAP ping, with the NETLOGON value (or the entry without it, for another domain) */
        NETLOGON,
        /** a root DSE search, when the listener answers them */
        ROOT_DSE,
        /** anything else: a small unwillingToPerform, never larger than the request */
        REFUSED,
        /** an answer larger than the caps allow, replaced by a small adminLimitExceeded */
        CAPPED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why a datagram got no answer at all. */
    public enum Drop {
        /** larger than cldap.maxRequestBytes */
        OVERSIZED,
        /** its source address sent more than its token bucket allows */
        SOURCE_RATE,
        /** all sources together sent more than cldap.globalRate */
        GLOBAL_RATE,
        /** not one well-formed LDAP message */
        MALFORMED,
        /** an LDAP message other than a search (nothing to answer over UDP) */
        UNSUPPORTED,
        /** the root DSE queue was full */
        BUSY;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final LongAdder received = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder[] answers = adders(Answer.values().length);
    private final LongAdder[] drops = adders(Drop.values().length);
    private volatile boolean listening;

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    public void received(int bytes) {
        received.increment();
        bytesIn.add(bytes);
    }

    public void answered(Answer kind, int bytes) {
        answers[kind.ordinal()].increment();
        bytesOut.add(bytes);
    }

    public void dropped(Drop reason) {
        drops[reason.ordinal()].increment();
    }

    /** Set once the listener is bound: cn=Monitor shows the CLDAP entries only then. */
    public void listening(boolean on) {
        this.listening = on;
    }

    public boolean isListening() {
        return listening;
    }

    public long received() {
        return received.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    public long answers(Answer kind) {
        return answers[kind.ordinal()].sum();
    }

    public long drops(Drop reason) {
        return drops[reason.ordinal()].sum();
    }

    public long dropsTotal() {
        long n = 0;
        for (LongAdder a : drops) {
            n += a.sum();
        }
        return n;
    }
}
