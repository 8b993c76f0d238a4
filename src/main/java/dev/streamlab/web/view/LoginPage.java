package dev.streamlab.web.view;

import j2html.tags.DomContent;

import java.util.List;
import java.util.Optional;

import static j2html.TagCreator.button;
import static j2html.TagCreator.code;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.text;

/** Where an instructor gives the token the lab printed at start; a class's learners never need it. */
public final class LoginPage {
    private LoginPage() {
    }

    /** {@code next} is where to go after logging in (a path of this lab); {@code problem} a refusal to show. */
    public static String render(boolean shared, String next, Optional<String> problem) {
        DomContent body = shared
                ? form(
                        label(text("Instructor token "),
                                input().withType("password").withName("token").withId("token").attr("autocomplete", "off")
                                        .isRequired()),
                        input().withType("hidden").withName("next").withValue(next),
                        button("Log in").withType("submit").withId("log-in")
                ).withMethod("post").withAction("/login")
                : p(text("This lab runs on loopback, for one learner: every action is yours without a token."));
        return Frame.render("Instructor login", List.of(), section(
                h1("Instructor login"),
                p(text("The lab printed the token when it started, on the line "), code("instructor token: ..."),
                        text(". Learners do not need it.")),
                problem.map(text -> (DomContent) p(text).withClass("error").attr("role", "alert")).orElse(text("")),
                body));
    }
}
