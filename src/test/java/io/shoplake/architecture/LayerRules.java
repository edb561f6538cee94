package io.shoplake.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering rules under a root package: the platform ({@code lakehouse}, {@code quality}, {@code sources},
 * {@code publishers}, {@code services}, {@code config}, {@code console}, {@code scheduler}) knows no business;
 * {@code pipelines.<name>} use the platform and never each other; {@code cli} and {@code demo} sit on top.
 */
record LayerRules(String root) {

    ArchRule platformIsBelowPipelines() {
        return noClasses()
                .that()
                .resideInAnyPackage(platform())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(root + ".pipelines..", root + ".cli..", root + ".demo..")
                .because("the platform knows no business (DESIGN.md section 2)");
    }

    ArchRule pipelinesAreBelowCliAndDemo() {
        return noClasses()
                .that()
                .resideInAPackage(root + ".pipelines..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(root + ".cli..", root + ".demo..")
                .because("commands and the demo call pipelines, never the other way round");
    }

    ArchRule pipelinesAreIndependent() {
        return slices().matching(root + ".pipelines.(*)..")
                .should()
                .notDependOnEachOther()
                .because("a pipeline reads another's tables by name, not its classes");
    }

    ArchRule demoIsBesideCli() {
        return noClasses()
                .that()
                .resideInAPackage(root + ".demo..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + ".cli..")
                .because("the demo uses the platform and the pipelines, not the command classes");
    }

    ArchRule noPackageCycles() {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    private String[] platform() {
        return new String[] {
            root + ".lakehouse..",
            root + ".quality..",
            root + ".sources..",
            root + ".publishers..",
            root + ".services..",
            root + ".config..",
            root + ".console..",
            root + ".scheduler.."
        };
    }
}
