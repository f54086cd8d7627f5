# invoiced — the two commands of the README are `make run` and `make test`.
SWIFT ?= swift
# libgomp reads this when it loads; the daemon re-executes itself with it, the tests need it
# from the start (see DESIGN.md: 4 s per invoice with OpenMP threads, 0.9 s without).
export OMP_THREAD_LIMIT := 1

.PHONY: deps build run test test-unit test-e2e clean

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

clean:
	rm -rf .build data
