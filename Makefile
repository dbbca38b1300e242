# The front door: make run | test | debug | bench | build | image, each taking BOARD=<board>
# (and run, image: OVERLAY=<folder>, whose files go into the root file system).
# Every target first installs what is missing (toolchain/install-deps.sh).
BOARD ?= virt
OVERLAY ?=      # folders whose files are added to the root file system (make run OVERLAY=dir)
BOARDS := pc virt versatilepb
PYTHON := /usr/bin/python3

.PHONY: deps build image run debug bench unit test clean

deps:
	@sh toolchain/install-deps.sh

build: deps
	@cmake --preset $(BOARD) -DOVERLAY="$(strip $(OVERLAY))" >/dev/null
	@cmake --build --preset $(BOARD)

image: build
	@echo "root file system: build/$(BOARD)/root.img (boot image: build/$(BOARD)/system.img)"

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
	@for b in $(BOARDS); do cmake --preset $$b -DOVERLAY= >/dev/null && cmake --build --preset $$b || exit 1; done
	$(PYTHON) -m pytest tests/system -v --boards "$(BOARDS)"

clean:
	rm -rf build
