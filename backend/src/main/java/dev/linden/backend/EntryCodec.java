package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
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
 * The stored form of an entry (version 1): the DN, then the attributes as the BER contents of an
 * LDAP PartialAttributeList in three sections: ordinary user attributes, secret attributes
 * (userPassword, pwdHistory and the like, user or operational) and the other operational
 * attributes. A search that returns all ordinary attributes copies the first section into the
 * response as it is.
 */
public final class EntryCodec {
    static final byte VERSION = 1;
    /** Attribute types kept apart because nobody but the server reads them. */
    static final Set<String> SECRET = Set.of("userpassword", "pwdhistory", "authpassword");

    private EntryCodec() {
    }

    /** The three sections of a stored entry, each the contents of a PartialAttributeList (no outer header). */
    public record Stored(String dn, byte[] user, byte[] secret, byte[] operational) {
    }

    public static byte[] encode(Entry entry) {
        BerWriter user = new BerWriter(512);
        BerWriter secret = new BerWriter(64);
        BerWriter operational = new BerWriter(256);
        for (Attribute a : entry.attributes()) {
            // secrets first: pwdHistory is operational, yet must never be copied out with the operational section
            BerWriter w = SECRET.contains(a.description().type().name()) ? secret
                    : a.description().type().isOperational() ? operational : user;
            w.begin(BerTags.SEQUENCE).string(a.description().given()).begin(BerTags.SET);
            for (byte[] v : a.values()) {
                w.octetString(v);
            }
            w.end().end();
        }
        byte[] dn = entry.dn().toString().getBytes(StandardCharsets.UTF_8);
        BerWriter out = new BerWriter(dn.length + user.size() + secret.size() + operational.size() + 32);
        out.raw(new byte[] {VERSION}, 0, 1);
        out.octetString(BerTags.OCTET_STRING, dn);
        out.octetString(BerTags.OCTET_STRING, user.array(), 0, user.size());
        out.octetString(BerTags.OCTET_STRING, secret.array(), 0, secret.size());
        out.octetString(BerTags.OCTET_STRING, operational.array(), 0, operational.size());
        return out.toByteArray();
    }

    public static Stored split(byte[] stored) {
        try {
            if (stored.length == 0 || stored[0] != VERSION) {
                throw new StorageException("unknown entry format version " + (stored.length == 0 ? -1 : stored[0]));
            }
            BerReader r = new BerReader(stored, 1, stored.length - 1);
            String dn = r.readUtf8();
            return new Stored(dn, r.readOctetString(), r.readOctetString(), r.readOctetString());
        } catch (BerException e) {
            throw new StorageException("corrupt entry record: " + e.getMessage());
        }
    }

    public static Entry decode(byte[] stored, Schema schema) {
        Stored s = split(stored);
        try {
            Entry entry = new Entry(DnSyntax.parse(s.dn(), schema));
            for (byte[] section : List.of(s.user(), s.secret(), s.operational())) {
                BerReader r = new BerReader(section);
                while (r.hasMore()) {
                    BerReader attr = r.readSequence(BerTags.SEQUENCE);
                    String type = attr.readUtf8();
                    BerReader set = attr.readSequence(BerTags.SET);
                    List<byte[]> values = new ArrayList<>();
                    while (set.hasMore()) {
                        values.add(set.readOctetString());
                    }
                    entry.put(new Attribute(AttributeDescription.parse(type, schema), values));
                }
            }
            return entry;
        } catch (BerException | LdapException e) {
            throw new StorageException("corrupt entry record " + s.dn() + ": " + e.getMessage());
        }
    }
}
