# The front door: make run | test | debug | bench | build, each taking BOARD=<board>.
# Every target first installs what is missing (toolchain/install-deps.sh).
BOARD ?= virt
BOARDS := pc virt
PYTHON := /usr/bin/python3

.PHONY: deps build run debug bench unit test clean

deps:
	@sh toolchain/install-deps.sh

build: deps
	@cmake --preset $(BOARD) >/dev/null
	@cmake --build --preset $(BOARD)

run: build
	$(PYTHON) boot/qemu.py --board $(BOARD)

debug: build
	$(PYTHON) boot/qemu.py --board $(BOARD) --gdb

bench: build
	$(PYTHON) tests/bench/run_bench.py --board $(BOARD)

unit: deps
	@cmake --preset host >/dev/null
	@cmake --build --preset host
	ctest --preset host

test: unit
	@for b in $(BOARDS); do cmake --preset $$b >/dev/null && cmake --build --preset $$b || exit 1; done
	$(PYTHON) -m pytest tests/system -v --boards "$(BOARDS)"

clean:
	rm -rf build
