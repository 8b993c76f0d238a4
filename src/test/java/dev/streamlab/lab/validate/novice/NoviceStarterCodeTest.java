package dev.streamlab.lab.validate.novice;

import dev.streamlab.lab.CodeSample;
import dev.streamlab.lab.QuestLoader;
import dev.streamlab.lab.Step;
import dev.streamlab.testing.LabProcess;
import dev.streamlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the novice page hands out is sound: every step offers Python and Java, and all of it compiles or parses. */
class NoviceStarterCodeTest {
    private static final Path NOVICE = Path.of("labs", "novice");

    @TempDir
    Path classes;

    @Test
    void everyHandsOnStepOffersPythonAndJavaFromTheStarterFolder() {
        var novice = QuestLoader.load(Path.of("labs")).challenges().stream().filter(c -> c.id().equals("novice"))
                .findFirst().orElseThrow();
        List<Step> handsOn = novice.steps().subList(0, novice.steps().size() - 1);
        assertEquals(4, handsOn.size());
        for (Step step : handsOn) {
            List<String> languages = step.code().stream().map(CodeSample::language).toList();
            assertTrue(languages.containsAll(List.of("python", "java")), step.title() + " offers " + languages);
            step.code().stream().filter(c -> c.file() != null)
                    .forEach(c -> assertTrue(c.file().startsWith("starter/"), c.file()));
        }
    }

    @Test
    void everyJavaProgramOfTheStarterAndTheSolutionCompilesAgainstKafkaClients() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        for (Path program : files(".java")) {
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int exit = javac.run(null, null, errors, "-d", classes.resolve(program.getParent().getFileName()).toString(),
                    "-cp", LabProcess.classpath(), program.toString());
            assertEquals(0, exit, program + " compiles:\n" + errors);
        }
    }

    @Test
    void everyPythonScriptOfTheStarterAndTheSolutionParses() throws Exception {
        assumeTrue(Tools.installed(Tools.PYTHON), "no " + Tools.PYTHON);
        List<Path> scripts = files(".py");
        assertFalse(scripts.isEmpty());
        for (Path script : scripts) {
            Tools.Result parsed = Tools.run(null, null, Tools.PYTHON, "-c",
                    "import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])", script.toString());
            assertEquals(0, parsed.exitCode(), script + " parses:\n" + parsed.output());
        }
    }

    private static List<Path> files(String suffix) throws Exception {
        List<Path> found = new ArrayList<>();
        for (String folder : List.of("starter", "solution")) {
            try (Stream<Path> files = Files.list(NOVICE.resolve(folder))) {
                files.filter(f -> f.toString().endsWith(suffix)).sorted().forEach(found::add);
            }
        }
        return found;
    }
}
