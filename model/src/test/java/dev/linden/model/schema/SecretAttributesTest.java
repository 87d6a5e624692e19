package dev.linden.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The secret attribute types are declared once, by OID, and everything else reads the schema's flag. */
class SecretAttributesTest {
    private static final Schema SCHEMA = Schema.standard();

    @Test
    void theBundledSchemaFlagsExactlyTheDeclaredTypes() {
        assertThat(SCHEMA.secrets().types())
                .extracting(AttributeType::displayName)
                .containsExactlyInAnyOrder("userPassword", "authPassword", "pwdHistory", "lindenCsnState");
        assertThat(SCHEMA.attributeTypes().stream()
                        .filter(AttributeType::isSecret)
                        .count())
                .isEqualTo(4);
        assertThat(SCHEMA.attributeType("2.5.4.35").isSecret()).isTrue();
        // near neighbours are not secrets: the policy's settings, a password's change time, other octet strings
        assertThat(SCHEMA.attributeType("pwdInHistory").isSecret()).isFalse();
        assertThat(SCHEMA.attributeType("pwdChangedTime").isSecret()).isFalse();
        assertThat(SCHEMA.attributeType("userCertificate").isSecret()).isFalse();
    }

    @Test
    void aTypeIsSecretByItsOidWhateverASchemaCallsIt() throws SchemaException {
        SchemaBuilder builder = new SchemaBuilder();
        SchemaLoader.addText(builder, """
                ldapSyntaxes: ( 1.3.6.1.4.1.1466.115.121.1.40 DESC 'Octet String' )
                matchingRules: ( 2.5.13.17 NAME 'octetStringMatch' SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 )
                attributeTypes: ( 2.5.4.35 NAME 'secretWord' EQUALITY octetStringMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 )
                attributeTypes: ( 1.2.3.4.5 NAME 'plainWord' EQUALITY octetStringMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 )
                """, "renamed.ldif");
        Schema renamed = builder.build();
        assertThat(renamed.attributeType("secretWord").isSecret()).isTrue();
        assertThat(renamed.attributeType("plainWord").isSecret()).isFalse();
        assertThat(renamed.secrets().isSecret("SecretWord;binary")).isTrue();
        // the declared names are recognised in text even where this schema lacks the types
        assertThat(renamed.secrets().isSecret("pwdHistory")).isTrue();
        assertThat(renamed.secrets().isSecret("plainWord")).isFalse();
    }

    @Test
    void namesAsClientsWriteThem() {
        SecretAttributes secrets = SCHEMA.secrets();
        assertThat(secrets.isSecret("userPassword")).isTrue();
        assertThat(secrets.isSecret(" USERPASSWORD;binary ")).isTrue();
        assertThat(secrets.isSecret("2.5.4.35")).isTrue();
        assertThat(secrets.isSecret("oid.2.5.4.35")).isTrue();
        // the longest OID with its prefix is longer than any name, and still recognised
        assertThat(secrets.isSecret("OID.1.3.6.1.4.1.42.2.27.8.1.20")).isTrue();
        assertThat(secrets.isSecret("authPassword;x-scram")).isTrue();
        assertThat(secrets.isSecret("userPasswords")).isFalse();
        assertThat(secrets.isSecret("oid.")).isFalse();
        assertThat(secrets.isSecret("cn")).isFalse();
        assertThat(secrets.isSecret(null)).isFalse();
    }
}
