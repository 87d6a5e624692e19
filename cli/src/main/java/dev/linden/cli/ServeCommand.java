package dev.linden.cli;

import dev.linden.server.Linden;
import dev.linden.server.config.Settings;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the server until it is stopped (Ctrl-C or SIGTERM close it cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the directory server.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.settings();
        Linden linden = Linden.start(settings);
        try {
            SuffixEntry.ensure(linden);
        } catch (Exception e) {
            linden.close();
            throw e;
        }
        System.out.printf("Linden %s serving %s on ldap://%s:%d/%n", Linden.VERSION, settings.suffix(),
                settings.host(), linden.port());
        var o = settings.observability();
        if (o.accessLog().enabled()) {
            System.out.printf("  access log %s%n", o.accessLog().file().toAbsolutePath());
        }
        if (linden.observability().metricsPort() >= 0) {
            System.out.printf("  metrics on http://%s:%d/metrics%n", o.metrics().host(), linden.observability().metricsPort());
        }
        waitForShutdown(linden);
        return 0;
    }

    static void waitForShutdown(Linden linden) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            linden.close();
            stopped.countDown();
        }, "linden-shutdown"));
        stopped.await();
    }
}
