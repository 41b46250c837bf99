package dev.flarelink.provisioning;

/**
 * A run stopped because Flarelink's own database failed under it (a dropped connection, a restarting server). It is
 * neither a step failure nor a reason to roll back: the run keeps its state, its claim expires, and recovery resumes
 * it on this node or another.
 */
class RunInterruptedException extends RuntimeException {

    RunInterruptedException(RunRecord run, RuntimeException cause) {
        super(
                "Run " + run.id() + " interrupted by a database failure: "
                        + cause.getClass().getSimpleName(),
                cause);
    }
}
