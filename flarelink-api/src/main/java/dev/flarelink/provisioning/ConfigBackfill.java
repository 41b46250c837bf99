package dev.flarelink.provisioning;

import dev.flarelink.connect.ConnectedAccount;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Writes the {@code flarelink_config} rows that the auth Worker being deployed reads but that a project configured by
 * an older Flarelink lacks (today {@code R2_BUCKETS}, which files owns), so that a Redeploy alone brings the project
 * up to date. Implemented by the feature that owns the rows; provisioning only runs it, as step
 * {@code config.backfill}, before the new script is uploaded, so the new Worker reads the rows from its first request.
 */
@FunctionalInterface
public interface ConfigBackfill {

    /**
     * Brings the project's configuration up to date; idempotent (a row already there is left as it is). Never fails
     * the redeploy: what could not be done comes back as a {@link Result#notDone note}.
     *
     * @param account the project's connection, its calls attributed to the project in the Activity log
     */
    Result backfill(ConnectedAccount account, UUID userId, UUID projectId);

    /**
     * What the backfill did.
     *
     * @param written what was written, in a few words for the step's row (e.g. the bucket names); null when nothing
     *     needed writing
     * @param note why it could not be done and what the user can do instead; null when it was done (or not needed)
     */
    record Result(@Nullable String written, @Nullable String note) {

        public static Result nothingToDo() {
            return new Result(null, null);
        }

        public static Result wrote(String written) {
            return new Result(written, null);
        }

        public static Result notDone(String note) {
            return new Result(null, note);
        }
    }
}
