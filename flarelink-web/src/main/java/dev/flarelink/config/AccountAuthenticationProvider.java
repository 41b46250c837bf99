package dev.flarelink.config;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.AccountView;
import dev.flarelink.account.SignInThrottledException;
import dev.flarelink.account.TwoFactorService;
import dev.flarelink.account.web.SignedInUser;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
    private final TwoFactorService twoFactor;

    AccountAuthenticationProvider(AccountService accounts, TwoFactorService twoFactor) {
        this.accounts = accounts;
        this.twoFactor = twoFactor;
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
            Optional<AccountView> account = accounts.authenticate(email, password, address, deviceCookie);
            if (account.isPresent() && twoFactor.isEnabled(account.get().id())) {
                // The password was right; nothing is granted until the second step (see PendingSignIn).
                throw new SecondFactorRequiredException(
                        account.get().id(), account.get().email());
            }
            return account.map(signedIn -> {
                        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(
                                new SignedInUser(signedIn.id(), signedIn.email()),
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

    /** The password was right and the account has two-factor on: the sign-in continues on the second step. */
    static class SecondFactorRequiredException extends AuthenticationException {

        private static final long serialVersionUID = 1L;

        private final UUID userId;
        private final String email;

        SecondFactorRequiredException(UUID userId, String email) {
            super("A second step is needed.");
            this.userId = userId;
            this.email = email;
        }

        UUID userId() {
            return userId;
        }

        String email() {
            return email;
        }
    }
}
