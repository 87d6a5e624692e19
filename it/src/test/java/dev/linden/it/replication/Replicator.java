package dev.linden.it.replication;

import dev.linden.testkit.TestServer;

/**
 * A Linden provider's configuration for a replication identity: it reads every entry and password
 * hash (by an explicit rule: secrets are shown to nobody else), and its synchronizations are exempt
 * from limits and detection. The identity's own entry is loaded by the tests.
 */
final class Replicator {
    static final String DN = "cn=replicator,dc=example,dc=com";
    static final String PASSWORD = "replicator-secret";

    private Replicator() {}

    /** The access rules and replication section of a provider, {@code secrets} the hashes it may read. */
    static String providerYaml(String secrets) {
        return """
                replication:
                  consumers: ["%1$s"]
                access:
                  rules:
                    - to: {attrs: [%2$s]}
                      by:
                        - {dn: "%1$s", grant: read}
                        - {who: self, grant: [auth, write]}
                        - {group: "cn=admins,ou=groups,dc=example,dc=com", grant: [auth, write]}
                        - {who: anyone, grant: auth}
                    - to: {}
                      by:
                        - {dn: "%1$s", grant: read}
                        - {group: "cn=admins,ou=groups,dc=example,dc=com", grant: manage}
                        - {who: users, grant: read}
                """.formatted(DN, secrets);
    }

    /** The identity's entry, to load into the provider. */
    static String entry() {
        return """
                dn: %s
                objectClass: applicationProcess
                objectClass: simpleSecurityObject
                cn: replicator
                userPassword: %s
                """.formatted(DN, PASSWORD);
    }

    static TestServer load(TestServer server) {
        server.loadResource("sample.ldif");
        return server.loadLdif(entry());
    }
}
