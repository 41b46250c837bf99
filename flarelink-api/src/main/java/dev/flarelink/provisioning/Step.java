package dev.flarelink.provisioning;

import java.util.List;

/** One step of a run: the Cloudflare calls it makes, the steps it waits for, how it is done and how it is undone. */
interface Step {

    /** Stable name stored in {@code provisioning_step.name}, e.g. {@code d1.create}. */
    String name();

    /** What the step does, in a few words for the progress list. */
    String label();

    /** Steps that must be done first; independent steps run in parallel. */
    List<String> after();

    /** The calls the step can make, for the plan page. */
    List<PlannedCall> calls(ProjectSpec spec, String accountId);

    /** Does the work; safe to call again after a crash or a failure (looks before it creates). */
    StepOutcome execute(StepScope scope);

    /** Removes what {@link #execute} made; a missing resource counts as removed. */
    default void undo(StepScope scope, StepRecord record) {}

    /**
     * The result of a step.
     *
     * @param remoteId the Cloudflare id of what the step made or found, if any
     * @param adopted whether it was found by name (made by an earlier attempt whose answer was lost)
     * @param note set when the step could not do its work and the run goes on without it: why, and what to do
     */
    record StepOutcome(
            @org.jspecify.annotations.Nullable String remoteId,
            boolean adopted,
            @org.jspecify.annotations.Nullable String note) {

        StepOutcome(@org.jspecify.annotations.Nullable String remoteId, boolean adopted) {
            this(remoteId, adopted, null);
        }

        static StepOutcome created(@org.jspecify.annotations.Nullable String id) {
            return new StepOutcome(id, false);
        }

        /** Not done, and the run goes on: the step is shown skipped, with the note. */
        static StepOutcome skipped(String note) {
            return new StepOutcome(null, false, note);
        }
    }
}
