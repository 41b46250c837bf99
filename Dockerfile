# Builds and runs the Flarelink dashboard. Used by docker-compose.yml (production settings).
# Node 20 for the Worker bundle, JDK 17 for the rest.
FROM node:20-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jdk-headless \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./mvnw -B package -DskipTests -Ddisable.checks=true

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 flarelink
WORKDIR /app
COPY --from=build /src/flarelink-web/target/flarelink-web-*.jar /app/flarelink.jar
USER flarelink
EXPOSE 8080
# Memory (docs/self-hosting.md#memory): a heap sized for the dashboard, the serial collector, two malloc arenas.
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-Xmx160m", "-XX:+UseSerialGC", "-Xss512k", "-jar", "/app/flarelink.jar"]
