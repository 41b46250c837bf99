package dev.flarelink.connect;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ConnectionRepository extends JpaRepository<Connection, UUID> {

    Optional<Connection> findByIdAndUserId(UUID id, UUID userId);

    Optional<Connection> findByUserIdAndAccountId(UUID userId, String accountId);

    List<Connection> findByUserIdOrderByCreatedAt(UUID userId);
}
