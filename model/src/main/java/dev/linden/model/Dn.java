package dev.linden.model;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A distinguished name, leaf RDN first. Equality and hashing use the normalised form only, so
 * {@code UID=Alice, OU=People} equals {@code uid=alice,ou=people} when uid and ou ignore case.
 * Built by {@link DnSyntax#parse}, which needs the schema to normalise values.
 */
public final class Dn {
    public static final Dn ROOT = new Dn(List.of());

    private final List<Rdn> rdns;
    private final String normalized;
    /** The DN this one was made a child of ({@link #child}), whose shown form its own extends; or null. */
    private final Dn parent;

    private String display;

    public Dn(List<Rdn> rdns) {
        this.rdns = List.copyOf(rdns);
        StringBuilder sb = new StringBuilder();
        for (Rdn rdn : this.rdns) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(rdn.normalized());
        }
        this.normalized = sb.toString();
        this.parent = null;
    }

    private Dn(List<Rdn> rdns, String normalized, Dn parent) {
        this.rdns = rdns;
        this.normalized = normalized;
        this.parent = parent;
    }

    public List<Rdn> rdns() {
        return rdns;
    }

    public boolean isRoot() {
        return rdns.isEmpty();
    }

    public int size() {
        return rdns.size();
    }

    public Rdn rdn() {
        return rdns.isEmpty() ? null : rdns.get(0);
    }

    /** The parent DN, or null for the root. */
    public Dn parent() {
        return rdns.isEmpty() ? null : new Dn(rdns.subList(1, rdns.size()));
    }

    /**
     * The DN of {@code rdn} below this one. Built from this one's parts rather than anew, as entries
     * are decoded (their parents shared): its normalised form extends this one's, and its shown form
     * will too.
     */
    public Dn child(Rdn rdn) {
        Rdn[] list = new Rdn[rdns.size() + 1];
        list[0] = rdn;
        for (int i = 0; i < rdns.size(); i++) {
            list[i + 1] = rdns.get(i);
        }
        String norm = rdns.isEmpty() ? rdn.normalized() : rdn.normalized() + ',' + normalized;
        return new Dn(List.of(list), norm, this);
    }

    /** True when this DN is {@code ancestor} or lies below it. */
    public boolean isWithin(Dn ancestor) {
        int offset = rdns.size() - ancestor.rdns.size();
        if (offset < 0) {
            return false;
        }
        for (int i = 0; i < ancestor.rdns.size(); i++) {
            if (!rdns.get(offset + i).normalized().equals(ancestor.rdns.get(i).normalized())) {
                return false;
            }
        }
        return true;
    }

    /** Replaces the {@code oldBase} suffix of this DN with {@code newBase} (for subtree renames). */
    public Dn rebase(Dn oldBase, Dn newBase) {
        var list = new java.util.ArrayList<Rdn>(rdns.subList(0, rdns.size() - oldBase.size()));
        list.addAll(newBase.rdns);
        return new Dn(list);
    }

    public String normalized() {
        return normalized;
    }

    /**
     * The storage key: normalised RDNs from the root down, separated by a zero byte, so that the
     * whole subtree of a DN is the key range that starts with its key plus the separator.
     */
    public byte[] key() {
        StringBuilder sb = new StringBuilder();
        for (int i = rdns.size() - 1; i >= 0; i--) {
            sb.append(rdns.get(i).normalized());
            if (i > 0) {
                sb.append('\0');
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dn other && other.normalized.equals(normalized);
    }

    @Override
    public int hashCode() {
        return normalized.hashCode();
    }

    /** The DN as shown to clients, as slapd shows it: values as written, types by name (see {@link DnSyntax}). */
    @Override
    public String toString() {
        String d = display;
        if (d == null && parent != null) {
            d = parent.rdns.isEmpty() ? rdns.get(0).toString() : rdns.get(0) + "," + parent;
            display = d;
        } else if (d == null) {
            StringBuilder sb = new StringBuilder();
            for (Rdn rdn : rdns) {
                if (!sb.isEmpty()) {
                    sb.append(',');
                }
                sb.append(rdn);
            }
            display = d = sb.toString();
        }
        return d;
    }
}
