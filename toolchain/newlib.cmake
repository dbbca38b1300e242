# Where newlib is for this board's architecture: NEWLIB_LIBC, NEWLIB_LIBM and NEWLIB_COMPILE_FLAGS
# (what POSIX sources need to see newlib's headers), and the same for the SDK (NEWLIB_SDK_*).
# x86 builds newlib once per build tree (toolchain/build-newlib-x86.sh); ARM uses Debian's
# libnewlib-arm-none-eabi.

if(ARCH STREQUAL "x86")
    set(NEWLIB_DIR ${CMAKE_BINARY_DIR}/newlib)
    set(NEWLIB_LIBC ${NEWLIB_DIR}/lib/libc.a)
    set(NEWLIB_LIBM ${NEWLIB_DIR}/lib/libm.a)
    execute_process(COMMAND ${CMAKE_C_COMPILER} -m32 -print-file-name=include
                    OUTPUT_VARIABLE GCC_INCLUDE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
    # gcc's own headers, then newlib's; never the build machine's C library headers. The host
    # gcc says it compiles for Linux, which newlib's headers would take to mean glibc; so does
    # toolchain/build-newlib-x86.sh. SHELL: keeps CMake from merging the two -isystem.
    set(NEWLIB_COMPILE_FLAGS -U__linux__ -U__linux -Ulinux -U__gnu_linux__ -U__unix__ -U__unix
                             -Uunix -nostdinc "SHELL:-isystem ${GCC_INCLUDE_DIR}"
                             "SHELL:-isystem ${NEWLIB_DIR}/include")
    # The same for the SDK's phoenix-cc (sdk/sdk.cmake), as words of its shell script, which
    # finds the paths when it runs: newlib in the build tree above it, gcc's headers by asking.
    string(CONCAT NEWLIB_SDK_INCLUDE "-U__linux__ -U__linux -Ulinux -U__gnu_linux__ -U__unix__ "
        "-U__unix -Uunix -nostdinc -isystem \"$(\"$CC\" $ARCH_FLAGS -print-file-name=include)\" "
        "-isystem \"$SDK/../newlib/include\"")
    string(CONCAT NEWLIB_SDK_LIBS "-L \"$SDK/../newlib/lib\" \"$SDK/../newlib/lib/libc.a\" "
        "\"$SDK/../newlib/lib/libm.a\"")
    # At configure time and only while libc.a is missing: about a minute once per build tree.
    # Not a build rule, so a `clean` of the build tree keeps it.
    if(NOT EXISTS ${NEWLIB_LIBC})
        execute_process(COMMAND sh ${CMAKE_SOURCE_DIR}/toolchain/build-newlib-x86.sh ${NEWLIB_DIR}
                        RESULT_VARIABLE result)
        if(NOT result EQUAL 0)
            message(FATAL_ERROR "building newlib failed (toolchain/build-newlib-x86.sh)")
        endif()
    endif()
elseif(ARCH STREQUAL "arm")
    # The multilib gcc picks for our flags (thumb/v7-a/nofp for -march=armv7-a -mfloat-abi=soft).
    separate_arguments(NEWLIB_ARCH_FLAGS UNIX_COMMAND "${CMAKE_C_FLAGS}")
    foreach(lib c m)
        execute_process(COMMAND ${CMAKE_C_COMPILER} ${NEWLIB_ARCH_FLAGS} ${ARCH_USER_FLAGS}
                                -print-file-name=lib${lib}.a
                        OUTPUT_VARIABLE path OUTPUT_STRIP_TRAILING_WHITESPACE)
        if(NOT IS_ABSOLUTE "${path}" OR NOT EXISTS "${path}")
            message(FATAL_ERROR "no lib${lib}.a for ${NEWLIB_ARCH_FLAGS} ${ARCH_USER_FLAGS}: "
                                "install libnewlib-arm-none-eabi (toolchain/install-deps.sh)")
        endif()
        string(TOUPPER ${lib} LIB)
        set(NEWLIB_LIB${LIB} ${path})
    endforeach()
    set(NEWLIB_COMPILE_FLAGS "")   # the cross compiler finds newlib's headers by itself
    # For the SDK's phoenix-cc (sdk/sdk.cmake): the compiler finds libc and libm by itself too.
    set(NEWLIB_SDK_INCLUDE "")
    set(NEWLIB_SDK_LIBS "-lc -lm")
else()
    message(FATAL_ERROR "no newlib for architecture ${ARCH}")
endif()
