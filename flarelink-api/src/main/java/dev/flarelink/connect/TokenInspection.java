package dev.flarelink.connect;

import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.accounts.Account;
import dev.flarelink.cloudflare.errors.AuthenticationException;
import dev.flarelink.cloudflare.tokens.TokenVerification;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The checks a pasted token goes through before it is stored: verified, sees an account, has the four required. */
final class TokenInspection {

    private TokenInspection() {}

    static TokenVerification verify(CloudflareApi api) {
        try {
            TokenVerification verification = api.tokens().verify();
            if (!verification.isActive()) {
                throw new ConnectProblemException("Cloudflare says this token is " + verification.status()
                        + ". Activate it, or create a new one, and paste it again.");
            }
            return verification;
        } catch (AuthenticationException rejected) {
            throw new ConnectProblemException("Cloudflare rejected this token: it is not valid, or it was revoked "
                    + "or has expired. Copy it again, or create a new one with the link on this page.");
        }
    }

    static List<Account> accounts(CloudflareApi api) {
        List<Account> accounts = api.accounts().list().autoPager().stream().toList();
        if (accounts.isEmpty()) {
            throw new ConnectProblemException("The token works but cannot see any Cloudflare account. Edit it in "
                    + "Cloudflare and set Account Resources to include your account.");
        }
        return accounts;
    }

    static @Nullable Account choose(List<Account> accounts, @Nullable String accountId) {
        if (accountId == null || accountId.isBlank()) {
            return accounts.size() == 1 ? accounts.get(0) : null;
        }
        return accounts.stream()
                .filter(a -> a.id().equals(accountId))
                .findFirst()
                .orElseThrow(() -> new ConnectProblemException(
                        "The token cannot see the chosen account. Choose one of the accounts listed."));
    }

    /** Probes the five permissions and refuses the token when a required one is missing. */
    static PermissionReceipt requireRequired(CloudflareApi api, String accountId) {
        PermissionReceipt receipt = PermissionProbe.probe(api, accountId);
        if (!receipt.missingRequired().isEmpty()) {
            throw ConnectProblemException.missingPermissions(receipt.missingRequired());
        }
        return receipt;
    }
}
