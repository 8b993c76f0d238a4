package dev.streamlab.bench;

import dev.streamlab.engine.Engine;
import dev.streamlab.engine.EngineConfig;
import dev.streamlab.engine.EngineLog;
import dev.streamlab.engine.EngineOutput;
import dev.streamlab.engine.Firing;
import dev.streamlab.engine.LateElement;
import dev.streamlab.engine.ManualClock;
import dev.streamlab.engine.WindowSpec;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Tumbling 1 s count over 10 M events (100 keys, 10 events per ms, up to 50 ms out of order, bound 100 ms, per-event
 * watermarks): the engine with the log off and on, and the same job on Apache Flink at parallelism 1. Scores are
 * events per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {
    static final int EVENTS = 10_000_000;
    static final int KEYS = 100;
    static final long WINDOW_MS = 1000;
    static final long BOUND_MS = 100;
    static final String[] KEY_NAMES = new String[KEYS];

    static {
        for (int k = 0; k < KEYS; k++) {
            KEY_NAMES[k] = "key-" + k;
        }
    }

    /** Event {@code i}: key {@code i % 100}, ten events per ms, up to 50 ms behind. */
    static long timestamp(long i) {
        return i / 10 - (i * 7919 % 50);
    }

    static final class Counting implements EngineOutput {
        long firings;
        long counted;
        long late;

        @Override
        public void onFiring(Firing firing) {
            firings++;
            counted += firing.result().count();
        }

        @Override
        public void onLate(LateElement element) {
            late++;
        }
    }

    private static long runEngine(EngineLog log) {
        Counting out = new Counting();
        Engine engine = new Engine(EngineConfig.of(new WindowSpec.Tumbling(WINDOW_MS), BOUND_MS, 0), new ManualClock(0), out, log);
        for (int i = 0; i < EVENTS; i++) {
            engine.onEvent(KEY_NAMES[i % KEYS], timestamp(i), 1, 0);
        }
        engine.endOfInput();
        if (out.counted + out.late != EVENTS) {
            throw new IllegalStateException("lost events: " + out.counted + " + " + out.late);
        }
        return out.firings;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long engineLogOff() {
        return runEngine(EngineLog.OFF);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long engineLogOn() {
        long[] entries = new long[1];
        runEngine(entry -> entries[0]++);
        return entries[0];
    }

    /** Flink's BoundedOutOfOrdernessWatermarks emitting after every event, as in the conformance job. */
    static final class PerEvent implements WatermarkGenerator<Tuple2<String, Long>> {
        private long max = Long.MIN_VALUE + BOUND_MS + 1;

        @Override
        public void onEvent(Tuple2<String, Long> event, long ts, WatermarkOutput output) {
            max = Math.max(max, ts);
            output.emitWatermark(new Watermark(max - BOUND_MS - 1));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
        }
    }

    static final class Count implements AggregateFunction<Tuple2<String, Long>, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Tuple2<String, Long> value, Long acc) {
            return acc + 1;
        }

        @Override
        public Long getResult(Long acc) {
            return acc;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void flinkParallelism1() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSequence(0, EVENTS - 1)
                .map(i -> Tuple2.of(KEY_NAMES[(int) (i % KEYS)], timestamp(i)))
                .returns(Types.TUPLE(Types.STRING, Types.LONG))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple2<String, Long>>forGenerator(ctx -> new PerEvent())
                        .withTimestampAssigner((e, previous) -> e.f1))
                .keyBy(e -> e.f0, Types.STRING)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(WINDOW_MS)))
                .aggregate(new Count(), Types.LONG, Types.LONG)
                .sinkTo(new DiscardingSink<>());
        env.execute("bench");
    }
}
