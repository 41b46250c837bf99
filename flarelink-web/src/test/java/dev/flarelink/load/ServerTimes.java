package dev.flarelink.load;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.core.Ordered;

/**
 * Server time of every request to the measured pages, from the first filter in to the last one out (security,
 * Spring Session's write-back, the controller and the template included), for requests that arrive inside the
 * measurement window. Registered by the load test only, outermost, so it wraps everything the app does.
 */
final class ServerTimes implements Filter, Ordered {

    private final Map<Page, Latencies> byPage = new EnumMap<>(Page.class);
    private final Window window;

    ServerTimes(Window window) {
        this.window = window;
        for (Page page : Page.values()) {
            byPage.put(page, new Latencies());
        }
    }

    /** Outermost: Boot registers a {@code Filter} bean in this order, before security and the session filter. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    Latencies of(Page page) {
        return byPage.get(page);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            Page page = Page.of(((HttpServletRequest) request).getRequestURI());
            if (page != null && window.contains(start)) {
                byPage.get(page).add(System.nanoTime() - start);
            }
        }
    }
}
