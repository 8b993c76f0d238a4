package dev.streamlab.web;

import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Http;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A full permit pool answers 503 with one JSON line at once, and a permit is free again when its request ends. */
class RunPermitsTest {

    @Test
    void aRequestBeyondThePermitsIsAnswered503BusyAndThePermitReturnsAfterwards() throws Exception {
        RunPermits permits = new RunPermits(1, "simulations");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        int port = FreePorts.next();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/slow", permits.guard(ctx -> {
                inside.countDown();
                release.await(30, TimeUnit.SECONDS);
                ctx.result("done");
            }));
            config.routes.exception(HttpRefusal.class, HttpRefusal::answer);
        }).start("127.0.0.1", port);
        try {
            String url = "http://127.0.0.1:" + port + "/slow";
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> Http.send("POST", url, "{}"));
            assertTrue(inside.await(30, TimeUnit.SECONDS), "the first request never started");

            HttpResponse<String> busy = Http.send("POST", url, "{}");
            assertEquals(503, busy.statusCode());
            assertEquals("{\"error\":\"the lab is busy: 1 simulations are running already (the lab runs at most 1 at once); "
                    + "try again in a moment\"}", busy.body());
            assertEquals("1", busy.headers().firstValue("Retry-After").orElse(""));

            release.countDown();
            assertEquals(200, first.join().statusCode());
            assertEquals(200, Http.send("POST", url, "{}").statusCode());
        } finally {
            release.countDown();
            app.stop();
        }
    }
}
