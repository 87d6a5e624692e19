package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.testkit.TestServer;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NameAlreadyBoundException;
import javax.naming.NamingEnumeration;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.ModificationItem;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDK's own LDAP client (JNDI) against Linden: bind, search, add, modify, rename, delete. */
class JndiIT {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.memory().loadResource("sample.ldif");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static DirContext connect(String dn, String password) throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, server.url());
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        env.put(Context.SECURITY_PRINCIPAL, dn);
        env.put(Context.SECURITY_CREDENTIALS, password);
        return new InitialDirContext(env);
    }

    @Test
    void serviceAccountFindsAUserAndItsGroups() throws Exception {
        DirContext ctx = connect(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setReturningAttributes(new String[] {"cn", "mail"});
        NamingEnumeration<SearchResult> users =
                ctx.search("dc=example,dc=com", "(uid={0})", new Object[] {"carol"}, controls);
        SearchResult carol = users.next();
        assertThat(carol.getNameInNamespace()).isEqualTo("uid=carol,ou=people,dc=example,dc=com");
        assertThat(carol.getAttributes().get("mail").get()).isEqualTo("carol@example.com");
        assertThat(users.hasMore()).isFalse();

        NamingEnumeration<SearchResult> groups = ctx.search(
                "ou=groups,dc=example,dc=com", "(member={0})", new Object[] {carol.getNameInNamespace()}, controls);
        List<String> names = new ArrayList<>();
        while (groups.hasMore()) {
            names.add((String) groups.next().getAttributes().get("cn").get());
        }
        assertThat(names).containsExactly("developers");
        ctx.close();
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() {
        assertThatThrownBy(() -> connect("uid=alice,ou=people,dc=example,dc=com", "nope"))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void writesThroughJndi() throws Exception {
        DirContext ctx = connect(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
        BasicAttributes attrs = new BasicAttributes(true);
        BasicAttribute oc = new BasicAttribute("objectClass");
        oc.add("top");
        oc.add("inetOrgPerson");
        attrs.put(oc);
        attrs.put("uid", "jndi");
        attrs.put("cn", "Jay Ndi");
        attrs.put("sn", "Ndi");
        ctx.createSubcontext("uid=jndi,ou=people,dc=example,dc=com", attrs).close();
        assertThatThrownBy(() -> ctx.createSubcontext("uid=jndi,ou=people,dc=example,dc=com", attrs))
                .isInstanceOf(NameAlreadyBoundException.class);
        ctx.modifyAttributes("uid=jndi,ou=people,dc=example,dc=com", new ModificationItem[] {
            new ModificationItem(DirContext.ADD_ATTRIBUTE, new BasicAttribute("mail", "jndi@example.com"))
        });
        assertThat(ctx.getAttributes("uid=jndi,ou=people,dc=example,dc=com", new String[] {"mail"})
                        .get("mail")
                        .get())
                .isEqualTo("jndi@example.com");
        ctx.rename("uid=jndi,ou=people,dc=example,dc=com", "uid=jndi2,ou=people,dc=example,dc=com");
        assertThat(ctx.getAttributes("uid=jndi2,ou=people,dc=example,dc=com", new String[] {"uid"})
                        .get("uid")
                        .get())
                .isEqualTo("jndi2");
        ctx.destroySubcontext("uid=jndi2,ou=people,dc=example,dc=com");
        assertThatThrownBy(() -> ctx.getAttributes("uid=jndi2,ou=people,dc=example,dc=com"))
                .isInstanceOf(javax.naming.NameNotFoundException.class);
        ctx.close();
    }
}
