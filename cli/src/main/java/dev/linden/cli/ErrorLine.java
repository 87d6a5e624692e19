package dev.linden.cli;

import dev.linden.server.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * What a command that fails prints: one line on standard error naming the problem and the fix, and
 * the command's exit status for a failure (1; doctor's 3, since its 1 means warnings) or a wrong flag
 * (2, or doctor's 3), with where to find the right flags. A {@link ConfigException} already says both;
 * anything else is unexpected and says so. The stack trace is for {@code --debug}: an operator needs
 * the line, a developer the trace.
 */
final class ErrorLine {
    private ErrorLine() {}

    static int handle(Exception failure, CommandLine command, ParseResult parsed) {
        var err = command.getErr();
        if (DebugLogging.requested(parsed)) {
            failure.printStackTrace(err);
        }
        err.println(name(command) + ": " + describe(failure));
        err.flush();
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    /** A flag that is unknown or has a wrong value: the line picocli gives, and where the flags are listed. */
    static int handleUsage(CommandLine.ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        var err = command.getErr();
        err.println(name(command) + ": " + describe(failure) + " (see: " + name(command) + " --help)");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** "linden serve", or "linden" for the command itself. */
    private static String name(CommandLine command) {
        return command.getParent() == null ? "linden" : "linden " + command.getCommandName();
    }

    static String describe(Throwable failure) {
        String text = failure instanceof ConfigException || failure instanceof CommandLine.ParameterException
                ? failure.getMessage()
                : "unexpected " + failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
                        + " (run again with --debug for the details)";
        return text == null
                ? failure.getClass().getSimpleName()
                : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
