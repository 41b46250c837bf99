package dev.flarelink.activity;

/** How an export is written: CSV for spreadsheets, JSON Lines for tools and offline verification. */
public enum ActivityExportFormat {
    CSV("text/csv", "csv"),
    JSON_LINES("application/x-ndjson", "jsonl");

    private final String mediaType;
    private final String extension;

    ActivityExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }
}
