package dev.flarelink.provisioning;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The latest run of a project, for live progress.
 *
 * @param kind {@code provision} or {@code teardown}
 * @param status {@code pending}, {@code running}, {@code rolling_back}, {@code succeeded}, {@code rolled_back} or
 *     {@code failed}
 * @param failedStep the step that failed, if any
 * @param error why, in plain words
 */
public record RunView(
        String kind,
        String status,
        int attempt,
        @Nullable String failedStep,
        @Nullable String error,
        List<StepView> steps) {

    /** Still going: the page keeps polling. */
    public boolean unfinished() {
        return status.equals("pending") || status.equals("running") || status.equals("rolling_back");
    }

    /** Ended without reaching its goal: the page offers Retry. */
    public boolean retryable() {
        return status.equals("rolled_back") || status.equals("failed");
    }
}
