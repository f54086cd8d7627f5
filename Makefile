# invoiced — the two commands of the README are `make run` and `make test`.
SWIFT ?= swift
# libgomp reads this when it loads; the daemon re-executes itself with it, the tests need it
# from the start (see DESIGN.md: 4 s per invoice with OpenMP threads, 0.9 s without).
export OMP_THREAD_LIMIT := 1

.PHONY: deps build run test test-browser test-unit test-e2e fuzz reliability extraction-figures sanitize bench clean release install uninstall

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

## Runs the daemon on the checkout's inbox/, data under ./data, API on ./data/invoiced.sock.
run: build
	.build/debug/invoiced --config config/invoiced.yaml

## Every test: unit tests of each module and end-to-end tests of the real binary, the web
## workspace in headless Chromium against the real daemon, then a minute of schemathesis
## against the live daemon's API (docs/openapi.json).
test: build
	$(SWIFT) test
	$(MAKE) test-browser
	scripts/fuzz-api.sh --short

## The web workspace in headless Chromium (Tests/Browser/workspace_test.py). SCREENSHOTS=1
## also writes a screenshot of every page at 1280x800 to docs/screenshots/.
test-browser: build
	$(if $(SCREENSHOTS),INVOICED_SCREENSHOTS=docs/screenshots) .build/venv/bin/python Tests/Browser/workspace_test.py

test-unit: build
	$(SWIFT) test --skip EndToEndTests

test-e2e: build
	$(SWIFT) test --filter EndToEndTests

## The long fuzzing: schemathesis against a live daemon, every route of docs/openapi.json, for
## FUZZ_MAX_TIME seconds (1800); the report goes to .build/fuzz-api/long. Then the libFuzzer
## targets, FUZZ_SECONDS (600) each (fuzz-native, docs/FUZZING.md).
fuzz: build
	scripts/fuzz-api.sh
	$(MAKE) fuzz-native

## The long reliability tests at full size (200 files x 25 kills, 10,000-file burst, three
## PostgreSQL nodes with 300 files x 10 kills, a server crash and a 30 s cut link,
## 1,000 documents for memory); writes the figures into docs/RELIABILITY.md.
reliability: build
	INVOICED_RELIABILITY=full $(SWIFT) test --filter 'CrashRecoveryTests|BurstAndTroubleTests|BadInputTests|SharedStoreReliabilityTests' 2>&1 | tee .build/reliability.log
	scripts/reliability-figures.sh .build/reliability.log docs/RELIABILITY.md

## The extraction corpora (Corpus/kinds, invoice2data samples, the first wave's corpus):
## reruns their tests and writes their tables into docs/EXTRACTION.md.
extraction-figures: build
	scripts/extraction-figures.sh docs/EXTRACTION.md

## Extraction and ingest unit tests under AddressSanitizer and ThreadSanitizer (separate
## build folders: every module is rebuilt instrumented). LeakSanitizer is off: at exit it
## reports XCTest's own objects and the SQLite connections of test stores whose intake
## threads are still parked; leaks of the daemon are what the RSS test watches.
sanitize: deps
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --build-path .build-asan --filter 'InvoiceExtractionTests|IngestTests|LinuxSupportTests'
	$(SWIFT) test --sanitize=thread --build-path .build-tsan --filter 'InvoiceExtractionTests|IngestTests|LinuxSupportTests'

## Benchmarks of the release binary against scripted tesseract pipelines, latencies, memory and
## a 1,000,000-invoice store; writes the figures into docs/BENCHMARKS.md (about 20 minutes on
## 2 cores). QUICK=1: every part reduced to seconds, figures to .build/bench/ only (CI runs it).
## BEFORE=path/to/invoiced: an earlier release build measured beside this one.
## Run it on a quiet machine: other work on the cores shows in the figures (and the doc says so).
bench: deps
	$(SWIFT) build -c release
	scripts/check-release-hooks.sh .build/release/invoiced
	.build/release/invoiced-bench $(if $(QUICK),--quick) $(if $(BEFORE),--compare-binary $(BEFORE))

## libFuzzer targets of Fuzz/, each for FUZZ_SECONDS (default 600), one at a time (docs/FUZZING.md).
fuzz-native:
	scripts/fuzz-targets.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build data

## Installing as a systemd service (README.md, "Install as a service").
# PREFIX=/usr for a system-wide install like a distribution package; the default /usr/local
# works too (systemd reads units, sysusers.d and tmpfiles.d under /usr/local/lib as well).
# DESTDIR stages everything under another root. BINARIES=DIR installs binaries already built
# there instead of building them in release mode.
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
SYSCONFDIR ?= /etc
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
DOCDIR ?= $(PREFIX)/share/doc/invoiced
BINARIES ?=
CONFIG_FILE := $(DESTDIR)$(SYSCONFDIR)/invoiced/invoiced.yaml

release: deps
	$(SWIFT) build -c release
	scripts/check-release-hooks.sh $$($(SWIFT) build -c release --show-bin-path)/invoiced

install: $(if $(BINARIES),,release)
	$(eval BIN := $(if $(BINARIES),$(BINARIES),$(shell $(SWIFT) build -c release --show-bin-path)))
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR) \
		$(DESTDIR)$(DOCDIR) $(DESTDIR)$(SYSCONFDIR)/invoiced
	install -m 0755 $(BIN)/invoiced $(BIN)/invoicectl $(DESTDIR)$(BINDIR)/
	sed -e 's|^ExecStart=/usr/bin/invoiced|ExecStart=$(BINDIR)/invoiced|' \
		-e 's|file:///usr/share/doc/invoiced/|file://$(DOCDIR)/|' \
		systemd/invoiced.service > $(DESTDIR)$(UNITDIR)/invoiced.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/invoiced.service
	install -m 0644 systemd/invoiced.sysusers $(DESTDIR)$(SYSUSERSDIR)/invoiced.conf
	install -m 0644 systemd/invoiced.tmpfiles $(DESTDIR)$(TMPFILESDIR)/invoiced.conf
	install -m 0644 README.md $(DESTDIR)$(DOCDIR)/README.md
	install -m 0644 deploy/nginx/invoiced.conf $(DESTDIR)$(DOCDIR)/nginx-invoiced.conf
	scripts/service-config.sh > $(CONFIG_FILE).new
	@# A configuration edited since the last install stays; the new default lies beside it.
	@if [ ! -e $(CONFIG_FILE) ] || cmp -s $(CONFIG_FILE) $(CONFIG_FILE).new; then \
		mv $(CONFIG_FILE).new $(CONFIG_FILE); chmod 0644 $(CONFIG_FILE); \
	else \
		chmod 0644 $(CONFIG_FILE).new; \
		echo "kept your $(CONFIG_FILE); the new default is $(CONFIG_FILE).new"; \
	fi
	@if [ -z "$(DESTDIR)" ]; then \
		echo "installed; now: systemd-sysusers && systemd-tmpfiles --create invoiced.conf && systemctl daemon-reload && systemctl enable --now invoiced"; \
	fi

## Removes what `make install` put in place; the data (/var/lib/invoiced), the inbox, the
## users and an edited configuration stay.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/invoiced $(DESTDIR)$(BINDIR)/invoicectl $(DESTDIR)$(UNITDIR)/invoiced.service \
		$(DESTDIR)$(SYSUSERSDIR)/invoiced.conf $(DESTDIR)$(TMPFILESDIR)/invoiced.conf $(DESTDIR)$(DOCDIR)/README.md \
		$(DESTDIR)$(DOCDIR)/nginx-invoiced.conf $(CONFIG_FILE).new
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null
	@if [ -e $(CONFIG_FILE) ]; then \
		if scripts/service-config.sh | cmp -s - $(CONFIG_FILE); then \
			rm -f $(CONFIG_FILE); rmdir $(DESTDIR)$(SYSCONFDIR)/invoiced 2>/dev/null || true; \
		else \
			echo "kept $(CONFIG_FILE): it has local changes"; \
		fi; \
	fi
