package dev.linden.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the {@code linden} command in this JVM as the launcher would, with what it prints captured. */
final class Cli {
    record Output(int exit, String out, String err) {
        /** Standard error as the lines an operator reads. */
        java.util.List<String> errLines() {
            return err.strip().lines().toList();
        }
    }

    private Cli() {}

    static Output linden(String... args) {
        return lindenWithInput("", args);
    }

    /** The commands print to System.out and System.err, and read System.in: swapped for the run, one run at a time. */
    static synchronized Output lindenWithInput(String input, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            int exit = Main.run(args);
            return new Output(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
    }
}
