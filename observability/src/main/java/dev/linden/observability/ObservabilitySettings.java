package dev.linden.observability;

/**
 * Everything beside the request path, as configured: the access log, the security event log,
 * Prometheus metrics, cn=monitor and attack detection.
 */
public record ObservabilitySettings(
        LogSettings accessLog,
        LogSettings securityLog,
        MetricsSettings metrics,
        MonitorSettings monitor,
        DetectionSettings detection) {

    /** Everything off but cn=monitor (for tools and tests that want none of the files or listeners). */
    public static ObservabilitySettings off() {
        return new ObservabilitySettings(
                LogSettings.disabled(),
                LogSettings.disabled(),
                MetricsSettings.DISABLED,
                MonitorSettings.DEFAULT,
                DetectionSettings.DISABLED);
    }
}
