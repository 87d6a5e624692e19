package dev.linden.model;

import java.util.List;

/**
 * A relative distinguished name: one or more AVAs, kept in the order slapd shows them (by type name,
 * then value), and the normalised form (AVAs sorted by normalised form, so multi-valued RDNs compare
 * equal in any order).
 */
public record Rdn(List<Ava> avas, String normalized) {
    public Rdn {
        avas = List.copyOf(avas);
    }

    /** The RDN as slapd returns it: each value as written, escaped by {@link DnSyntax#showValue}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Ava ava : avas) {
            if (!sb.isEmpty()) {
                sb.append('+');
            }
            sb.append(ava.type()).append('=');
            DnSyntax.showValue(ava.value(), sb);
        }
        return sb.toString();
    }

    public boolean hasAva(String normType, String normValue) {
        for (Ava ava : avas) {
            if (ava.normType().equals(normType) && ava.normValue().equals(normValue)) {
                return true;
            }
        }
        return false;
    }
}
