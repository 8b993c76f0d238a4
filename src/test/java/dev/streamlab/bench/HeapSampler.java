package dev.streamlab.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Another JVM's used heap (survivors + eden + old), sampled by {@code jstat -gc <pid> <period>}: the peak seen since
 * it started or since the last {@link #reset()}. A sampled high-water mark, so a spike shorter than the period may
 * pass unseen.
 */
final class HeapSampler implements AutoCloseable {
    private final Process jstat;
    private final AtomicLong peak = new AtomicLong();

    HeapSampler(long pid, int periodMillis) throws Exception {
        Path bin = Path.of(System.getProperty("java.home"), "bin", "jstat");
        jstat = new ProcessBuilder(bin.toString(), "-gc", String.valueOf(pid), String.valueOf(periodMillis))
                .redirectErrorStream(true).start();
        Thread reader = new Thread(this::read, "jstat-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> header = null;
            for (String line; (line = in.readLine()) != null; ) {
                List<String> cells = List.of(line.trim().split("\\s+"));
                if (cells.contains("EU")) {
                    header = cells;
                    continue;
                }
                if (header == null || cells.size() != header.size()) {
                    continue;
                }
                double kb = 0;
                for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                    kb += Double.parseDouble(cells.get(header.indexOf(column)));
                }
                peak.accumulateAndGet((long) (kb * 1024), Math::max);
            }
        } catch (Exception ignored) {
            // jstat ended
        }
    }

    /** The peak in bytes so far, after waiting {@code settleMillis} for the last samples. */
    long peak(long settleMillis) throws InterruptedException {
        Thread.sleep(settleMillis);
        return peak.get();
    }

    /** The peak in bytes since the last reset, after waiting {@code settleMillis} for the phase's last samples. */
    long reset(long settleMillis) throws InterruptedException {
        Thread.sleep(settleMillis);
        return peak.getAndSet(0);
    }

    @Override
    public void close() {
        jstat.destroy();
    }
}
