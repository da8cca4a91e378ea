# Vigil container image: `docker build -t vigil .` (or `docker compose up`).
#
# Build stage. The web console is embedded into the binary from frontend/dist,
# which is committed to the repository, so no Node stage is needed for now.
# (If frontend/dist stops being committed, add a node:20 stage here that runs
# `npm ci && npm run build` in frontend/ and copy its dist/ before `go build`.)
FROM golang:1.26 AS build
WORKDIR /src
# Dependencies first, so that a code change does not re-download modules.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# Pure Go (modernc SQLite), so a static binary that runs on any base image.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /vigil .

# Final stage: Alpine rather than distroless, so that the health check has a
# tool (busybox wget) to call /healthz with.
FROM alpine:3.22
RUN addgroup -S -g 10001 vigil \
 && adduser -S -D -H -u 10001 -G vigil -h /data vigil \
 && mkdir -p /data && chown vigil:vigil /data
COPY --from=build /vigil /vigil
USER 10001:10001
# The default database (sqlite://vigil.db) lands in /data.
WORKDIR /data
VOLUME /data
ENV VIGIL_ADDR=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["/vigil"]
CMD ["serve"]
