package dev.linden.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** {@code --debug}: Linden's own loggers at debug level (otherwise the console shows warnings and errors). */
final class DebugLogging {
    private DebugLogging() {}

    static int execute(ParseResult parsed) {
        if (requested(parsed)) {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                context.getLogger("dev.linden").setLevel(Level.DEBUG);
                for (Logger logger : context.getLoggerList()) {
                    if (logger.getName().startsWith("dev.linden")) {
                        logger.setLevel(Level.DEBUG); // those quietened in logback.xml too
                    }
                }
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** Whether --debug was given, before or after the command's name. */
    static boolean requested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
