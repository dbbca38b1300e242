# Groups of board/common pieces that go together, for the boards' BOARD_SOURCES.
set(COMMON_DIR ${CMAKE_SOURCE_DIR}/board/common)
# Memory and the boot image from r2: a device tree or an ATAG list, whichever the loader left.
set(BOOT_ARGS_SOURCES ${COMMON_DIR}/boot_args.c ${COMMON_DIR}/fdt_boot.c ${COMMON_DIR}/atag_boot.c
    ${CMAKE_SOURCE_DIR}/lib/common/fdt.c)
