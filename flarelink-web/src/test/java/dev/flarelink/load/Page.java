package dev.flarelink.load;

import org.jspecify.annotations.Nullable;

/** The three signed-in pages the load test requests, and how a request path maps back to one of them. */
enum Page {
    PROJECT("project page"),
    GRID("database grid"),
    ACTIVITY("activity");

    private final String label;

    Page(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The page a request path belongs to: {@code /projects/{id}}, {@code /database/{c}/{db}/table}, {@code /activity}. */
    static @Nullable Page of(String path) {
        if (path.equals("/activity")) {
            return ACTIVITY;
        }
        if (path.startsWith("/database/") && path.endsWith("/table")) {
            return GRID;
        }
        if (path.startsWith("/projects/") && path.indexOf('/', "/projects/".length()) < 0) {
            return PROJECT;
        }
        return null;
    }
}
