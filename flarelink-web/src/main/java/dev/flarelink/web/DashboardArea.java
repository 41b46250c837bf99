package dev.flarelink.web;

import java.util.Locale;

/** What each area of the dashboard is for, shown while it is still empty. */
enum DashboardArea {
    PROJECTS(
            "Projects",
            "A project is an auth backend in your Cloudflare account: an auth Worker, a D1 database, a KV namespace "
                    + "for sessions and, if you like, an R2 bucket.",
            "No projects yet. Connecting your Cloudflare account comes first; then New project shows every call it "
                    + "will make before it makes one."),
    FILES(
            "Files",
            "R2 buckets, CORS rules that make browser uploads work, R2 keys and a file browser.",
            "No buckets yet: create one with a project, or attach an existing one."),
    ACTIVITY(
            "Activity",
            "Every call Flarelink makes with your token and every change you make here, hash-chained so "
                    + "tampering shows.",
            "Nothing recorded yet: Flarelink has not used a token for you.");

    private final String title;
    private final String purpose;
    private final String emptyState;

    DashboardArea(String title, String purpose, String emptyState) {
        this.title = title;
        this.purpose = purpose;
        this.emptyState = emptyState;
    }

    public String title() {
        return title;
    }

    public String purpose() {
        return purpose;
    }

    public String emptyState() {
        return emptyState;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
