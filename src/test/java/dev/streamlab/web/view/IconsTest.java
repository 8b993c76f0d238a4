package dev.streamlab.web.view;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Marks are drawn, never typed: the browser's icons (web/js/icons.js) are the server's (Icons.java), one visual system,
 * and no page, module or stylesheet writes a mark as a font's glyph (✓, ▼, ⚠…), which shows as whatever font the
 * machine has, or as a box.
 */
class IconsTest {
    /** Glyphs once used as marks; arrows and signs inside prose (→, ×, ·, ∅) are words' company, not marks. */
    private static final Pattern MARK_GLYPH = Pattern.compile("[✓✔✗✘○●⚠▲▼▶◀◂▸❚↺↻✕★☆]");
    private static final Pattern COMMENT = Pattern.compile("^\\s*(//|/?\\*)");

    @Test
    void noPageModuleOrStylesheetWritesAMarkAsAGlyph() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path dir : List.of(Path.of("web", "js"), Path.of("web", "css"), Path.of("src", "main", "java", "dev", "streamlab", "web", "view"))) {
            try (var files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        if (!COMMENT.matcher(line).find() && MARK_GLYPH.matcher(line).find()) {
                            found.add(file + ":" + (i + 1) + ": " + line.strip());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found, "draw the mark with an icon (Icons.java, web/js/icons.js) and say it in words");
    }

    @Test
    void everyShapeTheBrowserDrawsIsOneOfTheServersIcons() throws IOException, IllegalAccessException {
        String icons = Files.readString(Path.of("web", "js", "icons.js"));
        List<String> server = new ArrayList<>();
        for (Field field : Icons.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                server.add((String) field.get(null));
            }
        }
        Matcher path = Pattern.compile("(?:d: |pointer\\()'([^']+)'").matcher(icons);
        List<String> missing = new ArrayList<>();
        int shapes = 0;
        while (path.find()) {
            shapes++;
            String d = "d=\"" + path.group(1) + "\"";
            if (server.stream().noneMatch(svg -> svg.contains(d))) {
                missing.add(path.group(1));
            }
        }
        assertTrue(shapes >= 7, "icons.js draws its paths with d: '...' or pointer('...'): found " + shapes);
        assertEquals(List.of(), missing, "paths in icons.js that no constant of Icons.java draws");
    }
}
