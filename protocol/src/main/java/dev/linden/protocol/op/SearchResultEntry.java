package dev.linden.protocol.op;

import dev.linden.protocol.PartialAttribute;
import java.util.List;

/**
 * An entry returned by a search. A server may hand over the attribute list already BER-encoded
 * ({@code encodedAttributes}, the PartialAttributeList SEQUENCE whole) instead of as records, so an
 * entry read from storage reaches the socket with a single copy; exactly one of the two is set.
 */
public record SearchResultEntry(String dn, List<PartialAttribute> attributes, byte[] encodedAttributes)
        implements ProtocolOp {
    public SearchResultEntry(String dn, List<PartialAttribute> attributes) {
        this(dn, attributes, null);
    }
}
