package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.EntryValidator;
import com.unboundid.ldap.sdk.schema.Schema;
import dev.linden.testkit.TestServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published schema as real clients read it, and schema files from a stock slapd loaded unchanged. */
class SchemaIT {
    @Test
    void unboundIdReadsTheSchemaAndTheDemoEntriesValidate() throws Exception {
        String demo;
        try (InputStream in = dev.linden.cli.Main.class.getResourceAsStream("demo.ldif")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (TestServer server = TestServer.memory().loadLdif(demo);
                LDAPConnection c = new LDAPConnection(
                        "127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            Schema schema = Schema.getSchema(c);
            assertThat(schema).isNotNull();
            AttributeTypeDefinition cn = schema.getAttributeType("cn");
            assertThat(cn.getSuperiorType()).isEqualTo("name");
            assertThat(schema.getObjectClass("inetOrgPerson").getSuperiorClasses())
                    .contains("organizationalPerson");
            assertThat(schema.getMatchingRule("caseIgnoreMatch")).isNotNull();
            assertThat(schema.getAttributeSyntax("1.3.6.1.4.1.1466.115.121.1.15"))
                    .isNotNull();
            assertThat(schema.getMatchingRuleUses()).isNotEmpty();
            EntryValidator validator = new EntryValidator(schema);
            List<SearchResultEntry> entries = c.search("dc=example,dc=com", SearchScope.SUB, "(objectClass=*)")
                    .getSearchEntries();
            assertThat(entries).hasSize(14);
            List<String> problems = new ArrayList<>();
            for (SearchResultEntry e : entries) {
                List<String> invalid = new ArrayList<>();
                validator.entryIsValid(e, invalid);
                // Linden never returns userPassword, so a class that requires it looks incomplete to a client
                invalid.removeIf(p -> p.equals("The entry is missing required attribute userPassword."));
                if (!invalid.isEmpty()) {
                    problems.add(e.getDN() + ": " + invalid);
                }
            }
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void ldapsearchReadsTheSubschemaEntry() throws Exception {
        try (TestServer server = TestServer.memory()) {
            var r = OpenLdapToolsIT.run(
                    null,
                    "ldapsearch",
                    "-x",
                    "-LLL",
                    "-H",
                    server.url(),
                    "-b",
                    "cn=Subschema",
                    "-s",
                    "base",
                    "(objectClass=*)",
                    "+");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out())
                    .contains(
                            "attributeTypes: ( 2.5.4.3 NAME ( 'cn' 'commonName' )",
                            "objectClasses: ( 2.16.840.1.113730.3.2.2 NAME 'inetOrgPerson'",
                            "ldapSyntaxes: ( ",
                            "matchingRules: ( 2.5.13.2 NAME 'caseIgnoreMatch'",
                            "matchingRuleUse: ( 2.5.13.2 ");
        }
    }

    @Test
    void stockSlapdSchemaFilesLoadUnchanged() throws Exception {
        Path dir = Path.of("/etc/ldap/schema");
        assertThat(dir)
                .as("Debian's slapd schema files (apt-get install -y slapd)")
                .isDirectory();
        List<String> files = new ArrayList<>();
        for (String name : List.of(
                "core",
                "cosine",
                "inetorgperson",
                "nis",
                "misc",
                "dyngroup",
                "duaconf",
                "java",
                "corba",
                "collective",
                "openldap",
                "namedobject",
                "pmi")) {
            Path f = dir.resolve(name + ".schema");
            if (Files.exists(f)) {
                files.add(f.toString());
            }
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        String yaml = "schemaFiles: [" + String.join(", ", files) + "]\n";
        try (TestServer server = TestServer.memory(yaml).loadResource("sample.ldif");
                LDAPConnection c = new LDAPConnection(
                        "127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            // misc.schema's inetLocalMailRecipient, usable at once
            c.add(
                    "uid=mailer,ou=people,dc=example,dc=com",
                    new Attribute("objectClass", "inetOrgPerson", "inetLocalMailRecipient"),
                    new Attribute("uid", "mailer"),
                    new Attribute("cn", "Mailer"),
                    new Attribute("sn", "M"),
                    new Attribute("mailLocalAddress", "postmaster@example.com"));
            assertThat(c.getEntry("uid=mailer,ou=people,dc=example,dc=com", "mailLocalAddress")
                            .getAttributeValue("mailLocalAddress"))
                    .isEqualTo("postmaster@example.com");
        }
    }

    @Test
    void aBrokenSchemaFileStopsTheStartWithFileLineAndReason() throws Exception {
        Path bad = Files.createTempFile("broken", ".schema");
        Files.writeString(bad, """
                # a local schema with a typo
                attributetype ( 1.3.6.1.4.1.99999.1.1 NAME 'badgeNumber'
                    EQUALITY caseIgnoreMatch
                    SUP nonExistentType )
                """);
        assertThatThrownBy(() -> TestServer.memory("schemaFiles: [" + bad + "]\n"))
                .hasMessageContaining(bad + ":2")
                .hasMessageContaining("nonExistentType");
    }
}
