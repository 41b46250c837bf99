package dev.flarelink.connect;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ConnectionRepository extends JpaRepository<Connection, UUID> {

    Optional<Connection> findByIdAndUserId(UUID id, UUID userId);

    Optional<Connection> findByUserIdAndAccountId(UUID userId, String accountId);

    List<Connection> findByUserIdOrderByCreatedAt(UUID userId);

    /** Id and status of each of the user's connections, oldest first: no ciphertext is read. */
    @Query("select c.id, c.status from Connection c where c.userId = :userId order by c.createdAt")
    List<Object[]> statusesOf(UUID userId);
}
