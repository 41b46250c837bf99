package dev.flarelink.files;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page (at most 1,000 entries, folders and objects together) of one level of a bucket: the folders (common
 * prefixes) and objects directly under {@code prefix}.
 *
 * @param parent the prefix one level up, or null at the bucket's root
 * @param truncated more entries follow this page
 * @param pageToken the continuation token this page was asked with, or null for the first page
 * @param nextPageToken R2's NextContinuationToken: asks for the page after this one; null on the last page
 */
public record ObjectListing(
        String prefix,
        @Nullable String parent,
        List<Folder> folders,
        List<Entry> objects,
        boolean truncated,
        @Nullable String pageToken,
        @Nullable String nextPageToken) {

    /** Whether this is the first page of the folder. */
    public boolean firstPage() {
        return pageToken == null;
    }

    /** A prefix shown as a folder; {@code name} is its last part. */
    public record Folder(String prefix, String name) {}

    /** An object; {@code name} is its key without the listing's prefix. */
    public record Entry(
            String key, String name, long size, @Nullable Instant lastModified) {

        /** The size in B, KB, MB or GB (powers of 1,024), for the page. */
        public String readableSize() {
            return readable(size);
        }

        /** {@code size} bytes in B, KB, MB or GB (powers of 1,024). */
        public static String readable(long size) {
            String[] units = {"B", "KB", "MB", "GB", "TB"};
            double value = size;
            int unit = 0;
            while (value >= 1024 && unit < units.length - 1) {
                value /= 1024;
                unit++;
            }
            return unit == 0 ? size + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
        }
    }
}
