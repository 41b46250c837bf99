package dev.flarelink.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a failed start of the embedded PostgreSQL into Spring Boot's "APPLICATION FAILED TO START" report: what
 * happened, and the setting or check that fixes it, instead of a bare stack trace.
 */
class EmbeddedDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatabaseStartException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseStartException cause) {
        String action = "On a busy machine PostgreSQL can need longer to start: allow it more time with "
                + "FLARELINK_EMBEDDED_DATABASE_START_TIMEOUT (now "
                + cause.startTimeout().toSeconds()
                + "s; e.g. FLARELINK_EMBEDDED_DATABASE_START_TIMEOUT=300s) and start Flarelink again. If it still "
                + "fails: make sure no other Flarelink or PostgreSQL uses " + cause.directory() + ", that the disk "
                + "has free space, and read the PostgreSQL messages logged above. Or run your own PostgreSQL and "
                + "set FLARELINK_DATABASE_URL (see docs/troubleshooting.md).";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
