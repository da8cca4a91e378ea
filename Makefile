# Vigil's developer commands. `make test` is the README's test command and
# what .ci/run runs: it finds or starts a PostgreSQL for the PostgreSQL half
# of the suite (scripts/test-postgres.sh).

SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(PATH)
GO ?= go

.PHONY: all build test check lint check-generated generate test-go test-frontend demo bench quality fuzz-smoke clean

all: build

build:
	$(GO) build -o vigil .

## demo: the console on an embedded database with the sample alerts
demo: build
	./vigil serve --demo --db sqlite://vigil-demo.db

generate:
	$(GO) generate ./...

## test: every check and every test, on SQLite and PostgreSQL, then the console's
test: lint check-generated test-go test-frontend

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

## check-generated: fails when `go generate ./...` would change committed files
check-generated:
	@before=$$(git status --porcelain --untracked-files=all -- ent graph gqlgen.yml); \
	$(GO) generate ./... || exit 1; \
	after=$$(git status --porcelain --untracked-files=all -- ent graph gqlgen.yml); \
	if [ "$$before" != "$$after" ]; then \
		echo "generated code is stale: run 'go generate ./...' and commit the result"; \
		git status --porcelain -- ent graph; git --no-pager diff --stat -- ent graph; exit 1; \
	fi; echo "generated code is fresh"

test-go:
	@set -euo pipefail; \
	source scripts/test-postgres.sh; trap vigil_test_postgres_stop EXIT; \
	echo "PostgreSQL for tests: $$VIGIL_TEST_POSTGRES"; \
	$(GO) test -race -count=1 -timeout 25m -skip '^(TestHostileInputs|TestIncidentOfAHundredThousandAlerts)$$' ./...; \
	echo "the hostile-input corpus and the incident of 100,000 alerts, without the race detector (10 MB strings and 100,000 rows under it take minutes):"; \
	$(GO) test -count=1 -timeout 10m -run '^(TestHostileInputs|TestIncidentOfAHundredThousandAlerts)$$' .

## test-frontend: the console's checks (codegen, committed build, size budget, types)
## and tests (Vitest in UTC and New York, Playwright in Chromium against the built
## binary), then the performance figures (npm run perf: printed, not asserted);
## every step runs, JUnit reports land in frontend/reports/
test-frontend:
	@[ -f frontend/package.json ] || { echo "no frontend/package.json: no console tests"; exit 0; }; \
	cd frontend && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && rm -rf reports && \
	fail=0; for step in codegen:check build:check size typecheck test test:tz e2e perf; do \
		echo "==> frontend: npm run $$step"; npm run -s $$step || { echo "frontend: npm run $$step failed"; fail=1; }; \
	done; exit $$fail

## fuzz-smoke: each fuzz target for FUZZTIME (default 5s), one after the other;
## .ci/run runs it. A bare deadline failure at the end of a run (Go's fuzz
## coordinator race, golang/go#75804) is retried once (.ci/fuzz-one). FUZZTIME=10m for a longer run. FUZZMINIMIZETIME bounds the
## minimising of each new interesting input: at go's default (60s) it stalls a
## short run on the large sample files.
FUZZTIME ?= 5s
FUZZMINIMIZETIME ?= 200x
FUZZ_TARGETS := formats:FuzzParse formats:FuzzDefenderREST formats:FuzzWorkflowExport \
	formats:FuzzLogAnalyticsQuery formats:FuzzLogAnalyticsCSV formats:FuzzEntities \
	ingest:FuzzIngest .:FuzzGraphQL
fuzz-smoke:
	@set -euo pipefail; for target in $(FUZZ_TARGETS); do \
		pkg=./$${target%%:*}; name=$${target##*:}; \
		echo "==> fuzz $$name ($$pkg) for $(FUZZTIME)"; \
		GO=$(GO) .ci/fuzz-one $$pkg $$name $(FUZZTIME) $(FUZZMINIMIZETIME); \
	done

## quality: pairwise precision and recall of correlation on the labelled scenarios, next to two baselines
quality:
	$(GO) run ./quality/cmd/report

## bench: ingest and correlation throughput on SQLite and PostgreSQL
bench:
	@set -euo pipefail; \
	source scripts/test-postgres.sh; trap vigil_test_postgres_stop EXIT; \
	$(GO) run ./bench $(BENCHFLAGS)

clean:
	rm -f vigil vigil-demo.db*
