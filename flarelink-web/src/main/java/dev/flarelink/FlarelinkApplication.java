package dev.flarelink;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Flarelink dashboard. Lives in the root package so scanning covers the api module's features. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class FlarelinkApplication {

    public static void main(String[] args) {
        // The JDK HttpClient silently re-sends an idempotent request once when a connection dies before any response;
        // the Cloudflare client retries on its own, so one attempt must be one request (and one Activity event).
        System.setProperty("jdk.httpclient.redirects.retrylimit", "1");
        SpringApplication.run(FlarelinkApplication.class, args);
    }
}
