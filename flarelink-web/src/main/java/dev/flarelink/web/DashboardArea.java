package dev.flarelink.web;

import java.util.Locale;

/** What each area of the dashboard is for, shown while it is still empty. */
enum DashboardArea {
    DATABASE(
            "Database",
            "Browse and edit your D1 tables, and run SQL, through your own token.",
            "No database yet: it appears here once a project is provisioned.");

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
