# The ext2 core's sources (the library the file server and the host tests share), relative
# to this folder; the file server's own files are listed in CMakeLists.txt.
set(EXT2_CORE_SOURCES alloc.c attr.c cache.c dir.c file.c inode.c names.c ops.c super.c)
