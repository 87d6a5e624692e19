package dev.linden.observability;

/**
 * The Prometheus endpoint: {@code http://host:port/metrics}.
 *
 * @param enabled whether the HTTP listener runs
 * @param host the address to listen on (loopback by default: metrics tell an attacker a lot)
 * @param port the TCP port (0: any free port)
 * @param jvm whether JVM metrics (memory, GC, threads, class loading) are included
 */
public record MetricsSettings(boolean enabled, String host, int port, boolean jvm) {
    public static final int DEFAULT_PORT = 9389;
    public static final MetricsSettings DEFAULT = new MetricsSettings(true, "127.0.0.1", DEFAULT_PORT, true);
    public static final MetricsSettings DISABLED = new MetricsSettings(false, "127.0.0.1", DEFAULT_PORT, true);

    public MetricsSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("metrics port " + port + " is not a TCP port");
        }
    }
}
