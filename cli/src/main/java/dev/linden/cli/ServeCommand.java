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
        // the suffix entry exists before clients connect; a consumer gets its provider's instead
        Linden linden =
                Linden.start(settings, settings.replication().sources().isEmpty() ? SuffixEntry::ensure : d -> {});
        StartBanner.print(System.out, settings, linden);
        waitForShutdown(linden);
        return 0;
    }

    static void waitForShutdown(Linden linden) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            linden.close();
                            stopped.countDown();
                        },
                        "linden-shutdown"));
        stopped.await();
    }
}
