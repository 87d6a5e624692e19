package dev.linden.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/ARCHITECTURE.md, read from the compiled classes of every module: each layer uses
 * only those below it ({@code protocol ← model ← backend ← core ← observability ← server ← cli}, storage
 * under backend), and each outside library stays in the package whose job it is. Maven's module
 * dependencies forbid most upward imports already; this also catches what a module reaches only
 * through another's dependencies (Netty is on the cli's class path, through the server).
 */
class LayersTest {
    private static final String[] PRODUCT = {
        "dev.linden.protocol..",
        "dev.linden.model..",
        "dev.linden.storage..",
        "dev.linden.backend..",
        "dev.linden.core..",
        "dev.linden.observability..",
        "dev.linden.server..",
        "dev.linden.cli.."
    };
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.linden");

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("protocol")
                .definedBy("dev.linden.protocol..")
                .layer("model")
                .definedBy("dev.linden.model..")
                .layer("storage")
                .definedBy("dev.linden.storage..")
                .layer("backend")
                .definedBy("dev.linden.backend..")
                .layer("core")
                .definedBy("dev.linden.core..")
                .layer("observability")
                .definedBy("dev.linden.observability..")
                .layer("server")
                .definedBy("dev.linden.server..")
                .layer("cli")
                .definedBy("dev.linden.cli..")
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("server")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("observability")
                .mayOnlyBeAccessedByLayers("server", "cli")
                .whereLayer("core")
                .mayOnlyBeAccessedByLayers("observability", "server", "cli")
                .whereLayer("backend")
                .mayOnlyBeAccessedByLayers("core", "observability", "server", "cli")
                // the store is the backend's; the assembly (server, cli) opens it, observability counts its use
                .whereLayer("storage")
                .mayOnlyBeAccessedByLayers("backend", "observability", "server", "cli")
                .whereLayer("model")
                .mayOnlyBeAccessedByLayers("backend", "core", "observability", "server", "cli")
                .whereLayer("protocol")
                .mayOnlyBeAccessedByLayers("model", "backend", "core", "observability", "server", "cli")
                .check(MAIN);
    }

    /** No product class outside {@code home} uses {@code library}. */
    private static ArchRule only(String library, String... home) {
        return noClasses()
                .that()
                .resideInAnyPackage(PRODUCT)
                .and()
                .resideOutsideOfPackages(home)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(library);
    }

    @Test
    void eachLibraryStaysWhereItsJobIs() {
        only("io.netty..", "dev.linden.server..").check(MAIN);
        only("org.lmdbjava..", "dev.linden.storage.lmdb..").check(MAIN);
        only("io.prometheus..", "dev.linden.observability..").check(MAIN);
        only("picocli..", "dev.linden.cli..").check(MAIN);
        only("com.fasterxml.jackson..", "dev.linden.server.config..", "dev.linden.cli.doctor..")
                .check(MAIN);
        // Logback: the log streams, and the command line's --debug
        only("ch.qos.logback..", "dev.linden.observability..", "dev.linden.cli..")
                .check(MAIN);
    }

    @Test
    void theRulesSeeWhatTheClassesUse() {
        // the server does use Netty: a rule that forbade it must fail, or the rules above prove nothing
        assertThatThrownBy(() -> only("io.netty..", "dev.linden.cli..").check(MAIN))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("dev.linden.server.");
        // and the server does use core's Dispatcher: a layering that forbade it must fail
        assertThatThrownBy(() -> layeredArchitecture()
                        .consideringOnlyDependenciesInLayers()
                        .layer("dispatcher")
                        .definedBy(JavaClass.Predicates.equivalentTo(dev.linden.core.Dispatcher.class))
                        .layer("server")
                        .definedBy("dev.linden.server..")
                        .whereLayer("dispatcher")
                        .mayNotBeAccessedByAnyLayer()
                        .check(MAIN))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("dev.linden.core.Dispatcher");
    }
}
