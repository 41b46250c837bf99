package org.springframework.session.jdbc;

import org.springframework.session.Session;

/**
 * What Spring Session JDBC would write when a session is saved, read from its package-private accessors (this class
 * lives in Spring Session's package for that reason alone, and fails to compile if they change). Flarelink's session
 * repository uses it to leave out the write of a session whose only change is its last-access time
 * ({@code dev.flarelink.config.SessionReadMemo}).
 */
public final class FlarelinkSessionChanges {

    private FlarelinkSessionChanges() {}

    /**
     * Whether saving {@code session} would write nothing but its row's times: a stored session (not new) with no
     * attribute set or removed since it was read. The caller still compares the id and the idle timeout, which the
     * same row holds.
     */
    public static boolean onlyTimesChanged(Session session) {
        return session instanceof JdbcIndexedSessionRepository.JdbcSession jdbc
                && !jdbc.isNew()
                && jdbc.getDelta().isEmpty();
    }
}
