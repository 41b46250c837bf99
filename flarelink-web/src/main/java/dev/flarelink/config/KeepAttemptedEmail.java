package dev.flarelink.config;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * After a failed sign-in, keeps the e-mail that was typed (never the password) for the sign-in page to show again,
 * once; the session already exists for the page's CSRF token.
 */
public final class KeepAttemptedEmail implements AuthenticationFailureHandler {

    private static final String ATTRIBUTE = KeepAttemptedEmail.class.getName();
    private static final int LONGEST_EMAIL = 320;

    private final AuthenticationFailureHandler delegate;

    KeepAttemptedEmail(AuthenticationFailureHandler delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException, ServletException {
        String email = request.getParameter("email");
        if (email != null && !email.isBlank() && email.length() <= LONGEST_EMAIL) {
            request.getSession().setAttribute(ATTRIBUTE, email.strip());
        }
        delegate.onAuthenticationFailure(request, response, exception);
    }

    /** The e-mail of the last failed sign-in in this session, removed as it is read. */
    public static @Nullable String take(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof String email)) {
            return null;
        }
        session.removeAttribute(ATTRIBUTE);
        return email;
    }
}
