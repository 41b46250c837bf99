package dev.flarelink.config;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.web.DeviceCookie;
import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.files.R2Endpoint;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Who may see what, how sign-in works, and the headers every response carries.
 *
 * <p>The CSP allows no inline script at all (the dashboard has none), so injected markup cannot run code.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * The policy; {@code connect-src} adds only R2's S3 origin (the Files page's presigned uploads go straight from
     * the browser to R2).
     */
    static String contentSecurityPolicy(String r2Source) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self' " + r2Source + "; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    private static final String[] PUBLIC_PATHS = {
        "/",
        "/signin",
        "/signup",
        "/trust",
        "/docs",
        "/docs/**",
        "/llms.txt",
        "/llms-full.txt",
        "/changelog",
        "/error",
        "/actuator/health",
        "/actuator/health/**",
        "/css/**",
        "/js/**",
        "/images/**",
        "/favicon.ico"
    };

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, SecurityContextRepository contextRepository, R2Endpoint r2, AccountService accounts)
            throws Exception {
        String policy = contentSecurityPolicy(r2.browserSource());
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(PUBLIC_PATHS)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .securityContext(context -> context.securityContextRepository(contextRepository))
                .formLogin(form -> form.loginPage("/signin")
                        .loginProcessingUrl("/signin")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .authenticationDetailsSource(SignInDetails::new)
                        .successHandler(successHandler(accounts))
                        .failureHandler(new KeepAttemptedEmail(failureHandler()))
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/signout")
                        .logoutSuccessUrl("/signin?signedOut")
                        .deleteCookies("SESSION", "__Host-SESSION"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .frameOptions(frame -> frame.deny())
                        .addHeaderWriter(new StaticHeadersWriter(
                                "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")));
        return http.build();
    }

    // The only AuthenticationProvider bean: Spring Security builds the sign-in manager from it, and Boot then creates
    // no default user (whose generated password it would log). Not also handed to the filter chain: a provider in
    // both places would check, and count, every failed sign-in twice.
    @Bean
    AccountAuthenticationProvider accountAuthenticationProvider(AccountService accounts) {
        return new AccountAuthenticationProvider(accounts);
    }

    /** Shared with the sign-up page, which signs the new user in itself. */
    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /**
     * Goes on to /projects (or the page that asked for sign-in) and gives the browser a fresh device cookie. Sign-in
     * replaces the session's CSRF token; the new one is created here, before the redirect and in the same session
     * write. Left to the first page, two tabs opened at once would each create a different token and the later save
     * would silently invalidate the forms of the other tab.
     */
    private static AuthenticationSuccessHandler successHandler(AccountService accounts) {
        SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
        next.setDefaultTargetUrl("/projects");
        return (request, response, authentication) -> {
            if (authentication.getPrincipal() instanceof SignedInUser user) {
                DeviceCookie.write(accounts.issueDeviceCookie(user.id()), request, response);
            }
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private static ExceptionMappingAuthenticationFailureHandler failureHandler() {
        ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setExceptionMappings(Map.of(
                BadCredentialsException.class.getName(), "/signin?error",
                AccountAuthenticationProvider.ThrottledException.class.getName(), "/signin?throttled"));
        handler.setDefaultFailureUrl("/signin?error");
        return handler;
    }
}
