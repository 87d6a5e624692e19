package dev.linden.observability.monitor;

/** A listening socket, for cn=Listeners,cn=Monitor: its name ("ldap", "ldaps") and URL. */
public record Listener(String name, String url) {}
