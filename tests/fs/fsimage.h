/* fstest's ext2 image, made at build time by tests/fs/mkimage.py: the runs of non-zero
 * sectors; everything else in its fs_image_size bytes is zero. */
#ifndef TESTS_FSIMAGE_H
#define TESTS_FSIMAGE_H
#include <stdint.h>

struct image_run {
    uint32_t offset, len;       /* multiples of 512 */
    const uint8_t *data;
};

extern const struct image_run fs_image_runs[];
extern const uint32_t fs_image_nruns;
extern const uint32_t fs_image_size;

#endif
