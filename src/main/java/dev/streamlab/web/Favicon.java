package dev.streamlab.web;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The lab's icon at /favicon.ico, where browsers ask for it whatever the page links: the same SVG the pages link
 * (web/img/favicon.svg), so there is one icon and no 404 on every page.
 */
final class Favicon {
    static final String RESOURCE = "/web/img/favicon.svg";

    private final byte[] svg;

    Favicon() {
        try (InputStream in = Favicon.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: the build copies web/ into the jar");
            }
            this.svg = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void serve(Context ctx) {
        ctx.contentType("image/svg+xml").header("Cache-Control", "max-age=86400").result(svg);
    }
}
