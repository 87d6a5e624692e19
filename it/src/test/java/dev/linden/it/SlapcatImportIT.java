package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.linden.it.differential.AliasCases;
import dev.linden.it.differential.Case;
import dev.linden.it.differential.Outcome;
import dev.linden.it.differential.ReferralCases;
import dev.linden.it.differential.Rendering;
import dev.linden.it.differential.Runner;
import dev.linden.it.differential.Server;
import dev.linden.it.slapd.Slapd;
import dev.linden.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A directory with referral objects and aliases exported from slapd with slapcat, loaded with
 * {@code linden import}, served from LMDB: every read case of the referral and alias differential
 * groups gives the same answers on it as on the slapd it came from.
 */
class SlapcatImportIT {
    private static Slapd slapd;
    private static TestServer linden;
    private static LDAPConnection slapdAdmin;
    private static LDAPConnection lindenAdmin;
    private static Runner runner;

    @BeforeAll
    static void start() throws Exception {
        slapd = Slapd.start()
                .loadResource(TestServer.class, "sample.ldif")
                .loadResource(SlapcatImportIT.class, "differential.ldif")
                .loadResource(SlapcatImportIT.class, "referrals.ldif");
        String exported = slapd.slapcat();
        assertThat(exported).contains("objectClass: referral", "objectClass: alias", "entryUUID:");
        Path ldif = Files.writeString(Files.createTempFile("slapcat", ".ldif"), exported);
        Path data = TestServer.tempDir("linden-slapcat");
        CommandLineIT.Output imported =
                CommandLineIT.linden("import", "--suffix", Slapd.SUFFIX, "--data", data.toString(), ldif.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        linden = TestServer.lmdb(data, "");
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
    Stream<DynamicTest> the_imported_directory_answers_as_slapd() {
        List<Case> reads = new ArrayList<>();
        Stream.concat(ReferralCases.all().stream(), AliasCases.all().stream())
                .filter(c -> !c.writes())
                .forEach(reads::add);
        return reads.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Outcome expected = runner.run(c, runner.slapd());
                    Outcome actual = runner.run(c, runner.linden());
                    assertThat(actual)
                            .as("%s: imported Linden (actual) against slapd (expected)", c.name())
                            .isEqualTo(expected);
                }));
    }
}
