package dev.streamlab;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layering of DESIGN.md, enforced: each package talks only to what its job needs. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.streamlab");

    @Test
    void theEngineDependsOnlyOnTheJavaStandardLibrary() {
        classes().that().resideInAPackage("dev.streamlab.engine..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.streamlab.engine..")
                .check(CLASSES);
    }

    @Test
    void scenariosKnowNothingOfKafkaOrTheWeb() {
        noClasses().that().resideInAPackage("dev.streamlab.scenario..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "kafka..", "io.javalin..",
                        "j2html..", "dev.streamlab.web..", "dev.streamlab.kafka..")
                .check(CLASSES);
    }

    @Test
    void theKafkaPackageKnowsNothingOfTheWeb() {
        noClasses().that().resideInAPackage("dev.streamlab.kafka..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "j2html..", "dev.streamlab.web..",
                        "dev.streamlab.cli..")
                .check(CLASSES);
    }

    @Test
    void labContentAndConfigKnowNothingOfTheWebOrTheCommandLine() {
        noClasses().that().resideInAnyPackage("dev.streamlab.lab..", "dev.streamlab.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "j2html..", "dev.streamlab.web..",
                        "dev.streamlab.cli..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void viewsArePureFunctionsOfRecordsAndTalkToNoClient() {
        noClasses().that().resideInAPackage("dev.streamlab.web.view..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.apache.kafka.clients..")
                .check(CLASSES);
    }

    @Test
    void theWebLayerReachesKafkaOnlyThroughTheKafkaPackagesServices() {
        noClasses().that().resideInAPackage("dev.streamlab.web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "kafka..")
                .check(CLASSES);
    }

    @Test
    void onlyTheCommandLineUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("dev.streamlab.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(CLASSES);
    }
}
