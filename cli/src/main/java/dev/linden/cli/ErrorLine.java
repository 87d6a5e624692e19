package dev.linden.cli;

import dev.linden.server.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * What a command that fails prints: one line on standard error naming the problem and the fix,
 * and exit status 1. A {@link ConfigException} already says both; anything else is unexpected and
 * says so. The stack trace is for {@code --debug}: an operator needs the line, a developer the trace.
 */
final class ErrorLine {
    static final int EXIT_ERROR = 1;

    private ErrorLine() {
    }

    static int handle(Exception failure, CommandLine command, ParseResult parsed) {
        var err = command.getErr();
        if (DebugLogging.requested(parsed)) {
            failure.printStackTrace(err);
        }
        err.println("linden " + command.getCommandName() + ": " + describe(failure));
        err.flush();
        return EXIT_ERROR;
    }

    static String describe(Throwable failure) {
        String text = failure instanceof ConfigException ? failure.getMessage()
                : "unexpected " + failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
                        + " (run again with --debug for the details)";
        return text == null ? failure.getClass().getSimpleName() : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
