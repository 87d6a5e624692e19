package dev.linden.cli;

import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.FilterText;
import dev.linden.server.Linden;
import dev.linden.server.config.ConfigLoader;
import dev.linden.server.config.Settings;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The training run of the JDK's ahead-of-time cache (JEP 483, 514, 515), which {@code bin/linden}
 * runs once per build and JDK with {@code -XX:AOTCacheOutput} before the first {@code serve} or
 * {@code demo}: a server on a loopback port over a throw-away store, loaded by an import and driven
 * for a few seconds through its hot paths (searches, binds) by clients on every core. The classes it
 * loads and links, and the profiles of the methods it runs, go into the cache when it exits, so later
 * starts answer sooner and compile their hot code sooner. Not for users: hidden from the help.
 */
@Command(name = "aot-training", hidden = true, description = "Exercise the server for the JVM's start-up cache.")
final class AotTrainingCommand implements Callable<Integer> {
    private static final String SUFFIX = "dc=example,dc=com";
    private static final int USERS = 2000;

    @Option(names = "--seconds", defaultValue = "6", description = "how long the clients drive the server")
    double seconds;

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("linden-aot-training");
        try {
            Settings settings =
                    ConfigLoader.parse("""
                    listen: {host: 127.0.0.1, port: 0, ldapsPort: -1}
                    suffix: %s
                    rootPassword: training
                    dataDir: %s
                    passwordScheme: SSHA
                    tls: {enabled: false}
                    security: {loopbackExempt: true}
                    metrics: {port: 0}
                    """.formatted(SUFFIX, data.toString().replace("\\", "/")), "aot-training");
            Linden linden = Linden.start(settings, directory -> {
                try (var reader = new dev.linden.model.ldif.LdifReader(new StringReader(ldif()), "training")) {
                    ImportCommand.load(directory, reader, true, committed -> {});
                } catch (Exception e) {
                    throw new IllegalStateException("training data: " + e.getMessage(), e);
                }
            });
            try {
                drive(linden.port());
            } finally {
                linden.close();
            }
            return 0;
        } finally {
            try (var paths = Files.walk(data)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Searches and binds from one client per core until the time is up. */
    private void drive(int port) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < Math.max(2, Runtime.getRuntime().availableProcessors()); t++) {
            clients.add(Thread.ofPlatform().start(() -> {
                String url = "ldap://127.0.0.1:" + port;
                var trust = new LdapClient.Trust(null, false);
                try (LdapClient reader = LdapClient.connect(url, false, trust);
                        LdapClient binder = LdapClient.connect(url, false, trust)) {
                    reader.bind("uid=user.1,ou=people," + SUFFIX, "password");
                    while (System.nanoTime() < end) {
                        int n = 1 + ThreadLocalRandom.current().nextInt(USERS);
                        var found = reader.search(SUFFIX, SearchScope.SUB, FilterText.parse("(uid=user." + n + ")"));
                        binder.bind(found.get(0).dn(), "password");
                        reader.search(
                                "cn=group,ou=groups," + SUFFIX,
                                SearchScope.BASE,
                                FilterText.parse("(member=uid=user." + n + ",ou=people," + SUFFIX + ")"),
                                "1.1");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread c : clients) {
            c.join();
        }
    }

    private static String ldif() {
        StringBuilder b = new StringBuilder("dn: " + SUFFIX + "\nobjectClass: domain\ndc: example\n\n"
                + "dn: ou=people," + SUFFIX + "\nobjectClass: organizationalUnit\nou: people\n\n"
                + "dn: ou=groups," + SUFFIX + "\nobjectClass: organizationalUnit\nou: groups\n\n");
        for (int i = 1; i <= USERS; i++) {
            b.append("dn: uid=user.")
                    .append(i)
                    .append(",ou=people,")
                    .append(SUFFIX)
                    .append("\nobjectClass: inetOrgPerson\n")
                    .append("uid: user.")
                    .append(i)
                    .append("\ncn: User ")
                    .append(i)
                    .append("\nsn: User\nmail: user.")
                    .append(i)
                    .append("@example.com\nuserPassword: password\n\n");
        }
        b.append("dn: cn=group,ou=groups,").append(SUFFIX).append("\nobjectClass: groupOfNames\ncn: group\n");
        for (int i = 1; i <= USERS; i += 2) {
            b.append("member: uid=user.")
                    .append(i)
                    .append(",ou=people,")
                    .append(SUFFIX)
                    .append('\n');
        }
        return b.append('\n').toString();
    }
}
