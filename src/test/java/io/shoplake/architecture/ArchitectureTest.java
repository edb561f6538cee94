package io.shoplake.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of DESIGN.md section 2, checked on the production classes (tests may reach across layers). */
class ArchitectureTest {

    private static final LayerRules RULES = new LayerRules("io.shoplake");

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.shoplake");
        assertThat(production.containPackage("io.shoplake.pipelines.orders")).isTrue();
        assertThat(production.containPackage("io.shoplake.lakehouse")).isTrue();
    }

    @Test
    void thePlatformKnowsNoPipelineNorTheCommandsAboveIt() {
        RULES.platformIsBelowPipelines().check(production);
    }

    @Test
    void pipelinesDoNotReachIntoTheCommandLineOrTheDemo() {
        RULES.pipelinesAreBelowCliAndDemo().check(production);
    }

    @Test
    void pipelinesShareTablesNotClasses() {
        RULES.pipelinesAreIndependent().check(production);
    }

    @Test
    void theDemoDoesNotUseTheCommandLine() {
        RULES.demoIsBesideCli().check(production);
    }

    @Test
    void packagesAreFreeOfCycles() {
        RULES.noPackageCycles().check(production);
    }

    /** Each rule fails on a fixture that breaks it, so a rule that can never fail is caught here. */
    @Test
    void everyRuleFailsOnADeliberatelyBadClass() {
        LayerRules fixtureRules = new LayerRules("io.shoplake.architecture.fixture");
        JavaClasses fixture = new ClassFileImporter().importPackages("io.shoplake.architecture.fixture");

        assertViolation(fixtureRules.platformIsBelowPipelines().evaluate(fixture), "BadLakehouse", "pipelines.orders");
        assertViolation(fixtureRules.pipelinesAreBelowCliAndDemo().evaluate(fixture), "BadOrders", "cli");
        assertViolation(fixtureRules.pipelinesAreIndependent().evaluate(fixture), "BadOrders", "pipelines.flyers");
        assertViolation(fixtureRules.demoIsBesideCli().evaluate(fixture), "BadDemo", "cli");
        assertViolation(fixtureRules.noPackageCycles().evaluate(fixture), "CycleA", "CycleB");
    }

    private static void assertViolation(EvaluationResult result, String... mentioned) {
        assertThat(result.hasViolation())
                .as("the rule must fail on the fixture")
                .isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains(mentioned);
    }
}
