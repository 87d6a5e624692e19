package dev.linden.core.sasl;

import dev.linden.model.Dn;

/** Who a client is, once authenticated or authorized: an entry's DN, or the administrator (rootDn). */
public record Identity(Dn dn, boolean administrator) {
    public static final Identity ANONYMOUS = new Identity(Dn.ROOT, false);

    public boolean isAnonymous() {
        return dn.isRoot();
    }
}
