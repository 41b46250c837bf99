package dev.flarelink;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The api module's services, repositories and migrations, without the web layer, for integration tests. */
@SpringBootApplication
public class ApiTestApplication {}
