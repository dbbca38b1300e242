# The board's SDK in build/<board>/sdk (included by lib/CMakeLists.txt): bin/phoenix-cc, a cc
# for POSIX programs for the OS, and phoenix.cmake, a CMake toolchain file that uses it, with
# copies of the headers and libraries they need: nothing in it refers to the source tree.
set(SDK_DIR ${CMAKE_BINARY_DIR}/sdk)

# Headers: lib/posix's (next to newlib's), the system's protocols and libsys.
function(sdk_copy_headers from to)
    file(GLOB_RECURSE headers CONFIGURE_DEPENDS RELATIVE ${from} ${from}/*.h)
    foreach(h ${headers})
        configure_file(${from}/${h} ${SDK_DIR}/include/${to}${h} COPYONLY)
    endforeach()
endfunction()
sdk_copy_headers(${CMAKE_SOURCE_DIR}/lib/posix/include "")
sdk_copy_headers(${CMAKE_SOURCE_DIR}/include/os "os/")
configure_file(${CMAKE_SOURCE_DIR}/lib/sys/include/libsys.h ${SDK_DIR}/include/libsys.h COPYONLY)
configure_file(${ARCH_USER_LD} ${SDK_DIR}/lib/user.ld COPYONLY)

# Libraries: lib/posix as an archive (phoenix-cc links all of it), libsys, crt0.
add_library(sdk_posix STATIC $<TARGET_OBJECTS:posix>)
set_target_properties(sdk_posix PROPERTIES OUTPUT_NAME posix ARCHIVE_OUTPUT_DIRECTORY ${SDK_DIR}/lib)
add_custom_command(OUTPUT ${SDK_DIR}/lib/libsys.a ${SDK_DIR}/lib/crt0.o
    COMMAND ${CMAKE_COMMAND} -E copy $<TARGET_FILE:sys_posix> ${SDK_DIR}/lib/libsys.a
    COMMAND ${CMAKE_COMMAND} -E copy $<TARGET_OBJECTS:crt0> ${SDK_DIR}/lib/crt0.o
    DEPENDS sys_posix crt0 $<TARGET_OBJECTS:crt0>
    COMMENT "Copying libsys and crt0 into the SDK")
add_custom_target(sdk ALL DEPENDS sdk_posix ${SDK_DIR}/lib/libsys.a ${SDK_DIR}/lib/crt0.o)

# The compiler by name (found on PATH), and the flags add_posix_program uses, as shell words.
get_filename_component(SDK_CC ${CMAKE_C_COMPILER} NAME)
separate_arguments(sdk_arch UNIX_COMMAND "${CMAKE_C_FLAGS}")
string(JOIN " " SDK_ARCH_FLAGS ${sdk_arch} ${ARCH_USER_FLAGS})
string(JOIN " " SDK_C_FLAGS ${POSIX_C_FLAGS})
string(JOIN " " SDK_LINK_FLAGS ${POSIX_LINK_FLAGS})
set(SDK_PROCESSOR ${CMAKE_SYSTEM_PROCESSOR})
configure_file(${CMAKE_SOURCE_DIR}/sdk/phoenix-cc.in ${SDK_DIR}/bin/phoenix-cc @ONLY
               FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                WORLD_READ WORLD_EXECUTE)
configure_file(${CMAKE_SOURCE_DIR}/sdk/phoenix.cmake.in ${SDK_DIR}/phoenix.cmake @ONLY)
