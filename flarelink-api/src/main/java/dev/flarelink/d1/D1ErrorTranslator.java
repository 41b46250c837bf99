package dev.flarelink.d1;

import dev.flarelink.cloudflare.core.ApiMessage;
import dev.flarelink.cloudflare.errors.CloudflareApiException;
import dev.flarelink.cloudflare.errors.PermissionDeniedException;
import dev.flarelink.cloudflare.errors.TokenBudgetSpentException;
import dev.flarelink.shared.TokenBudgetMessage;
import java.util.Locale;
import java.util.stream.Collectors;

/** Turns D1's error messages into sentences that name the cause and the fix, D1's own text quoted. */
final class D1ErrorTranslator {

    private static final String TIMEOUT = "The query ran into D1's 30-second limit";

    private D1ErrorTranslator() {}

    /** Whether a translated message is D1's 30-second limit (re-running the script to probe it would cost as much). */
    static boolean isTimeout(String message) {
        return message.startsWith(TIMEOUT);
    }

    static DatabaseProblemException translate(CloudflareApiException e) {
        if (e instanceof TokenBudgetSpentException spent) {
            return DatabaseProblemException.of(TokenBudgetMessage.of(spent), spent);
        }
        String d1 = e.errors().stream().map(ApiMessage::message).collect(Collectors.joining("; "));
        String lower = d1.toLowerCase(Locale.ROOT);
        if (e instanceof PermissionDeniedException || e.hasCode(7403)) {
            return DatabaseProblemException.of("The connected token may not use D1 in this account. Give it the "
                    + "permission \"D1: Edit\" in Cloudflare, then reload this page.");
        }
        if (lower.contains("sqlite_toobig") || lower.contains("statement too long")) {
            return DatabaseProblemException.of("A statement is longer than D1's limit of 100,000 bytes. Split it "
                    + "into smaller statements, or pass long values as bound parameters. (D1 said: " + d1 + ")");
        }
        if (lower.contains("too many sql variables")) {
            return DatabaseProblemException.of("A statement uses more than D1's limit of 100 bound parameters. "
                    + "Split it into several statements. (D1 said: " + d1 + ")");
        }
        if (lower.contains("timed out") || lower.contains("timeout") || lower.contains("time limit")) {
            return DatabaseProblemException.of(TIMEOUT + " and was stopped. Narrow it "
                    + "with a WHERE on an indexed column, or add an index. (D1 said: " + d1 + ")");
        }
        if (lower.contains("syntax error")) {
            return DatabaseProblemException.of(
                    "SQLite could not read the SQL: " + d1 + ". Check the statement near the quoted word.");
        }
        if (lower.contains("constraint")) {
            return DatabaseProblemException.of(
                    "The change breaks a rule of the table, so nothing was changed: " + d1 + ".");
        }
        return DatabaseProblemException.of("D1 refused the statement, so nothing was changed: " + d1);
    }
}
