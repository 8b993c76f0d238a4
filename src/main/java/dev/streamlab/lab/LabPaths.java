package dev.streamlab.lab;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Ids and page paths in lab content are plain: lowercase letters, digits and '-' (paths: "/" and those and '/'). */
final class LabPaths {
    private LabPaths() {
    }

    static void requirePagePath(String path) {
        if (path == null || !path.matches("/[a-z0-9/-]+")) {
            throw new IllegalArgumentException("a page path looks like /kafka or /challenges/novice, got " + path);
        }
    }

    static void requireId(String id) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("an id is lowercase letters, digits and '-', got " + id);
        }
    }

    static void requireUnique(List<String> ids, String what) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException(what + " must be unique; " + id + " appears twice");
            }
        }
    }
}
