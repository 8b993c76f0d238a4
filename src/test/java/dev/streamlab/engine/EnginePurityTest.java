package dev.streamlab.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

class EnginePurityTest {

    @Test
    void theEnginePackageDependsOnlyOnTheJavaStandardLibrary() {
        JavaClasses engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.streamlab.engine");
        classes().that().resideInAPackage("dev.streamlab.engine")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.streamlab.engine")
                .check(engine);
    }
}
