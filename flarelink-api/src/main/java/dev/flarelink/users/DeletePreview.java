package dev.flarelink.users;

import java.util.List;

/**
 * What deleting a user removes, counted before anything is deleted: the rows of every table whose foreign key
 * references {@code "user"} (found with {@code PRAGMA foreign_key_list}), the verification rows of the e-mail and the
 * KV sessions.
 *
 * @param blocked why the delete cannot go through (a RESTRICT / NO ACTION reference with rows), or empty
 */
public record DeletePreview(
        String userId,
        String email,
        List<Reference> references,
        long verifications,
        int sessions,
        List<String> blocked) {

    /**
     * One table column that references a user.
     *
     * @param onDelete CASCADE (rows removed), SET NULL / SET DEFAULT (rows kept, column cleared) or NO ACTION /
     *     RESTRICT (rows block the delete)
     */
    public record Reference(String table, String column, String onDelete, long rows) {

        public boolean cascades() {
            return onDelete.equalsIgnoreCase("CASCADE");
        }

        public boolean blocks() {
            return rows > 0 && (onDelete.equalsIgnoreCase("NO ACTION") || onDelete.equalsIgnoreCase("RESTRICT"));
        }
    }

    public long cascadedRows() {
        return references.stream()
                .filter(Reference::cascades)
                .mapToLong(Reference::rows)
                .sum();
    }
}
