# syntax=docker/dockerfile:1
# CP-IS FHIR server image: built from this repository, run on a JRE as a non-root user.
# Not built or run on the development machines (no Docker engine or registry reachable there): see README.
#
#   docker build -t cpis-server .
#   docker compose up          (server + PostgreSQL 15 in demo mode: compose.yaml)

# ---- 1. build: Maven on JDK 17, plus Node 20 for the npm steps (SUSHI compiles the profiles) ----
FROM maven:3.9-eclipse-temurin-17 AS build
# Node from its official image (the build runs "npm ci" for SUSHI from the npm registry)
COPY --from=node:20-bookworm-slim /usr/local/bin/node /usr/local/bin/node
COPY --from=node:20-bookworm-slim /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
WORKDIR /src
COPY . .
# The tests need PostgreSQL and the HL7 validator; they run in CI (./scripts/test), not here.
# The caches keep Maven Central and npm downloads between builds.
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    mvn -B -ntp package -DskipTests -DskipITs \
 && cp server/target/cpis-server-*.jar /application.jar
# Spring Boot's layers (dependencies, loader, snapshot dependencies, application), so that a code
# change rebuilds only the small application layer of the image
RUN java -Djarmode=tools -jar /application.jar extract --layers --destination /extracted

# ---- 2. run: JRE only ----
FROM eclipse-temurin:17-jre-jammy
# curl for the health check only
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 cpis \
 && useradd --system --uid 10001 --gid 10001 --home-dir /application --shell /usr/sbin/nologin cpis \
 && mkdir -p /data \
 && chown cpis:cpis /data
WORKDIR /application
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER 10001:10001
# The embedded database (when CPIS_DB_URL is not set) lives here; set CPIS_DB_URL for PostgreSQL.
ENV CPIS_DATA_DIR=/data \
    CPIS_PORT=8080 \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Xss512k"
VOLUME /data
EXPOSE 8080
# Readiness includes the database (application.yaml: management.endpoint.health.group.readiness);
# the server needs 40-50 s to start on 2 cores
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD curl -fsS "http://localhost:${CPIS_PORT}/actuator/health/readiness" >/dev/null || exit 1
ENTRYPOINT ["java", "-jar", "application.jar"]
