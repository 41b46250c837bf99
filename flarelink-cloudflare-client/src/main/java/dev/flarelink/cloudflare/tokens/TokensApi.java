package dev.flarelink.cloudflare.tokens;

import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.accounts.Account;
import dev.flarelink.cloudflare.accounts.AccountsApi;
import dev.flarelink.cloudflare.core.ApiCaller;
import dev.flarelink.cloudflare.core.ApiMessage;
import dev.flarelink.cloudflare.core.ApiRequest;
import dev.flarelink.cloudflare.core.Page;
import dev.flarelink.cloudflare.core.PageRequest;
import dev.flarelink.cloudflare.errors.AuthenticationException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Verifies the bound token and manages user API tokens (used to mint scoped R2 credentials). */
public final class TokensApi {

    private static final int NOT_A_USER_TOKEN = 1000;

    private final ApiCaller caller;
    private final AccountsApi accounts;
    private final ApiToken.Kind kind;

    public TokensApi(ApiCaller caller, AccountsApi accounts, ApiToken.Kind kind) {
        this.caller = caller;
        this.accounts = accounts;
        this.kind = kind;
    }

    /**
     * Verifies the bound token whatever its kind: {@code cfut_} tokens on the user route, {@code cfat_} tokens on
     * the account route of the first visible account; unprefixed tokens on the user route, falling back to the
     * account route when Cloudflare answers 1000 "Invalid API Token" (P1).
     */
    public TokenVerification verify() {
        return switch (kind) {
            case USER -> verifyUserToken();
            case ACCOUNT -> verifyViaFirstAccount(null);
            case UNKNOWN -> verifyUnprefixed();
        };
    }

    private TokenVerification verifyUnprefixed() {
        try {
            return verifyUserToken();
        } catch (AuthenticationException e) {
            if (!e.hasCode(NOT_A_USER_TOKEN)) {
                throw e;
            }
            return verifyViaFirstAccount(e);
        }
    }

    private TokenVerification verifyViaFirstAccount(@Nullable AuthenticationException userRouteFailure) {
        List<Account> visible = accounts.list(PageRequest.ofSize(5)).items();
        if (visible.isEmpty()) {
            if (userRouteFailure != null) {
                throw userRouteFailure;
            }
            throw new AuthenticationException(
                    401, List.of(new ApiMessage(NOT_A_USER_TOKEN, "Account token sees no account to verify on")), null);
        }
        return verifyAccountToken(visible.get(0).id());
    }

    /** {@code GET /user/tokens/verify}. */
    public TokenVerification verifyUserToken() {
        ApiRequest request =
                ApiRequest.get("tokens.user.verify", "/user/tokens/verify").build();
        return caller.call(request, TokenVerification.Result.class).as(ApiToken.Kind.USER, null);
    }

    /** {@code GET /accounts/{account_id}/tokens/verify}. */
    public TokenVerification verifyAccountToken(String accountId) {
        ApiRequest request = ApiRequest.get("tokens.account.verify", "/accounts/{account_id}/tokens/verify")
                .path("account_id", accountId)
                .build();
        return caller.call(request, TokenVerification.Result.class).as(ApiToken.Kind.ACCOUNT, accountId);
    }

    /** {@code GET /user/tokens/permission_groups}, optionally filtered by exact name and/or scope. */
    public List<PermissionGroup> permissionGroups(@Nullable String name, @Nullable String scope) {
        ApiRequest request = ApiRequest.get("tokens.permission_groups.list", "/user/tokens/permission_groups")
                .query("name", name)
                .query("scope", scope)
                .build();
        return caller.list(request, PermissionGroup.class);
    }

    /** The whole permission-group catalogue. */
    public List<PermissionGroup> permissionGroups() {
        return permissionGroups(null, null);
    }

    /** {@code POST /user/tokens}; not retried blindly: reconcile by name after an ambiguous failure. */
    public CreatedToken create(TokenCreateParams params) {
        ApiRequest request = ApiRequest.post("tokens.user.create", "/user/tokens")
                .jsonBody(params)
                .build();
        return caller.call(request, CreatedToken.class);
    }

    /** {@code GET /user/tokens}, first page of 20. */
    public Page<Token> list() {
        return list(PageRequest.first());
    }

    /** {@code GET /user/tokens?page=&per_page=}. */
    public Page<Token> list(PageRequest page) {
        return caller.pageByNumber(
                ApiRequest.get("tokens.user.list", "/user/tokens").build(), page, Token.class);
    }

    /** {@code GET /user/tokens/{token_id}}. */
    public Token get(String tokenId) {
        return caller.call(
                ApiRequest.get("tokens.user.get", "/user/tokens/{token_id}")
                        .path("token_id", tokenId)
                        .build(),
                Token.class);
    }

    /**
     * {@code PUT /user/tokens/{token_id}/value}: issues a new secret and invalidates the old one. Never retried
     * blindly, since a lost response would lose the only copy of the new value.
     */
    public ApiToken roll(String tokenId) {
        ApiRequest request = ApiRequest.put("tokens.user.roll", "/user/tokens/{token_id}/value")
                .path("token_id", tokenId)
                .jsonBody(Map.of())
                .idempotent(false)
                .build();
        return ApiToken.of(caller.call(request, String.class));
    }

    /** {@code DELETE /user/tokens/{token_id}}: revokes the token. */
    public void delete(String tokenId) {
        caller.execute(ApiRequest.delete("tokens.user.delete", "/user/tokens/{token_id}")
                .path("token_id", tokenId)
                .build());
    }
}
