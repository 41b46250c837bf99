package dev.flarelink.files;

import org.jspecify.annotations.Nullable;

/**
 * What detaching a bucket from a project does to the project's configuration.
 *
 * @param configuredKeyId the R2 access key id in the project's flarelink_config, or null when it has none
 * @param keyRemoved whether that key is removed from the configuration: it is when Flarelink minted it for this
 *     bucket; any other key (pasted, or minted for another bucket) stays
 */
public record DetachPreview(ProjectLink project, @Nullable String configuredKeyId, boolean keyRemoved) {}
