package dev.streamlab.scenario;

import java.util.Random;

/** Seeded random scenarios in the conformance input format: mostly ordered time with jitter, late stragglers and jumps. */
final class RandomScenarios {
    private static final long[] BOUNDS = {0, 0, 100, 500, 2000};
    private static final long[] LATENESS = {0, 0, 300, 1000, 5000};

    private RandomScenarios() {
    }

    private static long pick(Random r, long... values) {
        return values[r.nextInt(values.length)];
    }

    static String next(Random r) {
        String window;
        switch (r.nextInt(3)) {
            case 0: {
                long size = pick(r, 1000, 2000, 3000, 5000);
                long offset = r.nextInt(10) < 3 ? (long) (r.nextDouble() * 2 * size) - size : 0;
                offset = Math.max(-(size - 1), Math.min(size - 1, offset));
                window = "{\"type\":\"tumbling\",\"sizeMs\":" + size + ",\"offsetMs\":" + offset + "}";
                break;
            }
            case 1: {
                long size = pick(r, 2000, 3000, 5000, 10000);
                long slide = pick(r, 500, 1000, 1500, 2000, 4000, 6000);
                long offset = r.nextInt(10) < 3 ? (long) (r.nextDouble() * 2 * slide) - slide : 0;
                offset = Math.max(-(slide - 1), Math.min(slide - 1, offset));
                window = "{\"type\":\"sliding\",\"sizeMs\":" + size + ",\"slideMs\":" + slide + ",\"offsetMs\":" + offset + "}";
                break;
            }
            default:
                window = "{\"type\":\"session\",\"gapMs\":" + pick(r, 300, 500, 1000, 2000, 3000) + "}";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("{\"window\":").append(window)
                .append(",\"maxOutOfOrdernessMs\":").append(pick(r, BOUNDS))
                .append(",\"allowedLatenessMs\":").append(pick(r, LATENESS))
                .append(",\"events\":[");
        int n = 5 + r.nextInt(56);
        int keys = 1 + r.nextInt(3);
        long t = r.nextInt(3000);
        for (int i = 0; i < n; i++) {
            int step = r.nextInt(10);
            t += step == 0 ? 0 : step == 1 ? 5000 + r.nextInt(10000) : r.nextInt(800);
            long ts = r.nextInt(4) == 0 ? Math.max(0, t - r.nextInt(8000)) : t;
            sb.append(i == 0 ? "" : ",").append("{\"key\":\"").append((char) ('a' + r.nextInt(keys)))
                    .append("\",\"ts\":").append(ts);
            int v = r.nextInt(10);
            if (v >= 2) {
                sb.append(",\"value\":").append(v == 2 ? Double.toString((r.nextInt(80) - 40) / 4.0)
                        : Integer.toString(r.nextInt(31) - 10));
            }
            sb.append('}');
        }
        return sb.append("]}").toString();
    }
}
