package dev.linden.observability;

import java.net.BindException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Why a listener (LDAP, LDAPS, metrics) could not open its port, as one line that names the port
 * and the fix: the JDK only says "Address already in use" or "Permission denied", and a start-up
 * failure must tell the operator what to change.
 */
public final class ListenFailure {
    private ListenFailure() {}

    /**
     * @param what the listener, e.g. "LDAP"
     * @param portSetting where its port is chosen, e.g. "--port or listen.port"
     * @param hostSetting where its address is chosen, e.g. "--host or listen.host"
     * @param failure what the socket threw
     */
    public static String describe(
            String what, String host, int port, String portSetting, String hostSetting, Throwable failure) {
        String where = "cannot listen for " + what + " on " + host + ":" + port + ": ";
        String reason = reason(failure).toLowerCase(Locale.ROOT);
        if (reason.contains("already in use")) {
            return where
                    + "the port is in use by another program (another Linden or slapd?): stop it, or choose another port ("
                    + portSetting + ")";
        }
        if (reason.contains("permission denied") || reason.contains("access denied")) {
            return where + "permission denied: "
                    + (port < 1024
                            ? "ports below 1024 need root or the CAP_NET_BIND_SERVICE capability; run as root, grant it to java "
                                    + "(setcap cap_net_bind_service=+ep), or choose a port above 1023 (" + portSetting
                                    + ")"
                            : "choose another port (" + portSetting + ")");
        }
        if (reason.contains("cannot assign requested address")) {
            return where + host
                    + " is not an address of this machine: choose one of its addresses, 0.0.0.0 (all) or 127.0.0.1 ("
                    + hostSetting + ")";
        }
        if (unresolved(failure)) {
            return where + "cannot resolve the host name " + host + ": give an address of this machine (" + hostSetting
                    + ")";
        }
        return where + reason(failure);
    }

    private static boolean unresolved(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** The socket's own message: the innermost BindException or SocketException, else the outermost message. */
    private static String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if ((c instanceof BindException || c instanceof SocketException) && c.getMessage() != null) {
                return c.getMessage();
            }
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
