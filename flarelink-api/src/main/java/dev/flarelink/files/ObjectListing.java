package dev.flarelink.files;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One level of a bucket: the folders (common prefixes) and objects directly under {@code prefix}.
 *
 * @param parent the prefix one level up, or null at the bucket's root
 * @param truncated R2 has more than the first 1,000 entries
 */
public record ObjectListing(
        String prefix, @Nullable String parent, List<Folder> folders, List<Entry> objects, boolean truncated) {

    /** A prefix shown as a folder; {@code name} is its last part. */
    public record Folder(String prefix, String name) {}

    /** An object; {@code name} is its key without the listing's prefix. */
    public record Entry(
            String key, String name, long size, @Nullable Instant lastModified) {

        /** The size in B, KB, MB or GB (powers of 1,024), for the page. */
        public String readableSize() {
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
