package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.testkit.TestServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flow every port-389 guide describes, on the demo directory: an application binds with its
 * service account, finds the user's DN by uid, checks the user's password and group membership
 * (direct and nested) and allows or denies. Once with JNDI, as application code would; once with
 * ldapsearch, as the README shows.
 */
class FlagshipFlowIT {
    static final String SERVICE = "cn=app-service,ou=services,dc=example,dc=com";
    static final String SERVICE_PASSWORD = "app-service-password";
    static final String ENGINEERING = "cn=engineering,ou=groups,dc=example,dc=com";
    static final String IN_CHAIN = "1.2.840.113556.1.4.1941";
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = dev.linden.cli.Main.class.getResourceAsStream("demo.ldif")) {
            server = TestServer.memory().loadLdif(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The application's whole decision, as it would be written with JNDI. */
    static boolean mayEnter(String url, String uid, String password, String requiredGroup) throws NamingException {
        DirContext service = connect(url, SERVICE, SERVICE_PASSWORD);
        try {
            SearchControls controls = new SearchControls();
            controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
            controls.setReturningAttributes(new String[0]);
            // one query: the user, if and only if they are in the group through any depth of nesting
            NamingEnumeration<SearchResult> found = service.search(
                    "ou=people,dc=example,dc=com",
                    "(&(objectClass=person)(uid={0})(memberOf:" + IN_CHAIN + ":={1}))",
                    new Object[] {uid, requiredGroup},
                    controls);
            if (!found.hasMore()) {
                return false;
            }
            String userDn = found.next().getNameInNamespace();
            try {
                connect(url, userDn, password).close(); // the user's own password
                return true;
            } catch (AuthenticationException wrongPassword) {
                return false;
            }
        } finally {
            service.close();
        }
    }

    static DirContext connect(String url, String dn, String password) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, url);
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        env.put(Context.SECURITY_PRINCIPAL, dn);
        env.put(Context.SECURITY_CREDENTIALS, password);
        return new InitialDirContext(env);
    }

    @Test
    void jndiApplicationAllowsAndDenies() throws Exception {
        assertThat(mayEnter(server.url(), "alice", "alice-password", ENGINEERING))
                .as("direct member")
                .isTrue();
        assertThat(mayEnter(server.url(), "bob", "bob-password", ENGINEERING))
                .as("through developers")
                .isTrue();
        assertThat(mayEnter(server.url(), "bob", "wrong-password", ENGINEERING))
                .as("wrong password")
                .isFalse();
        assertThat(mayEnter(server.url(), "dave", "dave-password", ENGINEERING))
                .as("finance, not engineering")
                .isFalse();
        assertThat(mayEnter(server.url(), "nobody", "x-password", ENGINEERING))
                .as("no such user")
                .isFalse();
        assertThat(mayEnter(server.url(), "dave", "dave-password", "cn=finance,ou=groups,dc=example,dc=com"))
                .isTrue();
    }

    @Test
    void theSameWithLdapsearch() throws Exception {
        String filter = "(&(uid=carol)(memberOf:" + IN_CHAIN + ":=" + ENGINEERING + "))";
        var r = OpenLdapToolsIT.run(
                null,
                "ldapsearch",
                "-x",
                "-LLL",
                "-H",
                server.url(),
                "-D",
                SERVICE,
                "-w",
                SERVICE_PASSWORD,
                "-b",
                "ou=people,dc=example,dc=com",
                filter,
                "1.1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("dn: uid=carol,ou=people,dc=example,dc=com");
        var groups = OpenLdapToolsIT.run(
                null,
                "ldapsearch",
                "-x",
                "-LLL",
                "-H",
                server.url(),
                "-D",
                SERVICE,
                "-w",
                SERVICE_PASSWORD,
                "-b",
                "uid=carol,ou=people,dc=example,dc=com",
                "-s",
                "base",
                "(objectClass=*)",
                "memberOf");
        assertThat(groups.out()).contains("memberOf: cn=developers,ou=groups,dc=example,dc=com");
        var denied = OpenLdapToolsIT.run(
                null,
                "ldapsearch",
                "-x",
                "-LLL",
                "-H",
                server.url(),
                "-D",
                SERVICE,
                "-w",
                SERVICE_PASSWORD,
                "-b",
                "ou=people,dc=example,dc=com",
                "(&(uid=erin)(memberOf:" + IN_CHAIN + ":=" + ENGINEERING + "))",
                "1.1");
        assertThat(denied.exit()).isZero();
        assertThat(denied.out().strip()).isEmpty();
    }
}
