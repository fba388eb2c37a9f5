# The two set-up commands (README): `make run` and `make test`. Everything else here serves them.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)

STATE_DIR ?= $(HOME)/.local/state/mosip-mds
SWIFT_FLAGS ?=
TEST_FLAGS ?=

.PHONY: run test deps build release clean compose-check

deps:
	@./scripts/install-deps.sh

build: deps
	swift build $(SWIFT_FLAGS)

release: deps
	swift build -c release $(SWIFT_FLAGS)

## Installs what is missing, builds, provisions the development PKI on first start and runs the service with the
## simulated devices in the foreground (Ctrl-C stops every stage).
run: release
	.build/release/mds run --state-dir "$(STATE_DIR)"

## Installs what is missing, builds, and runs every test (unit, stage and end-to-end through real processes).
test: deps
	swift build $(SWIFT_FLAGS)
	swift test $(SWIFT_FLAGS) $(TEST_FLAGS)

compose-check:
	docker-compose -f compose/docker-compose.yml config --quiet

clean:
	rm -rf .build
