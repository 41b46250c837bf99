package dev.flarelink.shared;

import dev.flarelink.cloudflare.errors.TokenBudgetSpentException;
import java.text.NumberFormat;
import java.util.Locale;

/** The one sentence every page shows when the token's Cloudflare request budget is spent. */
public final class TokenBudgetMessage {

    private TokenBudgetMessage() {}

    /** Says what happened, that nothing changed, and when to try again. */
    public static String of(TokenBudgetSpentException spent) {
        long seconds = spent.freesUpIn().toSeconds();
        String when = seconds < 90 ? seconds + " seconds" : ((seconds + 59) / 60) + " minutes";
        return "Flarelink has used this token's budget of "
                + NumberFormat.getIntegerInstance(Locale.ENGLISH)
                        .format(spent.budget().permits())
                + " Cloudflare requests per "
                + TokenBudgetSpentException.human(spent.budget().window())
                + ", so this page did not call Cloudflare and nothing was changed. The budget frees up in about "
                + when + ": try again then.";
    }
}
