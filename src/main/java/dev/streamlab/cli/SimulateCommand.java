package dev.streamlab.cli;

import dev.streamlab.engine.EngineBudget;
import dev.streamlab.scenario.ScenarioException;
import dev.streamlab.scenario.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code simulate}: runs a scenario through the engine and prints the canonical result; exit 2 on bad input. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Runs a window scenario (conformance input format) through the event-time engine and prints "
                + "the canonical result.",
                "With --batch, writes NAME.actual.json into OUT_DIR for every NAME.json in IN_DIR."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "2:bad input or usage (one line on stderr per bad file)"})
public final class SimulateCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    @Parameters(arity = "0..1", paramLabel = "SCENARIO", description = "the scenario JSON file")
    Path scenario;

    @Option(names = "--batch", arity = "2", paramLabel = "DIR", description = "IN_DIR OUT_DIR: simulate every scenario in IN_DIR")
    List<Path> batch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((scenario == null) == (batch == null)) {
            throw new ParameterException(spec.commandLine(), "give either SCENARIO or --batch IN_DIR OUT_DIR");
        }
        return batch == null ? single(scenario) : batch(batch.get(0), batch.get(1));
    }

    private int single(Path file) {
        try {
            String result = Scenarios.simulate(read(file));
            PrintWriter out = spec.commandLine().getOut();
            out.print(result);
            out.flush();
            return 0;
        } catch (ScenarioException | IOException e) {
            reportBad(file, e);
            return BAD_INPUT;
        }
    }

    private int batch(Path inDir, Path outDir) {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(inDir)) {
            inputs = files.filter(SimulateCommand::isScenarioFile).sorted().collect(Collectors.toList());
            Files.createDirectories(outDir);
        } catch (IOException e) {
            reportBad(inDir, e);
            return BAD_INPUT;
        }
        int written = 0;
        for (Path in : inputs) {
            String name = in.getFileName().toString();
            Path out = outDir.resolve(name.substring(0, name.length() - ".json".length()) + ".actual.json");
            try {
                Files.writeString(out, Scenarios.simulate(read(in)), StandardCharsets.UTF_8);
                written++;
            } catch (ScenarioException | IOException e) {
                reportBad(in, e);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + written + " of " + inputs.size() + " results to " + outDir);
        out.flush();
        return written == inputs.size() ? 0 : BAD_INPUT;
    }

    static boolean isScenarioFile(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".json") && !n.endsWith(".expected.json") && !n.endsWith(".actual.json") && Files.isRegularFile(p);
    }

    /** Reads a scenario file; one larger than the lab's budget is refused before it is read. */
    private static String read(Path file) throws IOException, ScenarioException {
        long size = Files.size(file);
        long limit = EngineBudget.DEFAULT.maxInputBytes();
        if (size > limit) {
            throw new ScenarioException("scenario: " + size + " bytes are more than the lab reads (at most " + limit
                    + "; send fewer events)");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private void reportBad(Path file, Exception e) {
        String message = e instanceof ScenarioException ? e.getMessage()
                : "cannot read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        PrintWriter err = spec.commandLine().getErr();
        err.println(file + ": " + message.replace('\n', ' '));
        err.flush();
    }
}
