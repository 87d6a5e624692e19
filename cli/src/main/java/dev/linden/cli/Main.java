package dev.linden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code linden} command. */
@Command(
        name = "linden",
        mixinStandardHelpOptions = true,
        version = "linden " + dev.linden.server.Linden.VERSION,
        description = "Linden, an LDAPv3 directory server.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            ImportCommand.class,
            ExportCommand.class,
            HashPasswordCommand.class,
            StatusCommand.class,
            AotTrainingCommand.class,
            dev.linden.cli.doctor.DoctorCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // read by ErrorLine and DebugLogging from the parse result; declared here so every command accepts it
    @Option(
            names = "--debug",
            scope = ScopeType.INHERIT,
            description = "on an error, show its stack trace; log at debug level")
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionStrategy(DebugLogging::execute)
                .setExecutionExceptionHandler(ErrorLine::handle)
                .setParameterExceptionHandler(ErrorLine::handleUsage)
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
