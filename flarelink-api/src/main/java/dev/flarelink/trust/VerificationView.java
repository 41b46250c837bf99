package dev.flarelink.trust;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The result of one check of a project's deployed Worker against the published bundle.
 *
 * @param projectId the project checked
 * @param checkedAt when
 * @param passed true when script, bindings and compatibility settings all match
 * @param trigger {@code manual} (Verify now) or {@code scheduled}
 * @param differences each part that differs, in words; empty when passed
 */
public record VerificationView(
        UUID projectId, Instant checkedAt, boolean passed, String trigger, List<String> differences) {

    /** The parts that differ, e.g. "script, binding SESSIONS", for a one-line summary. */
    public String summary() {
        if (passed) {
            return "matches the published bundle";
        }
        return "differs: "
                + String.join(
                        ", ",
                        differences.stream()
                                .map(d -> d.substring(0, Math.max(0, d.indexOf(':'))))
                                .distinct()
                                .toList());
    }
}
