package dev.streamlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code validate}: asks the running lab to check a challenge, so checks that need the lab's memory (such as a replay
 * it saw) work, and prints the same lines as the page's "Check my work". Exit 0 only when every requirement passes.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a challenge on the broker through the running lab and prints one line per requirement: "
                + "pass or fail, what the broker showed, and the hint when it fails."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every requirement passes", "1:some requirement fails",
                "2:bad usage, or the lab did not answer"})
public final class ValidateCommand implements Callable<Integer> {
    static final int FAILED = 1;
    static final int UNUSABLE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "CHALLENGE", description = "novice, intermediate or advanced")
    String challenge;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "the topic you produce to (default: the challenge's)")
    String topic;

    @Option(names = "--group", paramLabel = "GROUP", description = "your consumer group (default: the challenge's)")
    String group;

    @Option(names = "--output", paramLabel = "TOPIC", description = "the topic your program writes (default: the challenge's)")
    String output;

    @Option(names = "--lab", paramLabel = "URL", defaultValue = "${STREAMLAB_LAB:-http://127.0.0.1:7070}",
            description = "the running lab (default ${DEFAULT-VALUE}; env STREAMLAB_LAB)")
    String lab;

    @Option(names = "--learner", paramLabel = "NAME", description = "record passed checks in this learner's progress "
            + "(default: the lab's default learner)")
    String learner;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (!challenge.matches("[a-z0-9-]+")) {
            throw new ParameterException(spec.commandLine(), "a challenge is novice, intermediate or advanced, not " + challenge);
        }
        URI base;
        try {
            base = URI.create(lab.endsWith("/") ? lab : lab + "/");
            if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--lab is the lab's address, like http://127.0.0.1:7070, not " + lab);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode body = JSON.createObjectNode();
        putIfSet(body, "topic", topic);
        putIfSet(body, "group", group);
        putIfSet(body, "output", output);
        putIfSet(body, "learner", learner);
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(base.resolve("api/challenges/" + challenge + "/check"))
                            .timeout(Duration.ofMinutes(2))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("No lab answers at " + lab + ": start it with `mvn -q compile exec:java` (or `java -jar "
                    + "target/streamlab.jar`), or point --lab at it.");
            return UNUSABLE;
        } catch (HttpTimeoutException e) {
            err.println("The lab at " + lab + " did not answer in time: is Kafka up? The lab's home page says.");
            return UNUSABLE;
        } catch (IOException e) {
            err.println("Could not talk to the lab at " + lab + ": " + e.getMessage());
            return UNUSABLE;
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            err.println("The lab at " + lab + " answered " + response.statusCode() + " with something that is not "
                    + "Streamlab's JSON: is --lab the right address?");
            return UNUSABLE;
        }
        if (response.statusCode() != 200) {
            err.println(answer.path("error").asText("the lab answered " + response.statusCode()));
            return UNUSABLE;
        }
        print(answer, out);
        out.flush();
        return answer.path("passed").asBoolean() ? 0 : FAILED;
    }

    private static void print(JsonNode report, PrintWriter out) {
        JsonNode names = report.path("submission");
        StringBuilder what = new StringBuilder();
        for (String field : new String[] {"topic", "group", "output"}) {
            if (names.hasNonNull(field)) {
                what.append(what.isEmpty() ? "" : ", ").append(field).append(' ').append(names.get(field).asText());
            }
        }
        out.println("Checking the " + report.path("challenge").asText() + " challenge"
                + (what.isEmpty() ? "" : " (" + what + ")"));
        int passed = 0;
        for (JsonNode line : report.path("results")) {
            boolean ok = line.path("passed").asBoolean();
            passed += ok ? 1 : 0;
            out.println((ok ? "PASS  " : "FAIL  ") + line.path("text").asText());
            for (JsonNode seen : line.path("evidence")) {
                out.println("        " + seen.asText());
            }
            if (!ok && line.hasNonNull("hint")) {
                out.println("        hint: " + line.get("hint").asText());
            }
        }
        int total = report.path("results").size();
        out.println(report.path("passed").asBoolean() ? "All " + total + " requirements pass."
                : passed + " of " + total + " requirements pass.");
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null && !value.isBlank()) {
            body.put(field, value);
        }
    }
}
