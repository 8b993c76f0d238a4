package dev.streamlab.lab;

/** Page paths in lab content are absolute and plain: "/" followed by lowercase letters, digits, '-' and '/'. */
final class LabPaths {
    private LabPaths() {
    }

    static void requirePagePath(String path) {
        if (path == null || !path.matches("/[a-z0-9/-]+")) {
            throw new IllegalArgumentException("a page path looks like /kafka or /challenges/novice, got " + path);
        }
    }
}
