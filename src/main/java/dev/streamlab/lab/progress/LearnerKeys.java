package dev.streamlab.lab.progress;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Binds each learner name to a secret made the first time the name is chosen: whoever holds the secret is that learner,
 * and nobody else can take the name. Only a hash of each secret is kept (in {@code learner-keys.properties} beside the
 * progress files), so the file does not hand out the names; it survives restarts as progress does.
 */
public final class LearnerKeys {
    static final String FILE = "learner-keys.properties";
    private static final int SECRET_BYTES = 32;

    private final Path file;
    private final SecureRandom random;
    private final Properties hashes = new Properties();

    public LearnerKeys(Path progressFolder, SecureRandom random) {
        this.file = Objects.requireNonNull(progressFolder, "progressFolder").resolve(FILE);
        this.random = Objects.requireNonNull(random, "random");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            hashes.load(in);
        } catch (NoSuchFileException e) {
            // no learner has chosen a name on a shared lab yet
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the learners' keys in " + file, e);
        }
    }

    /** The new secret when nobody has chosen this name yet; empty when someone has. */
    public synchronized Optional<String> claim(LearnerName name) {
        if (hashes.containsKey(name.fileName())) {
            return Optional.empty();
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        hashes.setProperty(name.fileName(), HexFormat.of().formatHex(sha256(text)));
        try {
            save();
        } catch (UncheckedIOException e) {
            hashes.remove(name.fileName()); // a name whose key was never handed out stays free
            throw e;
        }
        return Optional.of(text);
    }

    /** Whether {@code secret} is this name's; compared in constant time, so its timing tells nothing. */
    public synchronized boolean holds(LearnerName name, String secret) {
        String stored = hashes.getProperty(name.fileName());
        if (stored == null || secret == null) {
            return false;
        }
        return MessageDigest.isEqual(HexFormat.of().parseHex(stored), sha256(secret));
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                hashes.store(out, "learner name (as its progress file is named) = SHA-256 of the key in the learner's cookie");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the learners' keys in " + file, e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
