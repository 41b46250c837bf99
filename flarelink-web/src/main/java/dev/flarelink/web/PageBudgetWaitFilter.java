package dev.flarelink.web;

import dev.flarelink.cloudflare.RateLimitWait;
import dev.flarelink.config.CloudflareProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request threads never sit out a token's spent budget: a Cloudflare call made while serving a request waits at most
 * {@code flarelink.cloudflare.page-budget-wait}, then fails with a message saying when the budget frees up (load
 * showed 100 request threads parked for minutes in the limiter). Background work runs on other threads and keeps
 * waiting as long as it needs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageBudgetWaitFilter extends OncePerRequestFilter {

    private final CloudflareProperties properties;

    PageBudgetWaitFilter(CloudflareProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (RateLimitWait.Scope page = RateLimitWait.limitTo(properties.pageBudgetWait())) {
            chain.doFilter(request, response);
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
