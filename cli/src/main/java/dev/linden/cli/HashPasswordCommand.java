package dev.linden.cli;

import dev.linden.model.password.PasswordSchemes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints the stored form of a password, for the configuration's rootPassword or for LDIF. */
@Command(
        name = "hash-password",
        mixinStandardHelpOptions = true,
        description = "Hash a password (read from standard input when not given).")
final class HashPasswordCommand implements Callable<Integer> {
    @Option(
            names = "--scheme",
            defaultValue = "ARGON2",
            description = "ARGON2, PBKDF2-SHA256, SSHA512, SSHA256 or SSHA (default: ${DEFAULT-VALUE})")
    String scheme;

    @Parameters(index = "0", arity = "0..1", description = "the password")
    String password;

    @Override
    public Integer call() throws Exception {
        String clear = password;
        if (clear == null) {
            clear = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (clear == null || clear.isEmpty()) {
            System.err.println("no password given");
            return 2;
        }
        PasswordSchemes schemes = PasswordSchemes.standard();
        if (!schemes.schemeNames().contains(scheme.toUpperCase())) {
            System.err.println("unknown scheme " + scheme + "; known: " + schemes.schemeNames());
            return 2;
        }
        System.out.println(schemes.hash(scheme.toUpperCase(), clear.getBytes(StandardCharsets.UTF_8)));
        return 0;
    }
}
