package dev.linden.core.sasl;

import dev.linden.backend.Backend;
import dev.linden.backend.BackendConfig;
import dev.linden.core.CoreConfig;
import dev.linden.core.Directory;
import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.SecurityRules;
import dev.linden.core.Session;
import dev.linden.core.operation.EntryImport;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.ldif.LdifReader;
import dev.linden.model.ldif.LdifRecord;
import dev.linden.model.password.PasswordSchemes;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.op.BindRequest;
import dev.linden.storage.memory.MemoryStorage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A directory in memory with a few users, for driving SASL exchanges without a network. */
final class SaslFixture {
    /** bob's password was imported already hashed: he has no SCRAM credentials. */
    static final String ALICE = "uid=alice,ou=people,dc=example,dc=com";

    final Directory directory;
    final SaslAuthenticator sasl;

    SaslFixture(SaslConfig config) throws Exception {
        Schema schema = Schema.standard();
        Backend backend = new Backend(
                new MemoryStorage(),
                schema,
                new BackendConfig(
                        List.of(DnSyntax.parse("dc=example,dc=com", schema)), BackendConfig.defaultIndexes(), 1000));
        CoreConfig core = new CoreConfig(
                DnSyntax.parse("cn=admin,dc=example,dc=com", schema),
                "admin-secret",
                0,
                0,
                false,
                "SSHA256",
                "test",
                new SecurityRules(true, false, true, true),
                List.of(),
                config,
                dev.linden.core.ppolicy.Policy.DEFAULT,
                dev.linden.core.throttle.ThrottleSettings.DEFAULT,
                dev.linden.core.groups.GroupSettings.DEFAULT,
                dev.linden.core.SearchLimits.ANONYMOUS_DEFAULT,
                java.util.Set.of());
        directory = new Directory(backend, schema, core, PasswordSchemes.standard(), Clock.systemUTC());
        EntryImport importer = new EntryImport(directory, true);
        List<Entry> entries = new ArrayList<>();
        for (LdifRecord r :
                LdifReader.parse("""
                dn: dc=example,dc=com
                objectClass: domain
                dc: example

                dn: ou=people,dc=example,dc=com
                objectClass: organizationalUnit
                ou: people

                dn: uid=alice,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: alice
                cn: Alice
                sn: A
                userPassword: alice-password

                dn: uid=bob,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: bob
                cn: Bob
                sn: B
                userPassword: %s
                """.formatted(PasswordSchemes.standard().hash("SSHA", "bob-password".getBytes())))) {
            entries.add(importer.entry(r, core.rootDn()));
        }
        backend.addAll(entries);
        sasl = new SaslAuthenticator(directory);
    }

    /** A session on loopback (exempt from the TLS rule). */
    static Session session() {
        return new Session(1, "127.0.0.1", true);
    }

    Response bind(Session session, String mechanism, byte[] credentials) throws Exception {
        BindRequest request = BindRequest.sasl("", mechanism, credentials);
        return sasl.bind(
                new OperationContext(session, new LdapMessage(1, request), m -> {}, new AtomicBoolean()), request);
    }
}
