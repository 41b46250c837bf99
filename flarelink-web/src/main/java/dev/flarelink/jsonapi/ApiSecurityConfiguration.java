package dev.flarelink.jsonapi;

import dev.flarelink.activity.ActivityService;
import dev.flarelink.apikey.ApiKeyService;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The JSON API's own filter chain, ahead of the pages' chain: stateless, authorised only by an API key. It never
 * reads the HTTP session, so a session cookie alone authorises nothing here, and a cross-site request cannot carry a
 * key: that is why these routes need no CSRF token. Read-only keys may GET, and POST a query whose SQL only reads (the
 * controller checks the SQL); anything else needs a full key.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    static final String OPENAPI = "/api/openapi.json";

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiKeyService keys, ActivityService activity)
            throws Exception {
        RequestAttributeSecurityContextRepository contextRepository = new RequestAttributeSecurityContextRepository();
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(contextRepository))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(
                        new ApiKeyFilter(keys, activity, contextRepository), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, OPENAPI, OPENAPI + ".yaml")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**")
                        .hasAuthority(ApiKeyAuthentication.READ)
                        .requestMatchers(HttpMethod.POST, "/api/d1/query/*", "/api/projects/plan")
                        .hasAuthority(ApiKeyAuthentication.READ)
                        .anyRequest()
                        .hasAuthority(ApiKeyAuthentication.WRITE))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint((request, response, refused) -> ApiErrors.write(
                                        response,
                                        HttpServletResponse.SC_UNAUTHORIZED,
                                        "MISSING_API_KEY",
                                        ApiErrors.MISSING_KEY_MESSAGE))
                                .accessDeniedHandler((request, response, denied) -> ApiErrors.write(
                                        response,
                                        HttpServletResponse.SC_FORBIDDEN,
                                        "READ_ONLY_KEY",
                                        ApiErrors.READ_ONLY_MESSAGE)))
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }
}
