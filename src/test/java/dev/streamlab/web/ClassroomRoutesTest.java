package dev.streamlab.web;

import dev.streamlab.testing.Http;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import dev.streamlab.web.RouteAccess.Access;
import dev.streamlab.web.WebServer.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lab a class shares, route by route, with the routes read from the lab's own router: a route added tomorrow is
 * checked here without anyone listing it. Instructor routes refuse anyone without the token; learner routes refuse a
 * browser that only types another learner's name.
 */
class ClassroomRoutesTest {
    private static final String TOKEN = "test-token-" + "0123456789abcdef";
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}|<([^>]+)>");
    /** Not JSON: a route that reads a body refuses it before doing anything, so sending it to every route costs nothing. */
    private static final String NOT_JSON = "[";

    private static TestLab lab;

    @BeforeAll
    static void startSharedLab() {
        lab = TestLab.shared(TestBroker.bootstrapServers(), TOKEN);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void everyRouteTheRouterListsIsClassifiedInTheAccessTable() {
        List<Route> unclassified = lab.web().server().routes().stream()
                .filter(route -> lab.web().server().access().of(route).isEmpty()).toList();
        assertEquals(List.of(), unclassified, "say in RouteAccess who may use these routes");
    }

    @Test
    void everyInstructorRouteRefusesARequestWithoutTheTokenOrWithAWrongOne() {
        List<Route> routes = routesOf(Access.INSTRUCTOR, Access.OWN_TOPIC);
        assertFalse(routes.isEmpty());
        for (Route route : routes) {
            HttpResponse<String> none = send(route);
            HttpResponse<String> wrong = send(route, "Authorization", "Bearer not-the-" + TOKEN);
            for (HttpResponse<String> answer : List.of(none, wrong)) {
                if (route.path().startsWith("/api/")) {
                    assertEquals(401, answer.statusCode(), route + " answered " + answer.body());
                    assertTrue(answer.body().contains("/login"), route + " should say where to log in: " + answer.body());
                } else {
                    assertEquals(303, answer.statusCode(), route + " should send a browser to /login");
                }
            }
        }
    }

    @Test
    void everyInstructorRouteLetsTheTokenThrough() {
        for (Route route : routesOf(Access.INSTRUCTOR, Access.OWN_TOPIC)) {
            HttpResponse<String> answer = send(route, "Authorization", "Bearer " + TOKEN);
            assertFalse(answer.statusCode() == 401 || answer.statusCode() == 403, route + " answered " + answer.body());
        }
    }

    @Test
    void aBrowserThatLoggedInAtLoginActsAsTheInstructor() throws Exception {
        HttpResponse<String> wrong = logIn("not-the-token-at-all");
        assertEquals(403, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());

        HttpResponse<String> right = logIn(TOKEN);
        assertEquals(303, right.statusCode());
        String setCookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertFalse(setCookie.contains(TOKEN), "the cookie holds a value derived from the token, not the token");
        String cookie = setCookie.split(";")[0];
        HttpResponse<String> pause = Http.send("POST", lab.url("/api/playback/pause"), null, "Cookie", cookie);
        assertFalse(pause.statusCode() == 401 || pause.statusCode() == 403, pause.body());
    }

    @Test
    void everyLearnerRouteRefusesABrowserThatOnlyTypesAnotherLearnersName() {
        String ada = Names.unique("Ada");
        String adaCookies = choose(ada);
        // Ada has something to lose: a mark that a stranger must not be able to reset.
        assertEquals(200, Http.send("POST", lab.url("/api/progress/marks/next-quest"), "{\"done\": true}",
                "Cookie", adaCookies).statusCode());
        String forged = Learners.COOKIE + "=" + ada;

        for (Route route : routesOf(Access.LEARNER)) {
            HttpResponse<String> stranger = send(route, "Cookie", forged);
            assertEquals(403, stranger.statusCode(), route + " answered a stranger: " + stranger.body());
            assertTrue(stranger.body().contains("choose your own name"), stranger.body());
        }
        assertTrue(Http.get(lab.url("/api/progress"), "Cookie", adaCookies).body().contains("\"earned\":true"),
                "Ada's mark survives every stranger's request");
        for (Route route : routesOf(Access.LEARNER)) {
            HttpResponse<String> herself = send(route, "Cookie", adaCookies);
            assertFalse(herself.statusCode() == 401 || herself.statusCode() == 403, route + " refused Ada: " + herself.body());
        }
    }

    @Test
    void aNameChosenInOneBrowserCannotBeChosenInAnother() {
        String name = Names.unique("Grace");
        choose(name);
        HttpResponse<String> again = Http.send("POST", lab.url("/api/learner"), "{\"name\": \"" + name + "\"}");
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("is taken"), again.body());
    }

    @Test
    void aLearnerChecksTheirOwnWorkButOnlyTheInstructorChecksAnothers() {
        String ada = Names.unique("Ada");
        choose(ada);
        String bob = choose(Names.unique("Bob"));
        String body = "{\"topic\": \"" + Names.unique("orders") + "\", \"learner\": \"" + ada + "\"}";

        HttpResponse<String> byBob = Http.send("POST", lab.url("/api/challenges/novice/check"), body, "Cookie", bob);
        assertEquals(403, byBob.statusCode(), byBob.body());
        HttpResponse<String> byInstructor = Http.send("POST", lab.url("/api/challenges/novice/check"), body,
                "Authorization", "Bearer " + TOKEN);
        assertEquals(200, byInstructor.statusCode(), byInstructor.body());
    }

    @Test
    void aBrowserWithoutANameReadsButCannotChangeProgressInAClass() {
        assertEquals(200, Http.get(lab.url("/api/progress")).statusCode());
        HttpResponse<String> reset = Http.send("POST", lab.url("/api/progress/reset"), null);
        assertEquals(403, reset.statusCode());
        assertTrue(reset.body().contains("choose your name"), reset.body());
    }

    @Test
    void aLearnerPageOpensWithoutAToken() {
        assertEquals(200, Http.get(lab.url("/")).statusCode());
        assertEquals(200, Http.get(lab.url("/login")).statusCode());
    }

    @Test
    void aloneOnLoopbackNoRouteAsksForATokenOrAKey() {
        try (TestLab alone = TestLab.start(TestBroker.bootstrapServers())) {
            for (Route route : routesOf(Access.INSTRUCTOR, Access.OWN_TOPIC, Access.LEARNER)) {
                HttpResponse<String> answer = Http.send(route.method(), alone.url(filled(route.path())),
                        route.method().equals("GET") ? null : NOT_JSON, "Cookie", Learners.COOKIE + "=Ada");
                assertFalse(answer.statusCode() == 401 || answer.statusCode() == 403, route + " answered " + answer.body());
            }
        }
    }

    /** Chooses a learner name as the home page does; the cookies that prove it, as one Cookie header. */
    private static String choose(String name) {
        HttpResponse<String> r = Http.send("POST", lab.url("/api/learner"), "{\"name\": \"" + name + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        List<String> cookies = new ArrayList<>();
        for (String header : r.headers().allValues("Set-Cookie")) {
            cookies.add(header.split(";")[0]);
        }
        assertEquals(2, cookies.size(), "a name and its key: " + cookies);
        return String.join("; ", cookies);
    }

    private static HttpResponse<String> logIn(String token) throws Exception {
        String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&next=%2Ftime";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(lab.url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Route> routesOf(Access... kinds) {
        List<Access> wanted = List.of(kinds);
        return lab.web().server().routes().stream()
                .filter(route -> !route.method().equals(Route.WEBSOCKET))
                .filter(route -> wanted.contains(lab.web().server().access().of(route).orElse(Access.INSTRUCTOR)))
                .toList();
    }

    private static HttpResponse<String> send(Route route, String... headers) {
        return Http.send(route.method(), lab.url(filled(route.path())), route.method().equals("GET") ? null : NOT_JSON,
                headers);
    }

    /** A path with each parameter filled by a plausible value that names nothing anyone made. */
    private static String filled(String path) {
        Matcher m = PARAM.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = switch (name) {
                case "chapter" -> "kafka";
                case "challenge" -> "novice";
                case "mark" -> "next-quest";
                default -> Names.unique("classroom").replace('.', '-');
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
