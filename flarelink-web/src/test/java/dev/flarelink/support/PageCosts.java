package dev.flarelink.support;

import dev.flarelink.cloudflare.ApiCallListener;
import dev.flarelink.crypto.AssociatedData;
import dev.flarelink.crypto.TokenCipher;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * What one request costs, counted on the thread that serves it: JDBC statements (round trips to PostgreSQL, the
 * session store and the per-connection tenant set-up included), Cloudflare HTTP attempts and token decryptions.
 * Counts, not times, so a guard built on them cannot flake on a busy machine. A request is measured when it carries
 * the {@value #HEADER} header; {@link #await} returns its cost once the outermost filter has finished.
 *
 * <p>Import {@link Config} into a {@code @SpringBootTest}.
 */
public final class PageCosts {

    public static final String HEADER = "X-Page-Cost-Probe";

    /** The cost of one request. */
    public record Cost(int statements, int cloudflareCalls, int decryptions) {}

    private static final ThreadLocal<int[]> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<List<String>> STATEMENTS = new ThreadLocal<>();

    private final Map<String, List<String>> sqlByProbe = new ConcurrentHashMap<>();

    /** The SQL of each statement the request ran, in order (after {@link #await}): where its statements go. */
    public List<String> statementsOf(String probe) {
        return sqlByProbe.getOrDefault(probe, List.of());
    }

    private final Map<String, CompletableFuture<Cost>> byProbe = new ConcurrentHashMap<>();

    /** The cost of the request sent with {@code probe} as the header's value. */
    public Cost await(String probe) {
        try {
            return future(probe).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("No cost recorded for probe " + probe, e);
        }
    }

    private CompletableFuture<Cost> future(String probe) {
        return byProbe.computeIfAbsent(probe, p -> new CompletableFuture<>());
    }

    private static void count(int index) {
        int[] counts = CURRENT.get();
        if (counts != null) {
            counts[index]++;
        }
    }

    /** The counters, wired around the app's own beans. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        PageCosts pageCosts() {
            return new PageCosts();
        }

        /** Outermost, so that the session store's reads and writes are counted too. */
        @Bean
        FilterRegistrationBean<Filter> pageCostFilter(PageCosts costs) {
            Filter filter = (request, response, chain) -> {
                String probe = request instanceof HttpServletRequest http ? http.getHeader(HEADER) : null;
                if (probe == null) {
                    chain.doFilter(request, response);
                    return;
                }
                int[] counts = new int[3];
                List<String> statements = new ArrayList<>();
                CURRENT.set(counts);
                STATEMENTS.set(statements);
                try {
                    chain.doFilter(request, response);
                } finally {
                    CURRENT.remove();
                    STATEMENTS.remove();
                    costs.sqlByProbe.put(probe, List.copyOf(statements));
                    costs.future(probe).complete(new Cost(counts[0], counts[1], counts[2]));
                }
            };
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        ApiCallListener cloudflareCallCounter() {
            return event -> count(1);
        }

        @Bean
        static BeanPostProcessor decryptionCounter() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof TokenCipher cipher ? new CountingCipher(cipher) : bean;
                }
            };
        }

        /**
         * Counts statements below the app's tenant wrapper (which must keep seeing the pool it configures), by
         * swapping the wrapper's target once every bean exists.
         */
        @Bean
        SmartInitializingSingleton statementCounter(ApplicationContext context) {
            return () -> {
                DelegatingDataSource app = (DelegatingDataSource) context.getBean("dataSource", DataSource.class);
                DataSource pool = app.getTargetDataSource();
                app.setTargetDataSource(ProxyDataSourceBuilder.create(pool)
                        .name("page-costs")
                        .afterQuery((execution, queries) -> {
                            count(0);
                            List<String> statements = STATEMENTS.get();
                            if (statements != null) {
                                queries.forEach(query -> statements.add(
                                        query.getQuery().replaceAll("\\s+", " ").strip()));
                            }
                        })
                        .build());
            };
        }
    }

    private record CountingCipher(TokenCipher cipher) implements TokenCipher {

        @Override
        public String encrypt(byte[] plaintext, AssociatedData associatedData) {
            return cipher.encrypt(plaintext, associatedData);
        }

        @Override
        public byte[] decrypt(String ciphertext, AssociatedData associatedData) {
            count(2);
            return cipher.decrypt(ciphertext, associatedData);
        }

        @Override
        public boolean needsReencryption(String ciphertext) {
            return cipher.needsReencryption(ciphertext);
        }

        @Override
        public String reencrypt(String ciphertext, AssociatedData associatedData) {
            count(2);
            return cipher.reencrypt(ciphertext, associatedData);
        }

        @Override
        public String toString() {
            return "CountingCipher";
        }
    }
}
