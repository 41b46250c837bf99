package dev.flarelink.config;

import dev.flarelink.account.web.DeviceCookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The sign-in request's address and device cookie, for the throttle. Only the address and session id outlive the
 * attempt: {@link AccountAuthenticationProvider} gives the signed-in token plain details, so the cookie is not stored
 * in the session.
 */
final class SignInDetails extends WebAuthenticationDetails {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable String deviceCookie;

    SignInDetails(HttpServletRequest request) {
        super(request);
        this.deviceCookie = DeviceCookie.read(request);
    }

    @Nullable
    String deviceCookie() {
        return deviceCookie;
    }

    @Override
    public String toString() {
        return "SignInDetails[address=" + getRemoteAddress() + "]";
    }
}
