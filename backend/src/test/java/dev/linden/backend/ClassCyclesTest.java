package dev.linden.backend;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The backend's classes depend on each other in one direction (issue 10): no class reaches, through
 * any chain of references (fields, calls, signatures, nested types), back to itself. Read from the
 * compiled main classes, so a reference only a lambda or a nested class makes counts too.
 */
class ClassCyclesTest {

    @Test
    void theBackendsClassesFormNoCycle() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.linden.backend");
        // the classes were read, with their references (the facade uses the writer)
        assertThat(main.get(Backend.class).getDirectDependenciesFromSelf())
                .anyMatch(d -> d.getTargetClass().isEquivalentTo(TreeWriter.class));
        oneClassPerSlice("dev.linden.backend").check(main);
    }

    @Test
    void aCycleIsFound() {
        // the rule's own check: two classes that call each other, and a third that only one of them uses
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.linden.backend.cycle");
        assertThatThrownBy(() -> oneClassPerSlice("dev.linden.backend.cycle").check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Ping")
                .hasMessageContaining("Pong")
                .hasMessageNotContaining("Leaf");
    }

    /** Each top-level class of {@code pkg} (with its nested classes and lambdas) as one slice, free of cycles. */
    private static ArchRule oneClassPerSlice(String pkg) {
        return slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass c) {
                        if (!c.getPackageName().equals(pkg)) {
                            return SliceIdentifier.ignore();
                        }
                        String name = c.getName().substring(pkg.length() + 1);
                        int nested = name.indexOf('$');
                        return SliceIdentifier.of(nested < 0 ? name : name.substring(0, nested));
                    }

                    @Override
                    public String getDescription() {
                        return "the top-level classes of " + pkg;
                    }
                })
                .should()
                .beFreeOfCycles();
    }
}
