package dev.linden.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decoding with the caches of parent DNs and attribute descriptions gives what decoding without
 * them gives, also when more parents and descriptions pass than the caches have slots (so that
 * slots are shared and replaced).
 */
class RecordDecodingTest {
    private static final Schema SCHEMA = Schema.standard();
    private static final String[] TYPES = {
        "cn",
        "CN",
        "cn;lang-de",
        "sn",
        "description",
        "Description;x-a",
        "mail",
        "2.5.4.4",
        "telephoneNumber",
        "givenName"
    };

    private static byte[] record(int i) throws Exception {
        String dn = "uid=u" + i + "+cn=C " + i + ",ou=dept." + (i % 3000) + ",o=Org " + (i % 7) + ",dc=example,dc=com";
        Entry e = new Entry(DnSyntax.parse(dn, SCHEMA));
        e.put(attribute("objectClass", "inetOrgPerson"));
        for (int t = 0; t < 3; t++) {
            String type = TYPES[(i + t * 3) % TYPES.length] + (i % 5 == 0 ? ";x-opt" + (i % 1500) : "");
            e.put(attribute(type, "value " + i + "/" + t));
        }
        return EntryCodec.encode(e);
    }

    private static Attribute attribute(String type, String value) throws Exception {
        return new Attribute(AttributeDescription.parse(type, SCHEMA), List.of(value.getBytes(UTF_8)));
    }

    /** Everything a reader of the entry sees: the DN in both forms, each description and its values. */
    private static List<String> seen(Entry e) {
        List<String> out = new ArrayList<>();
        out.add(e.dn().toString());
        out.add(e.dn().normalized());
        out.add(String.valueOf(e.dn().size()));
        for (Attribute a : e.attributes()) {
            out.add(a.description().toString() + " " + a.description().type().oid());
            for (byte[] v : a.values()) {
                out.add(new String(v, UTF_8));
            }
        }
        return out;
    }

    @Test
    void givesWhatDecodingWithoutItGives() throws Exception {
        RecordDecoding decoding = EntryCodec.recordDecoding(SCHEMA);
        for (int round = 0; round < 2; round++) { // the second round reads from filled caches
            for (int i = 0; i < 6000; i++) {
                byte[] record = record(i);
                Entry cached = EntryCodec.decodeAll(record, SCHEMA, decoding).entry();
                Entry plain = EntryCodec.decodeAll(record, SCHEMA).entry();
                assertThat(seen(cached)).as("record %d", i).isEqualTo(seen(plain));
                assertThat(cached.dn().parent()).isEqualTo(plain.dn().parent());
            }
        }
    }
}
