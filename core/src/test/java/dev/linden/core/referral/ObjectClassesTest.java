package dev.linden.core.referral;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.schema.Schema;
import dev.linden.model.schema.SchemaBuilder;
import dev.linden.model.schema.SchemaLoader;
import org.junit.jupiter.api.Test;

/** An entry is of a class however its objectClass values spell it: any case, by OID, or a subclass. */
class ObjectClassesTest {
    @Test
    void classesAreKnownByEverySpellingAndBySubclass() throws Exception {
        SchemaBuilder builder = new SchemaBuilder();
        SchemaLoader.addBundled(builder);
        SchemaLoader.addText(
                builder,
                "objectclass ( 1.3.6.1.4.1.99999.7.1 NAME ( 'siteReferral' 'siteRef' ) SUP referral STRUCTURAL )\n",
                "test.schema");
        Schema schema = builder.build();
        ObjectClasses referrals = new ObjectClasses(schema, "referral");

        assertThat(referrals.isA(entry(schema, "top", "referral"))).isTrue();
        assertThat(referrals.isA(entry(schema, "top", "REFERRAL"))).isTrue();
        assertThat(referrals.isA(entry(schema, "top", "2.16.840.1.113730.3.2.6")))
                .isTrue();
        assertThat(referrals.isA(entry(schema, " Referral "))).isTrue();
        assertThat(referrals.isA(entry(schema, "top", "SiteRef"))).isTrue();
        assertThat(referrals.isA(entry(schema, "top", "1.3.6.1.4.1.99999.7.1"))).isTrue();

        assertThat(referrals.isA(entry(schema, "top", "person", "inetOrgPerson")))
                .isFalse();
        assertThat(referrals.isA(entry(schema, "top", "referrals"))).isFalse();
        assertThat(referrals.isA(entry(schema, "top", "r\u00e9ferral"))).isFalse();
        assertThat(referrals.isA(new Entry(Dn.ROOT))).isFalse();
        assertThat(new ObjectClasses(schema, "noSuchClass").isA(entry(schema, "referral")))
                .isFalse();
    }

    private static Entry entry(Schema schema, String... classes) throws Exception {
        Entry e = new Entry(DnSyntax.parse("cn=x,dc=example,dc=com", schema));
        e.put(schema.attributeType("objectClass"), classes);
        return e;
    }
}
