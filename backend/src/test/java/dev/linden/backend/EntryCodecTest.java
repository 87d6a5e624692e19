package dev.linden.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.storage.StorageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stored form of an entry: a round trip, and the three sections a search copies from. */
class EntryCodecTest {
    private static final Schema SCHEMA = Schema.standard();
    private Entry entry;

    private static void put(Entry entry, String description, byte[]... values) throws LdapException {
        entry.put(new Attribute(AttributeDescription.parse(description, SCHEMA), List.of(values)));
    }

    private static void put(Entry entry, String description, String... values) throws LdapException {
        List<byte[]> bytes = new ArrayList<>();
        for (String v : values) {
            bytes.add(v.getBytes(UTF_8));
        }
        entry.put(new Attribute(AttributeDescription.parse(description, SCHEMA), bytes));
    }

    @BeforeEach
    void sample() throws LdapException {
        entry = new Entry(DnSyntax.parse("cn=Åsa Öberg\\, Jr+uid=asa,ou=People,dc=example,dc=com", SCHEMA));
        put(entry, "objectClass", "top", "person", "inetOrgPerson");
        put(entry, "cn", "Åsa Öberg, Jr");
        put(entry, "cn;lang-sv", "Åsa Öberg");
        put(entry, "sn", "Öberg");
        put(entry, "uid", "asa");
        put(entry, "description", "x".repeat(1000)); // long enough for multi-byte BER lengths
        put(entry, "jpegPhoto", new byte[] {0, (byte) 0xFF, 0x30, (byte) 0x84});
        put(entry, "userPassword", "{SSHA}abcdefgh");
        put(entry, "pwdHistory", "20240101000000Z#1.3.6.1.4.1.1466.115.121.1.40#6#secret");
        put(entry, "createTimestamp", "20240101120000Z");
        put(entry, "creatorsName", "cn=admin,dc=example,dc=com");
        put(entry, "entryUUID", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    }

    /** Attribute name to values, in order, for comparing entries. */
    private static Map<String, List<String>> contents(Entry e) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Attribute a : e.attributes()) {
            map.put(
                    a.description().toString(),
                    a.values().stream()
                            .map(v -> java.util.HexFormat.of().formatHex(v))
                            .toList());
        }
        return map;
    }

    /** The attribute names in a section, checking that it is valid PartialAttributeList contents. */
    private static Map<String, List<byte[]>> section(byte[] contents) throws BerException {
        Map<String, List<byte[]>> attributes = new LinkedHashMap<>();
        BerReader r = new BerReader(contents);
        while (r.hasMore()) {
            BerReader attribute = r.readSequence(BerTags.SEQUENCE);
            String type = attribute.readUtf8();
            BerReader set = attribute.readSequence(BerTags.SET);
            List<byte[]> values = new ArrayList<>();
            while (set.hasMore()) {
                values.add(set.readOctetString());
            }
            assertThat(attribute.hasMore()).as(type).isFalse();
            attributes.put(type, values);
        }
        return attributes;
    }

    @Test
    void roundTrip() {
        byte[] stored = EntryCodec.encode(entry);
        Entry decoded = EntryCodec.decode(stored, SCHEMA);

        assertThat(decoded.dn()).isEqualTo(entry.dn());
        assertThat(decoded.dn().toString()).isEqualTo(entry.dn().toString());
        assertThat(contents(decoded)).containsExactlyInAnyOrderEntriesOf(contents(entry));
        assertThat(decoded.get(AttributeDescription.tryParse("cn;lang-sv", SCHEMA)))
                .isNotNull();
        assertThat(decoded.get(SCHEMA.attributeType("jpegPhoto")).values().get(0))
                .containsExactly(0, 0xFF, 0x30, 0x84);
        // encoding the decoded entry gives the same bytes
        assertThat(EntryCodec.encode(decoded)).isEqualTo(stored);
    }

    @Test
    void emptyEntryAndRootDn() throws LdapException {
        Entry bare = new Entry(DnSyntax.parse("dc=com", SCHEMA));
        Entry decoded = EntryCodec.decode(EntryCodec.encode(bare), SCHEMA);
        assertThat(decoded.dn()).isEqualTo(bare.dn());
        assertThat(decoded.attributes()).isEmpty();

        EntryCodec.Stored s = EntryCodec.split(EntryCodec.encode(bare));
        assertThat(s.user()).isEmpty();
        assertThat(s.secret()).isEmpty();
        assertThat(s.operational()).isEmpty();
    }

    @Test
    void sectionsSeparateUserSecretAndOperationalAttributes() throws BerException {
        byte[] stored = EntryCodec.encode(entry);
        EntryCodec.Stored s = EntryCodec.split(stored);

        assertThat(stored[0]).isEqualTo(EntryCodec.VERSION);
        assertThat(s.dn()).isEqualTo(entry.dn().toString());
        Map<String, List<byte[]>> user = section(s.user());
        Map<String, List<byte[]>> secret = section(s.secret());
        Map<String, List<byte[]>> operational = section(s.operational());

        assertThat(user.keySet())
                .containsExactly("objectClass", "cn", "cn;lang-sv", "sn", "uid", "description", "jpegPhoto");
        assertThat(secret.keySet()).containsExactly("userPassword", "pwdHistory");
        assertThat(operational.keySet()).containsExactlyInAnyOrder("createTimestamp", "creatorsName", "entryUUID");
        assertThat(new String(secret.get("userPassword").get(0), UTF_8)).isEqualTo("{SSHA}abcdefgh");
        assertThat(user.get("objectClass"))
                .extracting(v -> new String(v, UTF_8))
                .containsExactly("top", "person", "inetOrgPerson");
        assertThat(new String(user.get("cn").get(0), UTF_8)).isEqualTo("Åsa Öberg, Jr");
        assertThat(user.get("description").get(0)).hasSize(1000);
        // no secret leaks into the section a search copies as it is
        assertThat(new String(s.user(), UTF_8)).doesNotContain("SSHA", "userPassword", "secret");
        assertThat(SCHEMA.secrets().types())
                .contains(SCHEMA.attributeType("userPassword"), SCHEMA.attributeType("pwdHistory"));
        // pwdHistory is operational, but a secret first: it stays out of the operational section
        assertThat(SCHEMA.attributeType("pwdHistory").isOperational()).isTrue();
        assertThat(new String(s.operational(), UTF_8)).doesNotContain("pwdHistory", "secret");
    }

    @Test
    void userSectionIsTheContentsOfAPartialAttributeList() throws BerException {
        byte[] user = EntryCodec.split(EntryCodec.encode(entry)).user();
        // wrapped in a SEQUENCE header it reads as one PartialAttributeList, as in a SearchResultEntry
        byte[] wrapped = new dev.linden.protocol.ber.BerWriter(user.length + 8)
                .begin(BerTags.SEQUENCE)
                .raw(user, 0, user.length)
                .end()
                .toByteArray();
        BerReader list = new BerReader(wrapped).readSequence(BerTags.SEQUENCE);
        int count = 0;
        while (list.hasMore()) {
            BerReader attribute = list.readSequence(BerTags.SEQUENCE);
            attribute.readUtf8();
            BerReader values = attribute.readSequence(BerTags.SET);
            assertThat(values.hasMore()).isTrue(); // no attribute without values
            while (values.hasMore()) {
                values.readOctetString();
            }
            count++;
        }
        assertThat(count).isEqualTo(7);
    }

    @Test
    void versionOneRecordsStillDecode() {
        // version 1: the DN as text only, then the three sections
        EntryCodec.Stored v2 = EntryCodec.split(EntryCodec.encode(entry));
        var w = new dev.linden.protocol.ber.BerWriter();
        w.raw(new byte[] {1}, 0, 1);
        w.string(v2.dn());
        w.octetString(v2.user()).octetString(v2.secret()).octetString(v2.operational());
        var decoded = EntryCodec.decode(w.toByteArray(), SCHEMA);
        assertThat(decoded.dn()).isEqualTo(entry.dn());
        assertThat(decoded.dn().toString()).isEqualTo(entry.dn().toString());
        assertThat(decoded.attributes()).hasSameSizeAs(entry.attributes());
        assertThat(EntryCodec.split(w.toByteArray()).user()).isEqualTo(v2.user());
    }

    @Test
    void recordsWrittenBeforeDnsWereShownInOneFormDecodeToIt() {
        // as records were written before: each AVA with the type as the client spelled it, in the order written
        List<dev.linden.model.Ava> avas = new ArrayList<>();
        for (dev.linden.model.Ava a : entry.dn().rdn().avas()) {
            avas.add(
                    0,
                    new dev.linden.model.Ava(
                            a.type().equals("cn") ? "2.5.4.3" : "UID", a.value(), a.normType(), a.normValue()));
        }
        Entry old = entry.copy();
        old.setDn(entry.dn()
                .parent()
                .child(new dev.linden.model.Rdn(avas, entry.dn().rdn().normalized())));
        assertThat(old.dn().toString()).startsWith("UID=asa+2.5.4.3=");

        Entry decoded = EntryCodec.decode(EntryCodec.encode(old), SCHEMA);
        assertThat(decoded.dn()).isEqualTo(entry.dn());
        assertThat(decoded.dn().toString()).isEqualTo("cn=Åsa Öberg\\2C Jr+uid=asa,ou=People,dc=example,dc=com");
    }

    @Test
    void unknownVersionOrCorruptRecordsAreStorageErrors() {
        byte[] stored = EntryCodec.encode(entry);
        byte[] otherVersion = stored.clone();
        otherVersion[0] = 9;
        assertThatThrownBy(() -> EntryCodec.split(otherVersion))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> EntryCodec.split(new byte[0])).isInstanceOf(StorageException.class);
        byte[] truncated = java.util.Arrays.copyOf(stored, stored.length / 2);
        assertThatThrownBy(() -> EntryCodec.decode(truncated, SCHEMA)).isInstanceOf(StorageException.class);
    }

    @Test
    void attributesTheSchemaNoLongerKnowsAreReportedWithTheDn() {
        // a record naming a type the schema does not define (as after a schema change)
        dev.linden.protocol.ber.BerWriter user = new dev.linden.protocol.ber.BerWriter(64);
        user.begin(BerTags.SEQUENCE)
                .string("gone")
                .begin(BerTags.SET)
                .octetString("x".getBytes(UTF_8))
                .end()
                .end();
        dev.linden.protocol.ber.BerWriter out = new dev.linden.protocol.ber.BerWriter(128);
        out.raw(new byte[] {EntryCodec.VERSION}, 0, 1);
        out.octetString(BerTags.OCTET_STRING, "dc=com".getBytes(UTF_8));
        out.octetString(BerTags.OCTET_STRING, user.array(), 0, user.size());
        out.octetString(BerTags.OCTET_STRING, new byte[0]);
        out.octetString(BerTags.OCTET_STRING, new byte[0]);

        assertThatThrownBy(() -> EntryCodec.decode(out.toByteArray(), SCHEMA))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("dc=com");
    }
}
