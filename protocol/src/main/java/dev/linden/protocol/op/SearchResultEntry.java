package dev.linden.protocol.op;

import dev.linden.protocol.PartialAttribute;
import java.util.List;

/**
 * An entry returned by a search. A server may hand over the attribute list already BER-encoded
 * ({@code encodedAttributes}: the PartialAttributeList's contents, its attributes' encodings one
 * after another, without the SEQUENCE's tag and length) instead of as records, so an entry read from
 * storage reaches the socket with a single copy of its stored section; the attributes are then not
 * listed.
 */
public record SearchResultEntry(String dn, List<PartialAttribute> attributes, byte[] encodedAttributes)
        implements ProtocolOp {
    public SearchResultEntry(String dn, List<PartialAttribute> attributes) {
        this(dn, attributes, null);
    }
}
