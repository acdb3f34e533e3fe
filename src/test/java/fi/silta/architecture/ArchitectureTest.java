package fi.silta.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package rules of Silta (README, "Architecture"): the shared packages depend on no procedure
 * package, and no two feature packages depend on each other in a cycle. Both rules are also run
 * against a deliberately broken fixture ({@code fi.silta.architecture.broken}) that they must reject.
 */
class ArchitectureTest {

    static final List<String> SHARED = List.of("cases", "calls", "portal", "web", "notifications", "organisations", "engine", "security");
    static final List<String> PROCEDURES = List.of("grants", "commenting", "negotiations");

    static ArchRule sharedUseNoProcedure(String root) {
        return noClasses().that().resideInAnyPackage(packages(root, SHARED))
                .should().dependOnClassesThat().resideInAnyPackage(packages(root, PROCEDURES))
                .because("a shared package is the same for every procedure; procedures contribute sections to it");
    }

    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    private static String[] packages(String root, List<String> names) {
        return names.stream().map(name -> root + "." + name + "..").toArray(String[]::new);
    }

    @Test
    void sharedPackagesUseNoProcedureAndNoPackageCycleExists() {
        JavaClasses silta = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fi.silta");
        assertThat(silta.containPackage("fi.silta.grants")).isTrue();
        assertThat(silta.containPackage("fi.silta.portal")).isTrue();
        sharedUseNoProcedure("fi.silta").check(silta);
        noPackageCycles("fi.silta").check(silta);
    }

    @Test
    void theBrokenFixtureIsRejected() {
        JavaClasses broken = new ClassFileImporter().importPackages("fi.silta.architecture.broken");
        assertThatThrownBy(() -> sharedUseNoProcedure("fi.silta.architecture.broken").check(broken))
                .isInstanceOf(AssertionError.class).hasMessageContaining("BrokenFrontPage").hasMessageContaining("BrokenCall");
        assertThatThrownBy(() -> noPackageCycles("fi.silta.architecture.broken").check(broken))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected")
                .hasMessageContaining("BrokenCase").hasMessageContaining("BrokenOrganisation");
    }
}
