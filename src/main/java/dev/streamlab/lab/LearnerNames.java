package dev.streamlab.lab;

import dev.streamlab.lab.progress.LearnerName;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A learner's own topic and group names: the default learner keeps the lab's names, a named learner's names start
 * with a Kafka-safe prefix of their name, and no learner's prefix starts another's.
 *
 * <p>The prefix rule: a name of ASCII letters and digits alone is its own prefix ({@code alice} gives
 * {@code alice-orders}). Any other name (spaces, '-', '.', '_', accents, other scripts) is written with ASCII letters,
 * digits and '-', then marked with '_' and eight hex digits of its SHA-256 ({@code Ada Lovelace} gives
 * {@code Ada-Lovelace_76740216-orders}). So a plain prefix ends at the name's first '-' and a spelled-out one at the
 * '-' after its mark: {@code alice} and {@code alice-eos} never share a name ({@code alice-eos-orders} is alice's,
 * {@code alice-eos_…-orders} the other's), and two spelled-out names share a prefix only if their hashes collide
 * (one in four billion).
 */
public record LearnerNames(String prefix) {
    /** Kafka's longest topic name. */
    public static final int MAX_NAME = 249;
    /** The longest prefix: a {@link LearnerName} of 40 characters, spelled out, marked and followed by '-'. */
    public static final int MAX_PREFIX = LearnerName.MAX_LENGTH + 1 + 8 + 1;
    /** The default learner's names: the lab's own, unprefixed, as alone on a laptop. */
    public static final LearnerNames NONE = new LearnerNames("");
    /** How a spelled-out learner's prefix looks: ASCII letters, digits and '-', its mark, then '-'. */
    private static final Pattern SPELLED_OUT = Pattern.compile("[A-Za-z0-9-]*_[0-9a-f]{8}-");

    public LearnerNames {
        if (prefix == null) {
            throw new IllegalArgumentException("a learner's prefix is empty or letters, digits, '-' and '_' ending in '-'");
        }
        if (!prefix.isEmpty() && !prefix.matches("[A-Za-z0-9][A-Za-z0-9_-]*-")) {
            throw new IllegalArgumentException("a learner's prefix is letters, digits, '-' and '_' ending in '-', not '"
                    + prefix + "'");
        }
        if (prefix.length() > MAX_PREFIX) {
            throw new IllegalArgumentException("a learner's prefix has at most " + MAX_PREFIX + " characters, '"
                    + prefix + "' has " + prefix.length());
        }
    }

    /** The names of {@code learner}: none for the default learner, their prefix for anyone who chose a name. */
    public static LearnerNames of(LearnerName learner) {
        if (learner == null || learner.equals(LearnerName.DEFAULT)) {
            return NONE;
        }
        String name = learner.value();
        if (name.matches("[A-Za-z0-9]+")) {
            return new LearnerNames(name + "-");
        }
        // Accents come off their letters first, so "Zoë" reads "Zoe", not "Zo-".
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return new LearnerNames((ascii.isEmpty() ? "learner" : ascii) + "_" + hash(name) + "-");
    }

    /** True for the default learner, whose names are the lab's own. */
    public boolean none() {
        return prefix.isEmpty();
    }

    /** {@code base} as this learner's name ({@code orders} becomes {@code alice-orders}); null stays null. */
    public String name(String base) {
        if (base == null) {
            return null;
        }
        String named = prefix + base;
        if (named.length() > MAX_NAME) {
            throw new IllegalArgumentException("Kafka names have at most " + MAX_NAME + " characters; " + named
                    + " has " + named.length());
        }
        return named;
    }

    /**
     * A name under a demo's own {@code fixed} prefix that keeps its rule ({@code bs-} for the batch-vs-stream demo):
     * {@code bs-orders} for the default learner, {@code bs-alice-orders} for alice.
     */
    public String within(String fixed, String base) {
        String named = fixed + name(base);
        if (named.length() > MAX_NAME) {
            throw new IllegalArgumentException("Kafka names have at most " + MAX_NAME + " characters; " + named
                    + " has " + named.length());
        }
        return named;
    }

    /** True when {@code name} is this learner's under a demo's {@code fixed} prefix, as {@link #within} makes it. */
    public boolean ownsWithin(String fixed, String name) {
        return name == null || name.startsWith(fixed) && owns(name.substring(fixed.length()));
    }

    /** A challenge's or demo's names as this learner's. */
    public Submission of(Submission names) {
        return new Submission(name(names.topic()), name(names.group()), name(names.output()));
    }

    /**
     * True when {@code name} is this learner's to check or act on: any name for the default learner; for a named one,
     * a name with their prefix that does not go on with a spelled-out learner's mark ({@code alice} does not own
     * {@code alice-eos_1f0c2d3e-orders}, which is learner {@code alice eos}'s).
     */
    public boolean owns(String name) {
        return name == null || name.startsWith(prefix) && !SPELLED_OUT.matcher(name.substring(prefix.length())).lookingAt();
    }

    /**
     * Refuses, in one line, names in {@code submission} that belong to no one or to another learner, so one learner
     * cannot check or act on another's records.
     */
    public void requireOwned(Submission submission, String learner) {
        for (String name : Stream.of(submission.topic(), submission.group(), submission.output())
                .filter(Objects::nonNull).toList()) {
            if (!owns(name)) {
                throw new IllegalArgumentException("as " + learner + " your topics and groups start with " + prefix
                        + " (" + name(name) + ", say), so no one else's records count for you; " + name + " does not");
            }
        }
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
