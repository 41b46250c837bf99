package dev.flarelink.files;

/**
 * What a keypair can do with a bucket, found by trying.
 *
 * @param canList a signed ListObjectsV2 succeeded
 * @param canWrite a signed PUT (then DELETE) of a small check object succeeded
 * @param summary one sentence for the page
 * @param storedIn the project whose flarelink_config now holds the keypair, and whether its Worker reloaded; null
 *     when the bucket belongs to no project
 */
public record KeyCapabilities(
        String accessKeyId,
        String bucket,
        boolean canList,
        boolean canWrite,
        String summary,
        @org.jspecify.annotations.Nullable StoredKey storedIn) {}
