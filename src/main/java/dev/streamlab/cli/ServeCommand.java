package dev.streamlab.cli;

import dev.streamlab.App;
import dev.streamlab.RunningLab;
import dev.streamlab.StartupException;
import dev.streamlab.config.InvalidSettingException;
import dev.streamlab.config.LabSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: starts the lab, prints one line when it is ready, runs until Ctrl-C or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the lab: the embedded Kafka broker (or an external cluster) and the web server.")
public final class ServeCommand implements Callable<Integer> {
    static final int EXIT_STARTUP_FAILED = 1;
    static final int EXIT_BAD_SETTING = 2;

    @Mixin
    ServeOptions options = new ServeOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        return serve(options, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    static int serve(ServeOptions options, PrintWriter out, PrintWriter err) throws InterruptedException {
        Logging.configure(options.verbose);
        LabSettings settings;
        try {
            settings = options.toSettings();
        } catch (InvalidSettingException e) {
            err.println("streamlab: " + oneLine(e.getMessage()));
            err.flush();
            return EXIT_BAD_SETTING;
        }
        RunningLab lab;
        try {
            lab = App.start(settings, Clock.systemUTC(), line -> {
                out.println(line);
                out.flush();
            });
        } catch (StartupException | InvalidSettingException e) {
            err.println("streamlab: " + oneLine(e.getMessage()));
            err.flush();
            return EXIT_STARTUP_FAILED;
        } catch (RuntimeException e) {
            // A failure nobody foresaw still costs one line; --verbose keeps the trace for the bug report.
            if (options.verbose) {
                e.printStackTrace(err);
            }
            err.println("streamlab: the lab did not start: " + oneLine(String.valueOf(e.getMessage()))
                    + (options.verbose ? "" : " (run with --verbose to see why)"));
            err.flush();
            return EXIT_STARTUP_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                out.println("Streamlab is stopping...");
                out.flush();
                lab.close();
                out.println("Streamlab stopped.");
                out.flush();
                stopped.countDown();
            }, "streamlab-shutdown"));
        } catch (IllegalStateException e) {
            // Ctrl-C or SIGTERM came while the lab was starting: the JVM is already on its way out
            lab.close();
            err.println("streamlab: stopped while starting (Ctrl-C or SIGTERM)");
            err.flush();
            return EXIT_STARTUP_FAILED;
        }
        // Before the ready line, which scripts wait for: by then everything the lab has to say is printed.
        lab.instructorLine().ifPresent(out::println);
        out.println(readyLine(settings, lab));
        out.flush();
        stopped.await();
        return 0;
    }

    /** A message from deep inside (Kafka's, the OS's) may hold line breaks; the user still gets one line. */
    static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static String readyLine(LabSettings settings, RunningLab lab) {
        double seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        String kafka = settings.embedded()
                ? "Kafka " + lab.broker().bootstrapServers() + " (embedded, data in " + settings.dataDir() + ")"
                : "Kafka " + lab.broker().bootstrapServers() + " (external)";
        return String.format(Locale.ROOT, "Streamlab ready in %.1f s: open %s · %s", seconds, lab.webUrl(), kafka);
    }
}
