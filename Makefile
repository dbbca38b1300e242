# The front door: make run | test | debug | bench | build | image | flash, each taking
# BOARD=<board> (and run, image: OVERLAY=<folder>, whose files go into the root file system;
# debug: TARGET=jtag for a real board through OpenOCD; flash, debug: ADAPTER=<OpenOCD interface>).
# Every target first installs what is missing (toolchain/install-deps.sh).
BOARD ?= virt
OVERLAY ?=      # folders whose files are added to the root file system (make run OVERLAY=dir)
BOARDS := pc virt versatilepb orangepi-pc
PYTHON := /usr/bin/python3
TARGET ?= qemu  # make debug: qemu (QEMU's gdb stub) or jtag (a real board, boot/jtag.py)
ADAPTER ?=      # OpenOCD interface script for flash and TARGET=jtag (default: the board's cfg's)
JTAG := $(PYTHON) boot/jtag.py --board $(BOARD) $(if $(strip $(ADAPTER)),--adapter $(strip $(ADAPTER)))

.PHONY: deps build image run debug flash bench unit test clean

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
ifeq ($(strip $(TARGET)),jtag)
	$(JTAG) debug
else
	$(PYTHON) boot/qemu.py --board $(BOARD) --gdb
endif

# A real board over JTAG: OpenOCD puts the OS in RAM and starts it (board/<board>/openocd.cfg).
flash: build
	$(JTAG) flash

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
