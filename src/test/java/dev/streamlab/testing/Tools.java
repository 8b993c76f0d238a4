package dev.streamlab.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the outside programs a learner would use (kcat, Debian's Python clients) and captures what they print. */
public final class Tools {
    /** Debian's Kafka packages belong to this interpreter; the first python3 on PATH may be another one. */
    public static final String PYTHON = "/usr/bin/python3";

    private Tools() {
    }

    public static boolean installed(String executable) {
        if (executable.startsWith("/")) {
            return Files.isExecutable(Path.of(executable));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }

    public static boolean pythonHas(String module) {
        return installed(PYTHON) && run(null, null, PYTHON, "-c", "import " + module).exitCode() == 0;
    }

    /** Runs to completion (at most 60 s), feeding {@code stdin} when given. */
    public static Result run(Path workDir, String stdin, String... command) {
        return run(workDir, stdin, java.time.Duration.ofSeconds(60), command);
    }

    /** As {@link #run(Path, String, String...)}, for a command that may take up to {@code limit}. */
    public static Result run(Path workDir, String stdin, java.time.Duration limit, String... command) {
        try {
            Path out = Files.createTempFile("tool-out", ".txt");
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            Process process = builder.start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + limit + ":\n"
                        + Files.readString(out));
            }
            Result result = new Result(process.exitValue(), Files.readString(out));
            Files.delete(out);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs one of the lab's Python scripts as a learner would, with {@code STREAMLAB_BOOTSTRAP} set. */
    public static Result python(String bootstrap, Path script, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/env", "STREAMLAB_BOOTSTRAP=" + bootstrap,
                PYTHON, script.toString()));
        command.addAll(List.of(args));
        return run(null, null, command.toArray(String[]::new));
    }

    public record Result(int exitCode, String output) {
    }
}
