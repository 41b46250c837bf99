package dev.flarelink.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Row-level security as defense in depth (goal G7, migration V12). The app's pool works as the role
 * {@value #APP_ROLE} (no ownership, no BYPASSRLS), and every connection it hands out carries whose rows it may
 * touch ({@link TenantDataSource}). Flyway alone connects as the database user itself, because it owns the schema.
 */
@Configuration(proxyBeanMethods = false)
class TenantDatabaseConfiguration {

    static final String APP_ROLE = "flarelink_app";

    /** Wraps the app's pool; its connections assume the app role as they are opened (the pool starts lazily). */
    @Bean
    static BeanPostProcessor tenantDataSourcePostProcessor() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && beanName.equals("dataSource")) {
                    pool.setConnectionInitSql("set role " + APP_ROLE);
                    return new TenantDataSource(pool);
                }
                return bean;
            }
        };
    }

    /** Migrations run as the database user, outside the app role: they create and alter what the app may not. */
    @Bean
    FlywayConfigurationCustomizer ownerConnectionForMigrations(
            ObjectProvider<EmbeddedPostgres> embedded, ObjectProvider<DataSourceProperties> properties) {
        return configuration -> configuration.dataSource(ownerDataSource(embedded, properties));
    }

    private static DataSource ownerDataSource(
            ObjectProvider<EmbeddedPostgres> embedded, ObjectProvider<DataSourceProperties> properties) {
        EmbeddedPostgres postgres = embedded.getIfAvailable();
        if (postgres != null) {
            return postgres.getPostgresDatabase();
        }
        DataSourceProperties external = properties.getObject();
        return external.initializeDataSourceBuilder()
                .type(SimpleDriverDataSource.class)
                .build();
    }
}
