package dev.linden.core.txn;

import dev.linden.core.OperationContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An LDAP transaction (RFC 5805) between its start and its end: its identifier and the update requests
 * sent under it so far, in order, each as it arrived (with its context: who sent it).
 */
public final class PendingTransaction {
    private final byte[] id;
    private final List<OperationContext> updates = new ArrayList<>();

    PendingTransaction(byte[] id) {
        this.id = id.clone();
    }

    public boolean is(byte[] other) {
        return Arrays.equals(id, other);
    }

    byte[] id() {
        return id.clone();
    }

    synchronized int size() {
        return updates.size();
    }

    synchronized void add(OperationContext update) {
        updates.add(update);
    }

    synchronized List<OperationContext> updates() {
        return List.copyOf(updates);
    }
}
