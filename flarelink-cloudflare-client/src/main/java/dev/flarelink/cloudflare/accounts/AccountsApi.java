package dev.flarelink.cloudflare.accounts;

import dev.flarelink.cloudflare.core.ApiCaller;
import dev.flarelink.cloudflare.core.ApiRequest;
import dev.flarelink.cloudflare.core.Page;
import dev.flarelink.cloudflare.core.PageRequest;

/** Lists and reads the accounts a token has at least one permission on. */
public final class AccountsApi {

    private final ApiCaller caller;

    public AccountsApi(ApiCaller caller) {
        this.caller = caller;
    }

    /** {@code GET /accounts}, first page of 20. */
    public Page<Account> list() {
        return list(PageRequest.first());
    }

    /** {@code GET /accounts?page=&per_page=}. */
    public Page<Account> list(PageRequest page) {
        return caller.pageByNumber(ApiRequest.get("accounts.list", "/accounts").build(), page, Account.class);
    }

    /** {@code GET /accounts/{account_id}}. */
    public Account get(String accountId) {
        return caller.call(
                ApiRequest.get("accounts.get", "/accounts/{account_id}")
                        .path("account_id", accountId)
                        .build(),
                Account.class);
    }
}
