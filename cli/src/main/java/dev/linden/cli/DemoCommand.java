package dev.linden.cli;

import dev.linden.core.Directory;
import dev.linden.model.ldif.LdifReader;
import dev.linden.server.Linden;
import dev.linden.server.config.ConfigException;
import dev.linden.server.config.ConfigLoader;
import dev.linden.server.config.Settings;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the demo directory: dc=example,dc=com with sample people, groups and a service account,
 * loaded into the embedded store on first start, before the ports open (a client that connects
 * at once finds the data). Port 389 when it may bind there, else 3389.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Start the demo directory (dc=example,dc=com).")
final class DemoCommand implements Callable<Integer> {
    static final String DEFAULT_PASSWORD = "linden-demo";

    @Option(names = "--port", description = "TCP port (default: 389 if allowed, else 3389)")
    Integer port;

    @Option(names = "--ldaps-port", description = "LDAPS port (default: 636 if allowed, else 3636)")
    Integer ldapsPort;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(
            names = "--data",
            defaultValue = "linden-demo-data",
            description = "data folder (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(
            names = "--admin-password",
            defaultValue = DEFAULT_PASSWORD,
            description = "password of cn=admin,dc=example,dc=com")
    String adminPassword;

    @Override
    public Integer call() throws Exception {
        int chosen = port != null ? port : canBind(host, 389) ? 389 : 3389;
        int ldaps = ldapsPort != null ? ldapsPort : canBind(host, 636) ? 636 : 3636;
        // the demo's configuration, as a user would write it: TLS with a self-signed certificate made on
        // first start, plain binds allowed from this machine only; metrics on 9389 or the next free port
        String yaml =
                """
                listen: {host: %s, port: %d, ldapsPort: %d}
                suffix: dc=example,dc=com
                rootDn: cn=admin,dc=example,dc=com
                rootPassword: %s
                dataDir: %s
                storage: lmdb
                tls: {selfSigned: true}
                security: {requireTlsForBind: true, requireTls: false, loopbackExempt: true}
                """.formatted(yamlString(host), chosen, ldaps, yamlString(adminPassword), yamlString(data.toString()));
        Settings settings = ConfigLoader.parse(yaml, "demo");
        boolean[] loaded = {false};
        Linden linden = Linden.start(settings, directory -> loaded[0] = loadSampleData(directory));
        String name = host.equals("0.0.0.0") || host.equals("127.0.0.1") ? "localhost" : host;
        String url = "ldap://" + name + ":" + linden.port();
        String ldapsUrl = "ldaps://" + name + ":" + linden.ldapsPort();
        java.nio.file.Path cert = data.toAbsolutePath().resolve("tls").resolve("cert.pem");
        System.out.printf(
                """
                Linden demo directory %s
                  suffix:    dc=example,dc=com   (data in %s%s)
                  root DN:   cn=admin,dc=example,dc=com
                  password:  %s
                  TLS:       %s, and StartTLS on %s (self-signed certificate %s)
                  logs:      %s (access.log, security.log)
                  metrics:   %s
                Try:
                  ldapsearch -x -H %s -D cn=admin,dc=example,dc=com -w %s -b dc=example,dc=com '(uid=*)'
                  ldapwhoami -x -H %s -D uid=alice,ou=people,dc=example,dc=com -w alice-password
                  LDAPTLS_CACERT=%s ldapwhoami -x -ZZ -H %s -D uid=alice,ou=people,dc=example,dc=com -w alice-password
                  bin/linden status -H %s -D cn=admin,dc=example,dc=com -w %s
                Plain binds are allowed from this machine only; other clients must use TLS.
                Stop with Ctrl-C.
                """,
                url,
                data.toAbsolutePath(),
                loaded[0] ? ", sample data loaded" : "",
                adminPassword,
                ldapsUrl,
                url,
                cert,
                data.toAbsolutePath().resolve("logs"),
                metrics(linden.observability().metricsPort()),
                url,
                adminPassword,
                url,
                cert,
                url,
                url,
                adminPassword);
        ServeCommand.waitForShutdown(linden);
        return 0;
    }

    /** Loads demo.ldif into an empty store (before the server listens); false when the data is there already. */
    private static boolean loadSampleData(Directory directory) throws ConfigException {
        try {
            if (directory.backend().get(directory.backend().config().suffixes().get(0)) != null) {
                return false;
            }
            try (var in = DemoCommand.class.getResourceAsStream("demo.ldif");
                    LdifReader reader =
                            new LdifReader(new InputStreamReader(in, StandardCharsets.UTF_8), "demo.ldif")) {
                ImportCommand.load(directory, reader, true, committed -> {});
            }
            return true;
        } catch (IOException | ImportCommand.ImportException e) {
            throw new ConfigException("demo data: " + e.getMessage());
        }
    }

    private static String metrics(int port) {
        return port < 0 ? "off (ports 9389 to 9398 are in use)" : "http://127.0.0.1:" + port + "/metrics";
    }

    /** A YAML double-quoted scalar: any password or path stays one value. */
    private static String yamlString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static boolean canBind(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(host, port));
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
