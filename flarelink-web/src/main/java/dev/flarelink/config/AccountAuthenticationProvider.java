package dev.flarelink.config;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignInThrottledException;
import dev.flarelink.account.web.SignedInUser;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Checks a sign-in against {@link AccountService}, which also counts failures for throttling. */
class AccountAuthenticationProvider implements AuthenticationProvider {

    private final AccountService accounts;

    AccountAuthenticationProvider(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                        && details.getRemoteAddress() != null
                ? details.getRemoteAddress()
                : "unknown";
        String deviceCookie =
                authentication.getDetails() instanceof SignInDetails details ? details.deviceCookie() : null;
        try {
            return accounts.authenticate(email, password, address, deviceCookie)
                    .map(account -> {
                        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(
                                new SignedInUser(account.id(), account.email()),
                                null,
                                List.of(new SimpleGrantedAuthority("ROLE_USER")));
                        // Plain details, so the device cookie does not travel into the stored session.
                        token.setDetails(
                                authentication.getDetails() instanceof WebAuthenticationDetails details
                                        ? new WebAuthenticationDetails(
                                                details.getRemoteAddress(), details.getSessionId())
                                        : null);
                        return (Authentication) token;
                    })
                    // One message for unknown e-mail and wrong password: the page must not reveal which accounts exist.
                    .orElseThrow(() -> new BadCredentialsException("E-mail or password is not right."));
        } catch (SignInThrottledException e) {
            throw new ThrottledException(e.getMessage());
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Sign-in refused without checking the password, because of recent failures. */
    static class ThrottledException extends AuthenticationException {

        private static final long serialVersionUID = 1L;

        ThrottledException(String message) {
            super(message);
        }
    }
}
