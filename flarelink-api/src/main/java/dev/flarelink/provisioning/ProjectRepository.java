package dev.flarelink.provisioning;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code project} table. A project changes only through {@link #change}, which reads the row locked, applies
 * the change and writes it back; nothing is saved behind the caller's back. Values that may be null are bound with
 * their SQL type, so the driver need not ask PostgreSQL for it.
 */
@Repository
class ProjectRepository {

    private static final RowMapper<Project> PROJECT = (row, number) -> new Project(row);

    private final JdbcClient jdbc;

    ProjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Project> findById(UUID id) {
        return jdbc.sql("select * from project where id = :id")
                .param("id", id)
                .query(PROJECT)
                .optional();
    }

    Optional<Project> findByIdAndUserId(UUID id, UUID userId) {
        return jdbc.sql("select * from project where id = :id and user_id = :user")
                .param("id", id)
                .param("user", userId)
                .query(PROJECT)
                .optional();
    }

    List<Project> findByUserIdAndStatusNotOrderByCreatedAt(UUID userId, String status) {
        return jdbc.sql("select * from project where user_id = :user and status <> :status order by created_at")
                .param("user", userId)
                .param("status", status)
                .query(PROJECT)
                .list();
    }

    boolean existsByUserIdAndNameAndStatusNot(UUID userId, String name, String status) {
        return jdbc.sql("select exists (select 1 from project where user_id = :user and name = :name"
                        + " and status <> :status)")
                .param("user", userId)
                .param("name", name)
                .param("status", status)
                .query(Boolean.class)
                .single();
    }

    /** Inserts a new project; a live project of the user's with the same name fails it (a unique index). */
    void insert(Project project) {
        jdbc.sql("""
                        insert into project (id, user_id, connection_id, account_id, name, trusted_origins, worker_name,
                            d1_name, kv_title, r2_bucket, service_key_sha256, status, created_at, updated_at)
                        values (:id, :user, :connection, :account, :name, :origins, :worker,
                            :d1, :kv, :r2, :keyHash, :status, :created, :updated)""")
                .param("id", project.getId())
                .param("user", project.getUserId())
                .param("connection", project.getConnectionId())
                .param("account", project.getAccountId())
                .param("name", project.getName())
                .param("origins", String.join("\n", project.trustedOrigins()))
                .param("worker", project.getWorkerName())
                .param("d1", project.getD1Name())
                .param("kv", project.getKvTitle())
                .param("r2", project.getR2Bucket(), Types.VARCHAR)
                .param("keyHash", project.getServiceKeySha256())
                .param("status", project.getStatus())
                .param("created", Timestamp.from(project.getCreatedAt()))
                .param("updated", Timestamp.from(project.getUpdatedAt()))
                .update();
    }

    /**
     * Applies {@code change} to the project and writes it. The row is locked from the read to the write (joining the
     * caller's transaction, if any), so two changes at once both land.
     *
     * @return the changed project
     * @throws ProjectNotFoundException when there is no such project
     */
    @Transactional
    Project change(UUID id, Consumer<Project> change) {
        Project project = jdbc.sql("select * from project where id = :id for update")
                .param("id", id)
                .query(PROJECT)
                .optional()
                .orElseThrow(() -> ProjectNotFoundException.forId(id));
        change.accept(project);
        jdbc.sql("""
                        update project set trusted_origins = :origins, d1_database_id = :d1Id, kv_namespace_id = :kvId,
                            workers_dev_url = :url, custom_domain = :domain, custom_domain_id = :domainId,
                            email_binding = :emailBinding, deployed_version = :version, deployed_sha256 = :sha256,
                            service_key_sha256 = :keyHash, status = :status, updated_at = :updated
                        where id = :id""")
                .param("origins", String.join("\n", project.trustedOrigins()))
                .param("d1Id", project.getD1DatabaseId(), Types.VARCHAR)
                .param("kvId", project.getKvNamespaceId(), Types.VARCHAR)
                .param("url", project.getWorkersDevUrl(), Types.VARCHAR)
                .param("domain", project.getCustomDomain(), Types.VARCHAR)
                .param("domainId", project.getCustomDomainId(), Types.VARCHAR)
                .param("emailBinding", project.isEmailBinding())
                .param("version", project.getDeployedVersion(), Types.VARCHAR)
                .param("sha256", project.getDeployedSha256(), Types.VARCHAR)
                .param("keyHash", project.getServiceKeySha256())
                .param("status", project.getStatus())
                .param("updated", Timestamp.from(project.getUpdatedAt()))
                .param("id", id)
                .update();
        return project;
    }
}
