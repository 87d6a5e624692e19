package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.linden.it.differential.AddCases;
import dev.linden.it.differential.BindCases;
import dev.linden.it.differential.Case;
import dev.linden.it.differential.CompareCases;
import dev.linden.it.differential.DeleteCases;
import dev.linden.it.differential.ExtendedCases;
import dev.linden.it.differential.ModifyCases;
import dev.linden.it.differential.ModifyDnCases;
import dev.linden.it.differential.Outcome;
import dev.linden.it.differential.Rendering;
import dev.linden.it.differential.Runner;
import dev.linden.it.differential.SearchCases;
import dev.linden.it.differential.Server;
import dev.linden.it.slapd.Slapd;
import dev.linden.testkit.TestServer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential suite: every case runs against Linden and against a real OpenLDAP slapd loaded
 * with the same data, and the two outcomes (result codes, matched DNs, entries, values) must be
 * equal. slapd is the reference; where Linden differs on purpose the case is left out with a note
 * in its table.
 */
class DifferentialIT {
    /**
     * The overlays slapd needs for what Linden does itself: sort and VLV, dereference, and content
     * synchronization (a search that runs until canceled).
     */
    private static final String SLAPD_MODULES = "moduleload sssvlv\nmoduleload deref\nmoduleload syncprov";

    private static final String SLAPD_OVERLAYS = "overlay sssvlv\noverlay deref\noverlay syncprov";
    private static TestServer linden;
    private static Slapd slapd;
    private static LDAPConnection lindenAdmin;
    private static LDAPConnection slapdAdmin;
    private static Runner runner;

    @BeforeAll
    static void start() throws Exception {
        slapd = Slapd.start(SLAPD_MODULES, SLAPD_OVERLAYS)
                .loadResource(TestServer.class, "sample.ldif")
                .loadResource(DifferentialIT.class, "differential.ldif")
                .loadResource(DifferentialIT.class, "referrals.ldif");
        linden = TestServer.memory().loadResource("sample.ldif");
        for (String extra : List.of("differential.ldif", "referrals.ldif")) {
            try (var in = DifferentialIT.class.getResourceAsStream(extra)) {
                linden.loadLdif(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        slapdAdmin = new LDAPConnection("127.0.0.1", slapd.port(), Slapd.ADMIN_DN, Slapd.ADMIN_PASSWORD);
        lindenAdmin = new LDAPConnection("127.0.0.1", linden.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
        Rendering rendering = new Rendering(slapdAdmin.getSchema(), lindenAdmin.getSchema());
        runner = new Runner(
                new Server("slapd", slapd.port(), slapdAdmin, rendering, Slapd.SUFFIX),
                new Server("linden", linden.port(), lindenAdmin, rendering, TestServer.SUFFIX));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {lindenAdmin, slapdAdmin, linden, slapd}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    @TestFactory
    Stream<DynamicNode> linden_agrees_with_slapd() {
        return Stream.of(
                group("search", SearchCases.all()),
                group("compare", CompareCases.all()),
                group("bind", BindCases.all()),
                group("extended", ExtendedCases.all()),
                group("add", AddCases.all()),
                group("modify", ModifyCases.all()),
                group("modifyDN", ModifyDnCases.all()),
                group("delete", DeleteCases.all()),
                group("controls", dev.linden.it.differential.ControlCases.all()),
                group("referrals", dev.linden.it.differential.ReferralCases.all()),
                group("aliases", dev.linden.it.differential.AliasCases.all()),
                group("sort", dev.linden.it.differential.SortCases.all()),
                group("deref", dev.linden.it.differential.DerefCases.all()));
    }

    private static DynamicContainer group(String name, List<Case> cases) {
        return DynamicContainer.dynamicContainer(
                name,
                cases.stream()
                        .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                            Outcome expected = runner.run(c, runner.slapd());
                            Outcome actual = runner.run(c, runner.linden());
                            if (Boolean.getBoolean("differential.verbose")) {
                                System.out.printf(
                                        "== %s / %s%n-- slapd:%s-- linden:%s", name, c.name(), expected, actual);
                            }
                            assertThat(actual)
                                    .as("%s: Linden (actual) against slapd (expected)", c.name())
                                    .isEqualTo(expected);
                        })));
    }
}
