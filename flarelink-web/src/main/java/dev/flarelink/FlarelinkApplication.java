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
        SpringApplication.run(FlarelinkApplication.class, args);
    }
}
