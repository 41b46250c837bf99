package dev.flarelink.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.session.Session;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Session's filter reads the requested session from PostgreSQL up to three times per request: once when the
 * security context is loaded, again when a later {@code getSession} finds no current session, and again after
 * saving, only to tell whether the requested id was valid (measured on the project page: three identical SELECTs
 * of a page's thirteen statements). For the request being served this remembers the session the repository
 * loaded or saved, so the later reads cost nothing; nothing outlives the request, so other nodes and other
 * requests still read PostgreSQL.
 *
 * <p>The memo is opened by {@link #scope()}, a filter ordered just before Spring Session's, and consulted by
 * {@link #interceptor()}, which wraps the repository's {@code findById}, {@code save} and {@code deleteById}. The
 * interceptor also runs every repository call {@linkplain TenantDataSource#scopeFree scope-free}: deciding the
 * tenant of its connection would load the session again from inside the first read.
 */
final class SessionReadMemo {

    private static final ThreadLocal<@Nullable Map<String, Session>> MEMO = new ThreadLocal<>();

    private SessionReadMemo() {}

    /** Opens the memo for one request and drops it when the request leaves, whatever happened. */
    static OncePerRequestFilter scope() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Map<String, Session> outer = MEMO.get();
                MEMO.set(new HashMap<>(2));
                try {
                    chain.doFilter(request, response);
                } finally {
                    MEMO.set(outer);
                }
            }
        };
    }

    static MethodInterceptor interceptor() {
        return SessionReadMemo::invoke;
    }

    private static @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        return TenantDataSource.scopeFree(() -> remembering(invocation));
    }

    private static @Nullable Object remembering(MethodInvocation invocation) throws Throwable {
        Map<String, Session> memo = MEMO.get();
        Object[] arguments = invocation.getArguments();
        if (memo == null || arguments.length != 1) {
            return invocation.proceed();
        }
        switch (invocation.getMethod().getName()) {
            case "findById" -> {
                String id = (String) arguments[0];
                Session remembered = memo.get(id);
                // A session whose id changed since (sign-in rotates it) no longer answers to the old id.
                if (remembered != null && remembered.getId().equals(id) && !remembered.isExpired()) {
                    return remembered;
                }
                Object found = invocation.proceed();
                if (found instanceof Session session) {
                    memo.put(id, session);
                } else {
                    memo.remove(id);
                }
                return found;
            }
            case "save" -> {
                Object result = invocation.proceed();
                Session session = (Session) arguments[0];
                memo.values().removeIf(remembered -> remembered == session);
                memo.put(session.getId(), session);
                return result;
            }
            case "deleteById" -> {
                memo.remove((String) arguments[0]);
                return invocation.proceed();
            }
            default -> {
                return invocation.proceed();
            }
        }
    }
}
