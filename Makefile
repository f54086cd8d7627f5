# invoiced — the two commands of the README are `make run` and `make test`.
SWIFT ?= swift
# libgomp reads this when it loads; the daemon re-executes itself with it, the tests need it
# from the start (see DESIGN.md: 4 s per invoice with OpenMP threads, 0.9 s without).
export OMP_THREAD_LIMIT := 1

.PHONY: deps build run test test-unit test-e2e reliability sanitize bench clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

## Runs the daemon on the checkout's inbox/, data under ./data, API on ./data/invoiced.sock.
run: build
	.build/debug/invoiced --config config/invoiced.yaml

## Every test: unit tests of each module and end-to-end tests of the real binary.
test: build
	$(SWIFT) test

test-unit: build
	$(SWIFT) test --skip EndToEndTests

test-e2e: build
	$(SWIFT) test --filter EndToEndTests

## The long reliability tests at full size (200 files x 25 kills, 10,000-file burst,
## 1,000 documents for memory); writes the figures into docs/RELIABILITY.md.
reliability: build
	INVOICED_RELIABILITY=full $(SWIFT) test --filter 'CrashRecoveryTests|BurstAndTroubleTests|BadInputTests' 2>&1 | tee .build/reliability.log
	scripts/reliability-figures.sh .build/reliability.log docs/RELIABILITY.md

## Extraction and ingest unit tests under AddressSanitizer and ThreadSanitizer (separate
## build folders: every module is rebuilt instrumented).
sanitize: deps
	$(SWIFT) test --sanitize=address --build-path .build-asan --filter 'InvoiceExtractionTests|IngestTests|LinuxSupportTests'
	$(SWIFT) test --sanitize=thread --build-path .build-tsan --filter 'InvoiceExtractionTests|IngestTests|LinuxSupportTests'

## Benchmarks of the release binary against scripted tesseract pipelines, latencies, memory and
## a 1,000,000-invoice store; writes the figures into docs/BENCHMARKS.md (about 20 minutes on
## 2 cores). QUICK=1: every part reduced to seconds, figures to .build/bench/ only (CI runs it).
## BEFORE=path/to/invoiced: an earlier release build measured beside this one.
## Run it on a quiet machine: other work on the cores shows in the figures (and the doc says so).
bench: deps
	$(SWIFT) build -c release
	.build/release/invoiced-bench $(if $(QUICK),--quick) $(if $(BEFORE),--compare-binary $(BEFORE))

clean:
	rm -rf .build data
