package dev.linden.backend;

import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What decoding records repeats, kept by the bytes it comes from, so that a search which decodes
 * thousands of entries builds it once: the parent part of their DNs (every user under
 * {@code ou=people,dc=example,dc=com} shares one) and the descriptions of their attribute types.
 * Direct-mapped by a hash of the bytes, a hit checked byte for byte; a miss decodes as without it.
 * Bounded (a few hundred slots each); safe for concurrent decoders.
 */
final class RecordDecoding {
    private static final int PARENTS = 1024;
    private static final int DESCRIPTIONS = 512;

    private record Parent(byte[] key, Dn dn) {}

    private record Description(byte[] key, AttributeDescription description) {}

    /** Decodes an encoded RDN sequence into a DN (the record format's business, not this cache's). */
    @FunctionalInterface
    interface DnDecoder {
        Dn decode(BerReader rdns) throws BerException, LdapException;
    }

    private final Schema schema;
    private final DnDecoder dns;
    private final AtomicReferenceArray<Parent> parents = new AtomicReferenceArray<>(PARENTS);
    private final AtomicReferenceArray<Description> descriptions = new AtomicReferenceArray<>(DESCRIPTIONS);

    RecordDecoding(Schema schema, DnDecoder dns) {
        this.schema = schema;
        this.dns = dns;
    }

    Schema schema() {
        return schema;
    }

    /** The DN whose encoded RDN sequence (leaf first, as records hold it) these bytes are. */
    Dn parent(byte[] buf, int offset, int length) throws BerException, LdapException {
        int index = Math.floorMod(hash(buf, offset, length), PARENTS);
        Parent p = parents.get(index);
        if (p != null && Arrays.equals(p.key(), 0, p.key().length, buf, offset, offset + length)) {
            return p.dn();
        }
        Dn dn = dns.decode(new BerReader(buf, offset, length));
        parents.set(index, new Parent(Arrays.copyOfRange(buf, offset, offset + length), dn));
        return dn;
    }

    /** The description an attribute's type (these UTF-8 bytes) names. */
    AttributeDescription description(byte[] buf, int offset, int length) throws BerException, LdapException {
        int index = Math.floorMod(hash(buf, offset, length), DESCRIPTIONS);
        Description d = descriptions.get(index);
        if (d != null && Arrays.equals(d.key(), 0, d.key().length, buf, offset, offset + length)) {
            return d.description();
        }
        AttributeDescription description = AttributeDescription.parse(utf8(buf, offset, length), schema);
        descriptions.set(index, new Description(Arrays.copyOfRange(buf, offset, offset + length), description));
        return description;
    }

    private static String utf8(byte[] buf, int offset, int length) throws BerException {
        try {
            return java.nio.charset.StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(buf, offset, length))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BerException("attribute type is not valid UTF-8");
        }
    }

    private static int hash(byte[] buf, int offset, int length) {
        int h = length;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + buf[i];
        }
        return h ^ (h >>> 16);
    }
}
