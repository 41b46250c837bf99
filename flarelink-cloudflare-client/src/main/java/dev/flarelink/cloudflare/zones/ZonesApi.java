package dev.flarelink.cloudflare.zones;

import dev.flarelink.cloudflare.core.ApiCaller;
import dev.flarelink.cloudflare.core.ApiRequest;
import dev.flarelink.cloudflare.core.Page;
import dev.flarelink.cloudflare.core.PageRequest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Finds zones by name. */
public final class ZonesApi {

    private final ApiCaller caller;

    public ZonesApi(ApiCaller caller) {
        this.caller = caller;
    }

    /** {@code GET /zones?name=&account.id=}, one page. */
    public Page<Zone> list(@Nullable String name, @Nullable String accountId, PageRequest page) {
        ApiRequest request = ApiRequest.get("zones.list", "/zones")
                .query("name", name)
                .query("account.id", accountId)
                .build();
        return caller.pageByNumber(request, page, Zone.class);
    }

    /** The zone with exactly this name, if the token can see it. */
    public Optional<Zone> findByName(String name) {
        return findByName(name, null);
    }

    /** The zone with exactly this name in the given account, if the token can see it. */
    public Optional<Zone> findByName(String name, @Nullable String accountId) {
        return list(name, accountId, PageRequest.ofSize(5)).items().stream()
                .filter(z -> z.name().equalsIgnoreCase(name))
                .findFirst();
    }

    /**
     * The zone a hostname belongs to: tries successively shorter suffixes ({@code a.b.example.com},
     * {@code b.example.com}, {@code example.com}) and returns the first match in the account (reference §4.1).
     */
    public Optional<Zone> findForHostname(String hostname, String accountId) {
        String candidate = hostname.toLowerCase();
        while (candidate.contains(".")) {
            Optional<Zone> zone = findByName(candidate, accountId);
            if (zone.isPresent()) {
                return zone;
            }
            candidate = candidate.substring(candidate.indexOf('.') + 1);
        }
        return Optional.empty();
    }
}
