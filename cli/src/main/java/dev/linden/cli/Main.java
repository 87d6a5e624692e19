package dev.linden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code linden} command. */
@Command(name = "linden", mixinStandardHelpOptions = true, version = "linden " + dev.linden.server.Linden.VERSION,
        description = "Linden, an LDAPv3 directory server.",
        subcommands = {ServeCommand.class, DemoCommand.class, ImportCommand.class, ExportCommand.class,
                HashPasswordCommand.class, StatusCommand.class,
                dev.linden.cli.doctor.DoctorCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
