package dev.flarelink.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.cloudflare.WaitingThread;
import dev.flarelink.config.FlarelinkProperties;
import jakarta.servlet.FilterChain;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Only so many reads work at once; a wait on the network hands the turn on; nothing is lost or counted twice. */
class WorkingRequestsFilterTests {

    private final WorkingRequestsFilter filter = new WorkingRequestsFilter(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aSecondReadWaitsUntilTheFirstIsDone() throws Exception {
        CountDownLatch firstWorking = new CountDownLatch(1);
        CountDownLatch letFirstFinish = new CountDownLatch(1);
        CompletableFuture<Void> first = run("GET", () -> {
            firstWorking.countDown();
            await(letFirstFinish);
        });
        await(firstWorking);

        CompletableFuture<Void> second = run("GET", () -> {});

        Thread.sleep(200);
        assertThat(second).as("the second read waits for the turn").isNotDone();
        letFirstFinish.countDown();
        second.get(5, TimeUnit.SECONDS);
        first.get(5, TimeUnit.SECONDS);
        assertThat(filter.freeTurns()).isEqualTo(1);
    }

    @Test
    void aReadWaitingOnTheNetworkLetsAnotherWorkAndFinishesAfterwardsEvenWithoutAFreeTurn() throws Exception {
        CountDownLatch firstWaiting = new CountDownLatch(1);
        CountDownLatch answerArrives = new CountDownLatch(1);
        CountDownLatch secondWorking = new CountDownLatch(1);
        CountDownLatch letSecondFinish = new CountDownLatch(1);
        CompletableFuture<Void> first = run(
                "GET",
                () -> WaitingThread.waiting(() -> {
                    firstWaiting.countDown();
                    await(answerArrives);
                    return null;
                }));
        await(firstWaiting);

        CompletableFuture<Void> second = run("GET", () -> {
            secondWorking.countDown();
            await(letSecondFinish);
        });
        assertThat(secondWorking.await(5, TimeUnit.SECONDS))
                .as("the turn was handed on during the wait")
                .isTrue();
        answerArrives.countDown();
        first.get(5, TimeUnit.SECONDS); // back from the wait with every turn taken: it finishes anyway
        letSecondFinish.countDown();
        second.get(5, TimeUnit.SECONDS);

        assertThat(filter.freeTurns()).as("no turn lost, none given twice").isEqualTo(1);
    }

    @Test
    void writesAreNotHeldBack() throws Exception {
        CountDownLatch letReadFinish = new CountDownLatch(1);
        CompletableFuture<Void> read = run("GET", () -> await(letReadFinish));
        Thread.sleep(100);

        run("POST", () -> {}).get(5, TimeUnit.SECONDS);

        letReadFinish.countDown();
        read.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aRequestThatFailsGivesItsTurnBack() {
        assertThatThrownBy(() -> run("GET", () -> {
                            throw new IllegalStateException("the page failed");
                        })
                        .join())
                .hasRootCauseMessage("the page failed");

        assertThat(filter.freeTurns()).isEqualTo(1);
    }

    @Test
    void aSettingBelowOneIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> new FlarelinkProperties(Path.of("."), 0).workingRequestsAtOnce(true))
                .hasMessage("FLARELINK_WORKING_REQUESTS must be 1 or more (it was 0); leave it unset for one per "
                        + "processor.");
        assertThat(new FlarelinkProperties(Path.of("."), 3).workingRequestsAtOnce(false))
                .isEqualTo(3);
    }

    @Test
    void byDefaultOnePerProcessorWithTheDatabaseHereAndFourWithItElsewhere() {
        int processors = Runtime.getRuntime().availableProcessors();
        FlarelinkProperties unset = new FlarelinkProperties(Path.of("."), null);

        assertThat(unset.workingRequestsAtOnce(true)).isEqualTo(Math.max(2, processors));
        assertThat(unset.workingRequestsAtOnce(false)).isEqualTo(4 * processors);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "none",
            value = {
                "none, true", // the embedded PostgreSQL
                "'', true",
                "jdbc:postgresql://localhost:5432/flarelink, true",
                "jdbc:postgresql://127.0.0.1/flarelink?ssl=false, true",
                "'jdbc:postgresql://[::1]:5432/flarelink', true",
                "jdbc:postgresql://db:5432/flarelink, false",
                "jdbc:postgresql://localhost.example.com/flarelink, false",
                "'jdbc:postgresql://a:5432,localhost:5432/flarelink', false"
            })
    void theDatabaseIsOnThisMachineWhenEmbeddedOrOnALoopbackAddress(String url, boolean here) {
        assertThat(WorkingRequestsFilter.databaseOnThisMachine(url)).as(url).isEqualTo(here);
    }

    private CompletableFuture<Void> run(String method, Runnable work) {
        FilterChain chain = (request, response) -> work.run();
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        filter.doFilter(
                                new MockHttpServletRequest(method, "/page"), new MockHttpServletResponse(), chain);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                threads);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
