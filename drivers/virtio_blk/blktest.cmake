# Its test job, tests/drivers/blktest.c (included from tests/drivers/CMakeLists.txt).
add_program(blktest ${CMAKE_SOURCE_DIR}/tests/drivers/blktest.c)
target_link_libraries(blktest PRIVATE testjob)
