package dev.linden.observability;

/**
 * The Prometheus endpoint: {@code http://host:port/metrics}.
 *
 * @param enabled whether the HTTP listener runs
 * @param host the address to listen on (loopback by default: metrics tell an attacker a lot)
 * @param port the TCP port (0: any free port)
 * @param jvm whether JVM metrics (memory, GC, threads, class loading) are included
 * @param defaultPort the port is the default, not one the configuration names: when another program
 *        (another Linden on this machine, most often) has it, the endpoint moves to the next free port
 *        with a warning instead of stopping the start
 */
public record MetricsSettings(boolean enabled, String host, int port, boolean jvm, boolean defaultPort) {
    public static final int DEFAULT_PORT = 9389;
    public static final MetricsSettings DEFAULT = new MetricsSettings(true, "127.0.0.1", DEFAULT_PORT, true, true);
    public static final MetricsSettings DISABLED = new MetricsSettings(false, "127.0.0.1", DEFAULT_PORT, true, true);

    public MetricsSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("metrics port " + port + " is not a TCP port");
        }
    }

    /** A port the configuration names: if it cannot be opened, the server does not start. */
    public MetricsSettings(boolean enabled, String host, int port, boolean jvm) {
        this(enabled, host, port, jvm, false);
    }
}
