package dev.flarelink.config;

import java.nio.file.Path;
import java.time.Duration;

/** The embedded PostgreSQL did not start; {@link EmbeddedDatabaseFailureAnalyzer} tells the user what to do. */
class EmbeddedDatabaseStartException extends IllegalStateException {

    private final Path directory;
    private final Duration startTimeout;

    EmbeddedDatabaseStartException(Path directory, Duration startTimeout, Throwable cause) {
        super(
                "The embedded PostgreSQL with its data in " + directory + " did not start (Flarelink waits up to "
                        + startTimeout.toSeconds() + " s): " + cause.getClass().getSimpleName() + ": "
                        + cause.getMessage(),
                cause);
        this.directory = directory;
        this.startTimeout = startTimeout;
    }

    Path directory() {
        return directory;
    }

    Duration startTimeout() {
        return startTimeout;
    }
}
