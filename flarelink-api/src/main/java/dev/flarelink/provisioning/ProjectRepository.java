package dev.flarelink.provisioning;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ProjectRepository extends JpaRepository<Project, UUID> {

    Optional<Project> findByIdAndUserId(UUID id, UUID userId);

    List<Project> findByUserIdAndStatusNotOrderByCreatedAt(UUID userId, String status);

    boolean existsByUserIdAndNameAndStatusNot(UUID userId, String name, String status);
}
