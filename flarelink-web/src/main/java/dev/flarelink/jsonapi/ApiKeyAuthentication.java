package dev.flarelink.jsonapi;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.apikey.AuthenticatedKey;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authorised by an API key. The principal is the key's user as the pages know them ({@link SignedInUser}),
 * so the services, the owner checks and row-level security treat it exactly like that user's session; the key (name,
 * prefix, scope) rides along for the read-only check and the Activity log. Holds no secret.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    static final String READ = "API_READ";
    static final String WRITE = "API_WRITE";

    private final SignedInUser user;
    private final AuthenticatedKey key;

    ApiKeyAuthentication(AuthenticatedKey key) {
        super(authorities(key));
        this.user = new SignedInUser(key.userId(), key.email());
        this.key = key;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(AuthenticatedKey key) {
        List<GrantedAuthority> granted = new ArrayList<>();
        granted.add(new SimpleGrantedAuthority(READ));
        if (!key.readOnly()) {
            granted.add(new SimpleGrantedAuthority(WRITE));
        }
        return granted;
    }

    AuthenticatedKey key() {
        return key;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public SignedInUser getPrincipal() {
        return user;
    }
}
