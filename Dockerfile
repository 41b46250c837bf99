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
COPY --from=build /src/flarelink-web/target/flarelink-web-*.jar /tmp/flarelink.jar
# Unpacked (Class Data Sharing archives classes from plain jars only), owned by the app's user so that its training
# run below can write the archive.
RUN java -Djarmode=tools -jar /tmp/flarelink.jar extract --destination /app \
    && rm /tmp/flarelink.jar && chown -R flarelink /app
USER flarelink
# Memory (docs/self-hosting.md#memory): a heap sized for the dashboard, the serial collector, two malloc arenas, and
# freed native memory given back to the system every 5 s.
ENV MALLOC_ARENA_MAX=2
# Class Data Sharing (docs/self-hosting.md#start-up): a training run starts the app once (embedded PostgreSQL in a
# throwaway directory; it exits as soon as the context is ready) and archives the classes it loaded, which takes a
# start from about 9 s to about 6. Should the training fail, the image still works, without the archive.
RUN java -Xmx160m -XX:+UseSerialGC -Xss512k -XX:TrimNativeHeapInterval=5000 -XX:ArchiveClassesAtExit=/app/flarelink.jsa \
      -Dspring.context.exit=onRefresh -jar /app/flarelink.jar --flarelink.data-dir=/tmp/cds-training \
      >/tmp/cds-training.log 2>&1 \
    || { tail -n 20 /tmp/cds-training.log; echo "No Class Data Sharing archive; Flarelink starts without it."; }; \
    rm -rf /tmp/cds-training /tmp/cds-training.log
EXPOSE 8080
ENTRYPOINT ["java", "-Xmx160m", "-XX:+UseSerialGC", "-Xss512k", "-XX:TrimNativeHeapInterval=5000", "-XX:SharedArchiveFile=/app/flarelink.jsa", \
    "-jar", "/app/flarelink.jar"]
