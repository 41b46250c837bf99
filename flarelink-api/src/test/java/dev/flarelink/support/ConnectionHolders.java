package dev.flarelink.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Which threads hold a pooled database connection right now, to show that work waiting for Cloudflare holds none
 * (a held connection would let 10 slow Cloudflare calls take the whole pool), and a {@link Worker} to catch work in
 * the middle of a Cloudflare call. Import {@link Config} into the test to count connections.
 */
public final class ConnectionHolders {

    // Weak keys: the entries of threads that ended (every Worker's) go with them.
    private static final Map<Thread, Holding> HOLDINGS = Collections.synchronizedMap(new WeakHashMap<>());

    private ConnectionHolders() {}

    /** Work running in a thread of its own, so a test can watch the thread while the work waits for Cloudflare. */
    public record Worker<T>(Thread thread, CompletableFuture<T> result) {

        public static <T> Worker<T> start(Supplier<T> work) {
            CompletableFuture<T> result = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    result.complete(work.get());
                } catch (Throwable failed) {
                    result.completeExceptionally(failed);
                }
            });
            thread.start();
            return new Worker<>(thread, result);
        }

        /** Returns once the work is waiting for Cloudflare to answer an HTTP call (give the calls latency). */
        public Worker<T> awaitCloudflareCall() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!inCloudflareCall(thread)) {
                if (result.isDone() || System.nanoTime() > deadline) {
                    throw new AssertionError("the work was never seen waiting for Cloudflare");
                }
                Thread.sleep(1);
            }
            return this;
        }

        public T join() throws Exception {
            return result.get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs {@code work} in a thread of its own and watches it: whenever its stack is inside an HTTP call to
     * Cloudflare, it must hold no database connection. Fails also if it was never seen in such a call (the test would
     * prove nothing: give the calls latency with the sandbox's switches).
     */
    public static <T> T assertNoneHeldWhileCloudflareAnswers(Supplier<T> work) throws Exception {
        Worker<T> worker = Worker.start(work);
        Holding holding = HOLDINGS.computeIfAbsent(worker.thread(), t -> new Holding());
        int seenInCall = 0;
        int seenHolding = 0;
        while (!worker.result().isDone()) {
            // Counted only when no connection was taken or given back during the sample: then what it holds is what
            // it held while in the call, even if this thread was descheduled in between.
            long changesBefore = holding.changes.get();
            boolean inCall = inCloudflareCall(worker.thread());
            boolean held = holding.held.get() > 0;
            if (inCall && holding.changes.get() == changesBefore) {
                seenInCall++;
                if (held) {
                    seenHolding++;
                }
            }
            Thread.sleep(5);
        }
        T value = worker.join();
        assertThat(seenInCall)
                .as("samples that found the work waiting for Cloudflare")
                .isPositive();
        assertThat(seenHolding)
                .as("samples that found it holding a database connection while waiting for Cloudflare")
                .isZero();
        return value;
    }

    private static boolean inCloudflareCall(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        return Arrays.stream(stack)
                        .anyMatch(frame -> frame.getClassName().equals("dev.flarelink.cloudflare.core.Transport"))
                && Arrays.stream(stack)
                        .anyMatch(frame -> frame.getClassName().startsWith("java.net.http.")
                                || frame.getClassName().startsWith("jdk.internal.net.http."));
    }

    /** Counts, per thread, the connections borrowed from the application's data source and not yet closed. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        static BeanPostProcessor connectionHoldersCounting() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource && name.equals("dataSource")
                            ? new Counting(dataSource)
                            : bean;
                }
            };
        }
    }

    private static final class Counting extends DelegatingDataSource {

        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counted(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counted(super.getConnection(username, password));
        }

        private static Connection counted(Connection connection) {
            Holding holding = HOLDINGS.computeIfAbsent(Thread.currentThread(), t -> new Holding());
            holding.changes.incrementAndGet();
            holding.held.incrementAndGet();
            boolean[] closed = {false};
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && !closed[0]) {
                            closed[0] = true;
                            holding.held.decrementAndGet();
                            holding.changes.incrementAndGet();
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    /** A thread's connections borrowed and not yet closed, and how many times that number changed. */
    private static final class Holding {

        final AtomicInteger held = new AtomicInteger();
        final AtomicLong changes = new AtomicLong();
    }
}
