# The virtio block driver (included from drivers/CMakeLists.txt).
add_program(virtio_blk ${CMAKE_CURRENT_LIST_DIR}/virtio_blk.c)
target_link_libraries(virtio_blk PRIVATE driver)
