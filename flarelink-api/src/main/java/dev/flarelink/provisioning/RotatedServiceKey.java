package dev.flarelink.provisioning;

/**
 * A service key just replaced: the new key, to be shown once and forgotten, and whether the Worker already uses it.
 */
public record RotatedServiceKey(String key, ReloadOutcome reload) {

    @Override
    public String toString() {
        return "RotatedServiceKey[key=(redacted), reload=" + reload + "]";
    }
}
