package dev.streamlab.scenario;

import dev.streamlab.engine.WindowSpec;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference job of the conformance README on real Flink: parallelism 1, BoundedOutOfOrderness logic emitting after
 * every event, keyBy, the window assigner, allowedLateness, sideOutputLateData, a window function giving count and sum.
 * Events are (key, ts, value, arrival index). Output lines: {@code F key start end count sum watermark maxIndex} and
 * {@code D index key ts}, tab-separated.
 */
final class FlinkJob {
    static final TypeInformation<Tuple4<String, Long, Double, Integer>> EVENT =
            Types.TUPLE(Types.STRING, Types.LONG, Types.DOUBLE, Types.INT);

    private FlinkJob() {
    }

    /** Flink's BoundedOutOfOrdernessWatermarks, but emitting right after every event instead of periodically. */
    static final class PerEventBoundedOutOfOrderness implements WatermarkGenerator<Tuple4<String, Long, Double, Integer>> {
        private final long bound;
        private long maxTimestamp;

        PerEventBoundedOutOfOrderness(long bound) {
            this.bound = bound;
            this.maxTimestamp = Long.MIN_VALUE + bound + 1;
        }

        @Override
        public void onEvent(Tuple4<String, Long, Double, Integer> event, long eventTimestamp, WatermarkOutput output) {
            maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
            output.emitWatermark(new Watermark(maxTimestamp - bound - 1));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
        }
    }

    static final class CountAndSum extends ProcessWindowFunction<Tuple4<String, Long, Double, Integer>, String, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<Tuple4<String, Long, Double, Integer>> elements, Collector<String> out) {
            long count = 0;
            double sum = 0;
            int maxIndex = -1;
            for (Tuple4<String, Long, Double, Integer> e : elements) {
                count++;
                sum += e.f2;
                maxIndex = Math.max(maxIndex, e.f3);
            }
            out.collect("F\t" + key + "\t" + ctx.window().getStart() + "\t" + ctx.window().getEnd() + "\t" + count + "\t"
                    + sum + "\t" + ctx.currentWatermark() + "\t" + maxIndex);
        }
    }

    private static WindowAssigner<Object, TimeWindow> assigner(WindowSpec spec) {
        if (spec instanceof WindowSpec.Tumbling t) {
            return TumblingEventTimeWindows.of(Duration.ofMillis(t.sizeMs()), Duration.ofMillis(t.offsetMs()));
        } else if (spec instanceof WindowSpec.Sliding s) {
            return SlidingEventTimeWindows.of(Duration.ofMillis(s.sizeMs()), Duration.ofMillis(s.slideMs()),
                    Duration.ofMillis(s.offsetMs()));
        }
        return EventTimeSessionWindows.withGap(Duration.ofMillis(((WindowSpec.Session) spec).gapMs()));
    }

    static List<String> run(Scenario scenario) throws Exception {
        return runAll(List.of(scenario)).get(0);
    }

    /**
     * Runs each scenario as its own pipeline (own source, watermarks, window operator) inside one Flink job, so that
     * the mini cluster starts once per batch; only the collecting sink is shared.
     */
    static List<List<String>> runAll(List<Scenario> scenarios) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataStream<String> all = null;
        for (int s = 0; s < scenarios.size(); s++) {
            DataStream<String> one = pipeline(env, scenarios.get(s), s);
            all = all == null ? one : all.union(one);
        }
        List<List<String>> results = new ArrayList<>();
        for (int s = 0; s < scenarios.size(); s++) {
            results.add(new ArrayList<>());
        }
        try (var it = all.executeAndCollect("differential")) {
            while (it.hasNext()) {
                String line = it.next();
                int tab = line.indexOf('\t');
                results.get(Integer.parseInt(line.substring(0, tab))).add(line.substring(tab + 1));
            }
        }
        return results;
    }

    private static DataStream<String> pipeline(StreamExecutionEnvironment env, Scenario scenario, int id) {
        List<Tuple4<String, Long, Double, Integer>> events = new ArrayList<>();
        for (int i = 0; i < scenario.events().size(); i++) {
            ScenarioEvent e = scenario.events().get(i);
            events.add(Tuple4.of(e.key(), e.ts(), e.value(), i));
        }
        long bound = scenario.config().maxOutOfOrdernessMs();
        OutputTag<Tuple4<String, Long, Double, Integer>> late = new OutputTag<>("late", EVENT);
        SingleOutputStreamOperator<String> firings = env.fromData(events, EVENT)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple4<String, Long, Double, Integer>>forGenerator(
                                ctx -> new PerEventBoundedOutOfOrderness(bound))
                        .withTimestampAssigner((e, previous) -> e.f1))
                .keyBy(e -> e.f0, Types.STRING)
                .window(assigner(scenario.config().windows()))
                .allowedLateness(Duration.ofMillis(scenario.config().allowedLatenessMs()))
                .sideOutputLateData(late)
                .process(new CountAndSum(), Types.STRING);
        DataStream<String> dropped = firings.getSideOutput(late).map(e -> "D\t" + e.f3 + "\t" + e.f0 + "\t" + e.f1)
                .returns(Types.STRING);
        return firings.union(dropped).map(line -> id + "\t" + line).returns(Types.STRING);
    }
}
