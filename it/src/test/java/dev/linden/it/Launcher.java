package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real launcher, {@code bin/linden}, run as a subprocess the way a user runs it: the JVM it
 * finds, the options it passes, the jar it builds ({@code cli/target/linden-cli.jar}, which
 * {@code bin/test} has just built; {@link #ensureBuilt} builds it when sources are newer).
 * Standard output and error are read together, as a terminal shows them.
 */
final class Launcher {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent(); // surefire runs in it/
    static final Path SCRIPT = ROOT.resolve("bin/linden");
    /** Generous: five engineers share two cores, and a JVM start can take many seconds. */
    static final Duration START = Duration.ofMinutes(3);

    private static boolean built;

    private Launcher() {}

    /** One line of output a start prints when it is done. */
    static final String READY = "Stop with Ctrl-C.";

    record Result(int exit, String output) {
        List<String> lines() {
            return output.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Runs {@code bin/linden --version} once, so a rebuild's messages never mix into a test's output. */
    static synchronized void ensureBuilt() throws Exception {
        if (!built) {
            Result r =
                    run(Path.of(System.getProperty("java.io.tmpdir")), Duration.ofMinutes(10), List.of(), "--version");
            assertThat(r.exit()).as(r.output()).isZero();
            built = true;
        }
    }

    /** Runs the launcher to its end (a start that fails, or a tool). */
    static Result run(Path dir, String... args) throws Exception {
        return run(dir, START, List.of(), args);
    }

    /** As {@link #run(Path, String...)}, as another user through {@code setpriv} (the tests run as root). */
    static Result runAs(String user, String group, Path launcher, Path dir, String... args) throws Exception {
        List<String> prefix = List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--clear-groups");
        return run(dir, START, prefix, launcher, args);
    }

    private static Result run(Path dir, Duration timeout, List<String> prefix, String... args) throws Exception {
        return run(dir, timeout, prefix, SCRIPT, args);
    }

    private static Result run(Path dir, Duration timeout, List<String> prefix, Path launcher, String... args)
            throws Exception {
        Running r = start(dir, prefix, launcher, args);
        if (!r.process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            r.stop();
            throw new AssertionError("bin/linden " + String.join(" ", args) + " did not end within " + timeout
                    + "; output:\n" + r.output());
        }
        r.reader.join(10_000);
        return new Result(r.process.exitValue(), r.output());
    }

    /** Starts the launcher and leaves it running (a server); {@link Running#awaitReady} waits for its banner. */
    static Running start(Path dir, String... args) throws IOException {
        return start(dir, List.of(), SCRIPT, args);
    }

    private static Running start(Path dir, List<String> prefix, Path launcher, String... args) throws IOException {
        return start(dir, prefix, launcher, null, args);
    }

    /** As {@link #start(Path, String...)}, with these environment variables (LINDEN_JAVA_OPTS, LINDEN_AOT) set. */
    static Running startWith(Path dir, Map<String, String> variables, String... args) throws IOException {
        return start(dir, List.of(), SCRIPT, variables, args);
    }

    private static Running start(
            Path dir, List<String> prefix, Path launcher, Map<String, String> variables, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(launcher.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("LINDEN_JAVA_OPTS"); // the launcher's own options only, unless a test gives some
        if (variables != null) {
            env.putAll(variables);
        }
        return new Running(pb.start(), String.join(" ", args));
    }

    /** A launcher process and everything it has printed so far. */
    static final class Running implements AutoCloseable {
        final Process process;
        private final String args;
        private final StringBuffer output = new StringBuffer();
        private final Thread reader;

        Running(Process process, String args) {
            this.process = process;
            this.args = args;
            this.reader = new Thread(
                    () -> {
                        try (InputStream in = process.getInputStream()) {
                            byte[] buffer = new byte[8192];
                            int n;
                            while ((n = in.read(buffer)) > 0) {
                                output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                            }
                        } catch (IOException e) {
                            // the process ended
                        }
                    },
                    "launcher-output");
            reader.setDaemon(true);
            reader.start();
        }

        String output() {
            return output.toString();
        }

        /** Waits for the start banner's last line; fails with the output if the process ends first. */
        Running awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + START.toNanos();
            while (!output().contains(READY)) {
                if (!process.isAlive()) {
                    reader.join(5_000);
                    throw new AssertionError("bin/linden " + args + " ended (" + process.exitValue()
                            + ") before it was ready:\n" + output());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "bin/linden " + args + " was not ready within " + START + ":\n" + output());
                }
                Thread.sleep(50);
            }
            return this;
        }

        /** The first printed line that starts with {@code prefix} (after indentation), stripped. */
        String line(String prefix) {
            return output().lines()
                    .map(String::strip)
                    .filter(l -> l.startsWith(prefix))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + output()));
        }

        long pid() {
            return process.pid(); // the launcher execs java: the server's own process id
        }

        /** SIGTERM, as Ctrl-C or a service manager stops it; the server closes cleanly. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    /**
     * A launcher {@code user} may run: this checkout's when the user can read it, else a copy of the
     * installed parts (launcher, scripts, jar and libraries) in a folder anyone may read, as a
     * package would install them.
     */
    static Path forUser(String user) throws Exception {
        ensureBuilt();
        Path jar = ROOT.resolve("cli/target/linden-cli.jar");
        Process check = new ProcessBuilder(
                        "setpriv",
                        "--reuid=" + user,
                        "--regid=nogroup",
                        "--clear-groups",
                        "sh",
                        "-c",
                        "test -x \"$1\" && test -r \"$2\" && test -r \"$3\"",
                        "check",
                        SCRIPT.toString(),
                        jar.toString(),
                        ROOT.resolve("scripts/java-env.sh").toString())
                .inheritIO()
                .start();
        if (check.waitFor() == 0) {
            return SCRIPT;
        }
        Path copy = Files.createTempDirectory("linden-install");
        for (String part : List.of(
                "bin/linden",
                "scripts/java-env.sh",
                "scripts/jvm-memory.sh",
                "scripts/jvm-aot.sh",
                "cli/target/linden-cli.jar",
                "cli/target/lib")) {
            copyTree(ROOT.resolve(part), copy.resolve(part));
        }
        new ProcessBuilder("chmod", "-R", "a+rX", copy.toString())
                .inheritIO()
                .start()
                .waitFor();
        return copy.resolve("bin/linden");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** A TCP port free at the moment. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Runs a shell command line in a pseudo-terminal and answers its password prompt, as a person
     * at a terminal would ({@code ldapwhoami -W} reads the password from the terminal, not stdin).
     */
    static Result inTerminal(Path dir, String commandLine, String password) throws Exception {
        Path helper = Files.createTempFile("answer-prompt", ".py");
        try (InputStream in = Launcher.class.getResourceAsStream("answer-prompt.py")) {
            Files.write(helper, in.readAllBytes());
        }
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", helper.toString(), commandLine, password)
                .directory(dir.toFile())
                .redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(commandLine + " did not end");
        }
        Files.deleteIfExists(helper);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
