package dev.linden.cli;

import dev.linden.model.ldif.LdifReader;
import dev.linden.server.Linden;
import dev.linden.server.config.ConfigLoader;
import dev.linden.server.config.LindenConfig;
import dev.linden.server.config.Settings;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the demo directory: dc=example,dc=com with sample people, groups and a service account,
 * loaded into the embedded store on first start. Port 389 when it may bind there, else 3389.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Start the demo directory (dc=example,dc=com).")
final class DemoCommand implements Callable<Integer> {
    static final String DEFAULT_PASSWORD = "linden-demo";

    @Option(names = "--port", description = "TCP port (default: 389 if allowed, else 3389)")
    Integer port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--data", defaultValue = "linden-demo-data", description = "data folder (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--admin-password", defaultValue = DEFAULT_PASSWORD, description = "password of cn=admin,dc=example,dc=com")
    String adminPassword;

    @Override
    public Integer call() throws Exception {
        int chosen = port != null ? port : canBind(host, 389) ? 389 : 3389;
        Settings settings = ConfigLoader.settings(new LindenConfig(new LindenConfig.Listen(host, chosen),
                "dc=example,dc=com", "cn=admin,dc=example,dc=com", adminPassword, data.toString(), "lmdb",
                null, null, null, null, null, null), "demo");
        Linden linden = Linden.start(settings);
        boolean loaded = false;
        try {
            if (linden.backend().get(linden.backend().config().suffixes().get(0)) == null) {
                try (var in = DemoCommand.class.getResourceAsStream("demo.ldif");
                        LdifReader reader = new LdifReader(new InputStreamReader(in, StandardCharsets.UTF_8), "demo.ldif")) {
                    ImportCommand.load(linden.directory(), linden.backend(), reader, true);
                }
                loaded = true;
            }
        } catch (Exception e) {
            linden.close();
            throw e;
        }
        String url = "ldap://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + linden.port();
        System.out.printf("""
                Linden demo directory %s
                  suffix:    dc=example,dc=com   (data in %s%s)
                  root DN:   cn=admin,dc=example,dc=com
                  password:  %s
                Try:
                  ldapsearch -x -H %s -D cn=admin,dc=example,dc=com -w %s -b dc=example,dc=com '(uid=*)'
                  ldapwhoami -x -H %s -D uid=alice,ou=people,dc=example,dc=com -w alice-password
                Stop with Ctrl-C.
                """, url, data.toAbsolutePath(), loaded ? ", sample data loaded" : "", adminPassword, url, adminPassword, url);
        ServeCommand.waitForShutdown(linden);
        return 0;
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
