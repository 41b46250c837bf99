package dev.flarelink.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.session.Session;
import org.springframework.session.jdbc.FlarelinkSessionChanges;
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
 *
 * <p>Spring Session also writes the session's row on every request, only to move its last-access time (one UPDATE
 * and one commit per page). A session whose attributes, id and idle timeout did not change is written only when its
 * stored last-access time is {@link #TOUCH_INTERVAL} old or older: the idle timeout may then end up to that much
 * early, and the Sessions page's "last active" is as precise as that.
 */
final class SessionReadMemo {

    /** How stale a stored last-access time may become before a request that changed nothing writes it. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private static final ThreadLocal<@Nullable Map<String, Loaded>> MEMO = new ThreadLocal<>();

    private SessionReadMemo() {}

    /** Opens the memo for one request and drops it when the request leaves, whatever happened. */
    static OncePerRequestFilter scope() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Map<String, Loaded> outer = MEMO.get();
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
        Map<String, Loaded> memo = MEMO.get();
        Object[] arguments = invocation.getArguments();
        if (memo == null || arguments.length != 1) {
            return invocation.proceed();
        }
        switch (invocation.getMethod().getName()) {
            case "findById" -> {
                String id = (String) arguments[0];
                Loaded remembered = memo.get(id);
                // A session whose id changed since (sign-in rotates it) no longer answers to the old id.
                if (remembered != null
                        && remembered.session().getId().equals(id)
                        && !remembered.session().isExpired()) {
                    return remembered.session();
                }
                Object found = invocation.proceed();
                if (found instanceof Session session) {
                    memo.put(id, Loaded.asStored(session));
                } else {
                    memo.remove(id);
                }
                return found;
            }
            case "save" -> {
                Session session = (Session) arguments[0];
                Loaded loaded = memo.values().stream()
                        .filter(remembered -> remembered.session() == session)
                        .findFirst()
                        .orElse(null);
                if (loaded != null && loaded.onlyTouched()) {
                    return null;
                }
                Object result = invocation.proceed();
                memo.values().removeIf(remembered -> remembered.session() == session);
                memo.put(session.getId(), Loaded.asStored(session));
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

    /** A session as this request read or wrote it, and what its stored row held then. */
    private record Loaded(Session session, String storedId, Instant storedLastAccess, Duration storedIdleTimeout) {

        static Loaded asStored(Session session) {
            return new Loaded(
                    session, session.getId(), session.getLastAccessedTime(), session.getMaxInactiveInterval());
        }

        /** Whether saving it now would only move its last-access time, and by less than the touch interval. */
        boolean onlyTouched() {
            return FlarelinkSessionChanges.onlyTimesChanged(session)
                    && session.getId().equals(storedId)
                    && session.getMaxInactiveInterval().equals(storedIdleTimeout)
                    && Duration.between(storedLastAccess, session.getLastAccessedTime())
                                    .compareTo(TOUCH_INTERVAL)
                            < 0;
        }
    }
}
