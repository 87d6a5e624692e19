package dev.linden.cli.doctor;

/** What to change, in the words of each server family: OpenLDAP (cn=config), Active Directory, Linden (linden.yaml). */
public record Fix(String openldap, String activeDirectory, String linden) {
    public static final Fix NONE = new Fix(null, null, null);

    public boolean isEmpty() {
        return openldap == null && activeDirectory == null && linden == null;
    }
}
