# Galley: `make build` builds the bundled site into public/; `make test`
# installs the test tools it needs and runs every test.

GO      ?= go
BIN     := bin/galley
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
TOOLS   := .ci/tools
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FUZZTIME ?= 30s
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: build galley test tools vet bench fuzz serve clean screenshots lighthouse migrate-check

build: galley
	$(BIN) build -s . -d public

galley:
	$(GO) build -trimpath -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/galley

# tools installs what the tests run besides Go: xmllint (sitemap schemas),
# exiftool (photo metadata, read back from derivatives),
# Java and the Nu HTML Checker (HTML validity), Chromium (browser suite),
# axe-core (accessibility) and Lighthouse, and awscli, which reads back
# what galley deploy wrote to a SeaweedFS server (the tests build that
# server from the Go module proxy, cached in the user cache folder).
# Only the package registries are used: Debian's apt, npm, Go's proxy.
tools:
	@missing=""; \
	command -v xmllint >/dev/null || missing="$$missing libxml2-utils"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v exiftool >/dev/null || missing="$$missing libimage-exiftool-perl"; \
	[ -x /usr/bin/aws ] || missing="$$missing awscli"; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@if [ ! -f $(TOOLS)/node_modules/.package-lock.json ] || ! cmp -s $(TOOLS)/package-lock.json $(TOOLS)/node_modules/.package-lock.json.src; then \
		cd $(TOOLS) && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.package-lock.json.src; \
	fi

# test runs vet, staticcheck and gofmt, then every test with the race
# detector (fuzz targets run their seed corpora); GALLEY_REQUIRE_TOOLS makes
# tests that need xmllint or vnu fail rather than skip. The end-to-end
# package takes 7–8 minutes alone and more beside the others on two cores:
# past go test's default limit of 10.
test: tools vet
	GALLEY_REQUIRE_TOOLS=1 $(GO) test -race -count=1 -timeout 20m ./...

vet:
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	$(GO) mod tidy -diff
	@unformatted=$$(gofmt -l cmd galley.go); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi

# bench prints Galley beside Hugo v0.166 on the shared corpus and layout
# (BENCH_SIZES, BENCH_RUNS, BENCH_PEER; see .ci/bench/run), then both
# making the derivatives of 100 real photos (.ci/bench/images,
# BENCH_PHOTOS), then galley import of a generated WordPress export of
# 50,000 posts, failing over 300 MB of peak memory (.ci/bench/wordpress,
# BENCH_WXR_POSTS), then search beside Pagefind on the same site
# (.ci/bench/search, BENCH_SEARCH_SIZES), then the Go benchmarks of each
# stage, then galley serve's time from saving a story to the reload event
# on 10,000 stories.
bench:
	.ci/bench/run
	.ci/bench/images
	.ci/bench/wordpress
	.ci/bench/search
	$(GO) test -run='^$$' -bench=. -benchmem ./cmd/galley/internal/...
	$(GO) test -run='^$$' -bench=ServeSaveToReload -benchtime=20x ./cmd/galley

# migrate-check imports the Hugo or Jekyll sites and WordPress exports in
# MIGRATE_SITES (local copies), builds them and runs galley check,
# printing the figures.
migrate-check:
	.ci/migrate-check

# fuzz runs each fuzz target for FUZZTIME.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$target"; \
			$(GO) test -run='^$$' -fuzz="^$$target$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

# screenshots writes PNGs of each page type at 375 and 1280 px wide.
screenshots: tools
	rm -rf screenshots
	GALLEY_SCREENSHOTS=$(CURDIR)/screenshots GALLEY_REQUIRE_TOOLS=1 $(GO) test -count=1 -run '^TestBrowser$$' ./cmd/galley
	@ls screenshots

# lighthouse scores the article and home pages of the bundled site.
lighthouse: tools galley
	GALLEY_REQUIRE_TOOLS=1 GALLEY_LIGHTHOUSE=1 $(GO) test -count=1 -v -run '^TestLighthouse$$' ./cmd/galley

serve: galley
	$(BIN) serve -s .

clean:
	rm -rf public bin screenshots
