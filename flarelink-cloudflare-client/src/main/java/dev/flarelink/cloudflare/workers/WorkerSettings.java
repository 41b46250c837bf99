package dev.flarelink.cloudflare.workers;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A deployed Worker's settings as {@code GET …/scripts/{script_name}/settings} returns them: its bindings (secret
 * values never included) and its compatibility date and flags.
 *
 * @param bindings the bound resources, in upload order
 * @param compatibilityDate the compatibility date
 * @param compatibilityFlags the compatibility flags
 */
public record WorkerSettings(
        @Nullable List<Binding> bindings,
        @Nullable String compatibilityDate,
        @Nullable List<String> compatibilityFlags) {

    /** The bindings, never null. */
    public List<Binding> bindingList() {
        return bindings == null ? List.of() : bindings;
    }

    /** The compatibility flags, never null. */
    public List<String> flagList() {
        return compatibilityFlags == null ? List.of() : compatibilityFlags;
    }

    /**
     * One binding as Cloudflare reports it. D1 comes back as {@code database_id} (uploads send {@code id}; both are
     * read).
     *
     * @param type {@code d1}, {@code kv_namespace}, {@code r2_bucket}, …
     * @param name the JS variable name
     * @param id the D1 id when reported under {@code id}
     * @param databaseId the D1 id
     * @param namespaceId the KV namespace id
     * @param bucketName the R2 bucket
     */
    public record Binding(
            String type,
            String name,
            @Nullable String id,
            @Nullable String databaseId,
            @Nullable String namespaceId,
            @Nullable String bucketName) {

        /** The id of the bound resource, whatever field carried it. */
        public @Nullable String target() {
            if (databaseId != null) {
                return databaseId;
            }
            if (namespaceId != null) {
                return namespaceId;
            }
            return bucketName != null ? bucketName : id;
        }
    }
}
