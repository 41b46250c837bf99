package dev.flarelink.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request attributes read and written straight on the request that holds them. By the time a request reaches the
 * controller it is wrapped four or five deep (the firewall, Spring Session, Spring Security's header writer and
 * servlet API wrappers), and each attribute access walks the whole chain; Thymeleaf keeps every template variable in
 * request attributes, so a page makes hundreds of such walks: about a twentieth of a page's CPU under load (issue
 * 24). Only wrappers that leave the attribute methods as they are get skipped, so every answer is the one the chain
 * would give; Tomcat's own dispatch wrappers, which do answer some attributes themselves, stay in the path.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class DirectAttributesFilter extends OncePerRequestFilter {

    private static final ClassValue<Boolean> LEAVES_ATTRIBUTES_ALONE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != ServletRequestWrapper.class && c != null; c = c.getSuperclass()) {
                for (var method : c.getDeclaredMethods()) {
                    if (method.getName().contains("Attribute")) {
                        return false;
                    }
                }
            }
            return true;
        }
    };

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ServletRequest holder = holderOfAttributes(request);
        chain.doFilter(holder == request ? request : new DirectAttributes(request, holder), response);
    }

    /** The innermost request reached through wrappers that only pass attribute calls on. */
    static ServletRequest holderOfAttributes(ServletRequest request) {
        ServletRequest current = request;
        while (current instanceof ServletRequestWrapper wrapper && LEAVES_ATTRIBUTES_ALONE.get(wrapper.getClass())) {
            current = wrapper.getRequest();
        }
        return current;
    }

    /** Everything from the full chain except attributes, which go to the request that holds them. */
    private static final class DirectAttributes extends HttpServletRequestWrapper {

        private final ServletRequest holder;

        DirectAttributes(HttpServletRequest request, ServletRequest holder) {
            super(request);
            this.holder = holder;
        }

        @Override
        public @Nullable Object getAttribute(String name) {
            return holder.getAttribute(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            return holder.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, @Nullable Object value) {
            holder.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            holder.removeAttribute(name);
        }
    }
}
