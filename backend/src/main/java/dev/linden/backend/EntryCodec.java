package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Ava;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.Rdn;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import dev.linden.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The stored form of an entry (version 2): the DN as shown to clients (informative: reading uses the
 * structure that follows), the DN's RDNs (each AVA's type and value as shown, with their normalised
 * forms, so reading an entry never runs matching rules again), then the attributes as the BER
 * contents of an LDAP PartialAttributeList in three sections: ordinary user attributes, secret
 * attributes (those the schema flags, {@code AttributeType.isSecret}: userPassword, pwdHistory and the
 * like, user or operational) and the other operational attributes. A search that returns all
 * ordinary attributes copies the first section into the response as it is.
 *
 * <p>Version 3 is version 2 followed by a fourth section: the descriptions of the attributes whose
 * values are kept in {@link Id2Values} (a huge group's members), which the three sections leave out.
 * An entry without such attributes is still written as version 2.
 */
public final class EntryCodec {
    /**
     * The room a decoded entry's attribute table starts with: a person entry has 20 to 30 attributes
     * with its operational ones, and growing the table from the default 16 twice cost about 1% of a
     * search's CPU.
     */
    private static final int USUAL_ATTRIBUTES = 32;

    static final byte VERSION = 2;
    /** Version 2 and the list of attributes whose values are kept apart. */
    static final byte VERSION_3 = 3;
    /** The first format: the DN as text only, normalised again on every read. Still read. */
    static final byte VERSION_1 = 1;

    private EntryCodec() {}

    /** The three sections of a stored entry, each the contents of a PartialAttributeList (no outer header). */
    public record Stored(String dn, byte[] user, byte[] secret, byte[] operational) {}

    /** A decoded record: the entry without the attributes kept apart, and their descriptions. */
    record Decoded(Entry entry, List<AttributeDescription> apart) {}

    public static byte[] encode(Entry entry) {
        return encode(entry, Set.of());
    }

    /**
     * The record of an entry whose attributes with these description keys keep their values apart
     * (in {@link Id2Values}): the record names them and holds none of their values.
     */
    static byte[] encode(Entry entry, Set<String> apart) {
        BerWriter user = new BerWriter(512);
        BerWriter secret = new BerWriter(64);
        BerWriter operational = new BerWriter(256);
        BerWriter names = apart.isEmpty() ? null : new BerWriter(32);
        for (Attribute a : entry.attributes()) {
            if (names != null && apart.contains(a.description().key())) {
                names.string(a.description().given());
                continue;
            }
            // secrets first: pwdHistory is operational, yet must never be copied out with the operational section
            BerWriter w = a.description().type().isSecret()
                    ? secret
                    : a.description().type().isOperational() ? operational : user;
            w.begin(BerTags.SEQUENCE).string(a.description().given()).begin(BerTags.SET);
            for (byte[] v : a.values()) {
                w.octetString(v);
            }
            w.end().end();
        }
        byte[] dn = entry.dn().toString().getBytes(StandardCharsets.UTF_8);
        BerWriter out = new BerWriter(3 * dn.length
                + user.size()
                + secret.size()
                + operational.size()
                + (names == null ? 0 : names.size())
                + 64);
        out.raw(new byte[] {names == null ? VERSION : VERSION_3}, 0, 1);
        out.octetString(BerTags.OCTET_STRING, dn);
        out.begin(BerTags.SEQUENCE);
        for (Rdn rdn : entry.dn().rdns()) {
            out.begin(BerTags.SEQUENCE);
            for (Ava ava : rdn.avas()) {
                out.begin(BerTags.SEQUENCE)
                        .string(ava.type())
                        .string(ava.value())
                        .string(ava.normType())
                        .string(ava.normValue())
                        .end();
            }
            out.end();
        }
        out.end();
        out.octetString(BerTags.OCTET_STRING, user.array(), 0, user.size());
        out.octetString(BerTags.OCTET_STRING, secret.array(), 0, secret.size());
        out.octetString(BerTags.OCTET_STRING, operational.array(), 0, operational.size());
        if (names != null) {
            out.octetString(BerTags.OCTET_STRING, names.array(), 0, names.size());
        }
        return out.toByteArray();
    }

    /** Whether the record names attributes whose values are kept apart (version 3). */
    static boolean hasApart(byte[] stored) {
        return stored.length > 0 && stored[0] == VERSION_3;
    }

    public static Stored split(byte[] stored) {
        try {
            BerReader r = reader(stored);
            String dn = r.readUtf8();
            if (stored[0] != VERSION_1) {
                r.skipElement(); // the DN's structure
            }
            return new Stored(dn, r.readOctetString(), r.readOctetString(), r.readOctetString());
        } catch (BerException e) {
            throw new StorageException("corrupt entry record: " + e.getMessage());
        }
    }

    private static BerReader reader(byte[] stored) {
        if (stored.length == 0 || (stored[0] != VERSION && stored[0] != VERSION_1 && stored[0] != VERSION_3)) {
            throw new StorageException("unknown entry format version " + (stored.length == 0 ? -1 : stored[0]));
        }
        return new BerReader(stored, 1, stored.length - 1);
    }

    /** The entry a record holds, without the attributes it keeps apart (see {@link #decodeAll}). */
    public static Entry decode(byte[] stored, Schema schema) {
        return decodeAll(stored, schema).entry();
    }

    static Decoded decodeAll(byte[] stored, Schema schema) {
        return decodeAll(stored, schema, null);
    }

    /**
     * A decoder of records that keeps what they repeat (parent DNs, attribute descriptions) between
     * calls, as the entry cache's decoding does; for benchmarks of that path.
     */
    public static java.util.function.Function<byte[], Entry> cachingDecoder(Schema schema) {
        RecordDecoding decoding = recordDecoding(schema);
        return record -> decodeAll(record, schema, decoding).entry();
    }

    /** The caches of what records repeat, decoding DNs as this format writes them. */
    static RecordDecoding recordDecoding(Schema schema) {
        return new RecordDecoding(schema, rdns -> dn(rdns, schema));
    }

    /**
     * The entry a record holds, and the descriptions of the attributes it keeps apart. With
     * {@code decoding}, the parent part of the DN and the attribute descriptions come from its caches.
     */
    static Decoded decodeAll(byte[] stored, Schema schema, RecordDecoding decoding) {
        try {
            BerReader r = reader(stored);
            Dn dn;
            if (stored[0] == VERSION_1) {
                dn = DnSyntax.parse(r.readUtf8(), schema);
            } else {
                r.skipElement(); // the DN's text, for tools and errors: the RDNs that follow are read instead
                dn = decoding == null
                        ? dn(r.readSequence(BerTags.SEQUENCE), schema)
                        : dn(r.readSequence(BerTags.SEQUENCE), decoding);
            }
            Entry entry = new Entry(dn, USUAL_ATTRIBUTES);
            for (int i = 0; i < 3; i++) {
                BerReader section = r.readSequence(BerTags.OCTET_STRING); // the section in place, not copied
                readAttributes(section, entry, schema, decoding);
            }
            if (stored[0] != VERSION_3) {
                return new Decoded(entry, List.of());
            }
            List<AttributeDescription> apart = new ArrayList<>(1);
            BerReader names = new BerReader(r.readOctetString());
            while (names.hasMore()) {
                apart.add(AttributeDescription.parse(names.readUtf8(), schema));
            }
            return new Decoded(entry, List.copyOf(apart));
        } catch (BerException | LdapException e) {
            throw new StorageException("corrupt entry record " + shownDn(stored) + ": " + e.getMessage());
        }
    }

    /** The DN text a record starts with, to name a record found damaged ("?" when even that is). */
    private static String shownDn(byte[] stored) {
        try {
            return reader(stored).readUtf8();
        } catch (BerException | RuntimeException e) {
            return "?";
        }
    }

    /** The DN of the RDN structure of a record (leaf first). */
    static Dn dn(BerReader rdns, Schema schema) throws BerException, LdapException {
        List<Rdn> list = new ArrayList<>(4);
        while (rdns.hasMore()) {
            list.add(rdn(rdns.readSequence(BerTags.SEQUENCE), schema));
        }
        return new Dn(list);
    }

    /** As {@link #dn(BerReader, Schema)}: the leaf RDN decoded, its parent from the cache. */
    private static Dn dn(BerReader rdns, RecordDecoding decoding) throws BerException, LdapException {
        if (!rdns.hasMore()) {
            return new Dn(List.of());
        }
        Rdn leaf = rdn(rdns.readSequence(BerTags.SEQUENCE), decoding.schema());
        Dn parent = rdns.readRest(decoding::parent);
        return parent.child(leaf);
    }

    private static Rdn rdn(BerReader rdn, Schema schema) throws BerException, LdapException {
        List<Ava> avas = new ArrayList<>(1);
        while (rdn.hasMore()) {
            BerReader ava = rdn.readSequence(BerTags.SEQUENCE);
            String type = ava.readUtf8();
            String value = ava.readUtf8();
            String normType = ava.readUtf8();
            avas.add(new Ava(shownType(type, normType, schema), value, normType, ava.readUtf8()));
        }
        return DnSyntax.makeRdn(avas);
    }

    /**
     * The type's name as the schema gives it: records written before DNs were shown in one form hold
     * the type as the client spelled it ({@code CN}, {@code 2.5.4.3}).
     */
    private static String shownType(String stored, String normType, Schema schema) {
        var type = schema.attributeType(normType);
        return type == null ? stored : type.displayName();
    }

    private static void readAttributes(BerReader r, Entry entry, Schema schema, RecordDecoding decoding)
            throws BerException, LdapException {
        while (r.hasMore()) {
            BerReader attr = r.readSequence(BerTags.SEQUENCE);
            AttributeDescription description = decoding == null
                    ? AttributeDescription.parse(attr.readUtf8(), schema)
                    : attr.readSlice(BerTags.OCTET_STRING, decoding::description);
            BerReader set = attr.readSequence(BerTags.SET);
            List<byte[]> values = new ArrayList<>();
            while (set.hasMore()) {
                values.add(set.readOctetString());
            }
            entry.put(new Attribute(description, values));
        }
    }
}
