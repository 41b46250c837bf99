package dev.flarelink.load;

import org.jspecify.annotations.Nullable;

/**
 * The signed-in pages the load test can request, and how a request path maps back to one of them. {@link #HOME} is
 * the floor: a page with the app's layout and no data of its own, through the same filters, session and advices.
 */
enum Page {
    PROJECT("project page"),
    GRID("database grid"),
    ACTIVITY("activity"),
    HOME("home (static)");

    private final String label;

    Page(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The page a request path belongs to: {@code /projects/{id}}, {@code /database/{c}/{db}/table}, {@code /activity}. */
    static @Nullable Page of(String path) {
        if (path.equals("/")) {
            return HOME;
        }
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
