package dev.streamlab.bench;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.guarantees.ChaosPrograms;
import dev.streamlab.kafka.guarantees.ChaosReport;
import dev.streamlab.kafka.guarantees.ChaosRun;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.Tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * By hand (about 12 minutes): {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.streamlab.bench.ChaosBenchmark}. For the exactly-once program of the tests, once with the
 * client's default session (a dynamic member, 45 s) and once as a static member with a 6 s session: kill to the first
 * committed output of the restarted program over 10 kills (median and worst), and chaos's wall time for
 * {@code --kills 3 --records 1000}. Kills land on the program's "produced, not committed" line.
 */
public final class ChaosBenchmark {
    public static void main(String[] args) throws Exception {
        KafkaClients clients = new KafkaClients(TestBroker.bootstrapServers(), Map.of());
        Path dir = Files.createTempDirectory("chaos-bench");
        for (boolean staticMember : List.of(true, false)) {
            String name = staticMember ? "static member, 6 s session" : "default session (45 s)";
            ChaosReport ten = run(clients, dir, staticMember, 10, 2200);
            List<Long> recoveries = ten.runs().stream().map(ChaosReport.Run::killToCommitMs).filter(Objects::nonNull)
                    .sorted().toList();
            System.out.printf("%-28s kill -> first committed output over %d kills: median %.1f s, worst %.1f s (%s)%n",
                    name, recoveries.size(), recoveries.get(recoveries.size() / 2) / 1000.0,
                    recoveries.get(recoveries.size() - 1) / 1000.0, ten.outcome());
            ChaosReport three = run(clients, dir, staticMember, 3, 1000);
            System.out.printf("%-28s chaos --kills 3 --records 1000: %.1f s wall (%s)%n", name,
                    three.durationMs() / 1000.0, three.outcome());
        }
        System.exit(0);
    }

    private static ChaosReport run(KafkaClients clients, Path dir, boolean staticMember, int kills, int records)
            throws Exception {
        Path program = ChaosPrograms.write(dir, "eos-" + staticMember + "-" + kills + ".py",
                ChaosPrograms.exactlyOnce(kills, staticMember));
        ChaosRun.Settings settings = new ChaosRun.Settings(clients, Names.unique("bench-chaos-in"),
                Names.unique("bench-chaos-out"), records, kills, false, 42, Duration.ofMinutes(20), Duration.ofSeconds(3),
                Duration.ofSeconds(90), Duration.ofMillis(300), Pattern.compile(Pattern.quote(ChaosPrograms.SIGNAL)),
                List.of(Tools.PYTHON, program.toString()));
        return new ChaosRun(settings, line -> { }).run();
    }
}
