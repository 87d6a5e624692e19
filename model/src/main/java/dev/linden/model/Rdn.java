package dev.linden.model;

import java.util.List;

/** A relative distinguished name: one or more AVAs (sorted by normalised form, so multi-valued RDNs compare equal in any order). */
public record Rdn(List<Ava> avas, String normalized) {
    public Rdn {
        avas = List.copyOf(avas);
    }

    /** The RDN as written, escaped per RFC 4514. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Ava ava : avas) {
            if (!sb.isEmpty()) {
                sb.append('+');
            }
            sb.append(ava.type()).append('=');
            DnSyntax.escapeValue(ava.value(), sb);
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
