/* The ext2 file server around the core (ext2fs.h): block devices reached through their
 * drivers, the mount table, the FS_* request handlers and the wait that keeps RS answered. */
#ifndef EXT2_SERVER_H
#define EXT2_SERVER_H

#include <libsys.h>
#include "ext2fs.h"
#include "../../lib/common/string.h"

/* A block device: a driver found in DS by label, and one of its minors. */
#define KNOWN_BAD 8

struct blockdev {
    char label[DS_KEY_MAX];
    uint32_t minor;
    uint32_t access;            /* DEV_ACCESS_* it was opened with */
    endpoint_t ep;              /* the driver's current endpoint */
    uint64_t bad_pos[KNOWN_BAD];/* positions + 1 that a fresh copy of the driver failed too */
    unsigned bad_next;
};

/* blockdev.c: open finds and opens the driver; the ext2_dev callbacks move bytes, waiting
 * for a driver that died to be restarted and repeating the request on the new one. */
int blockdev_open(struct blockdev *d, const char *label, uint32_t minor, uint32_t access);
void blockdev_close(struct blockdev *d);
extern const struct ext2_dev blockdev_ops;    /* ctx: a struct blockdev */

/* idle.c: sleeping while RS pings and other requests arrive (they wait in a queue). */
void idle_init(void);
uint32_t idle_hz(void);
uint32_t idle_seconds(void);                  /* since boot: the system's time of day */
void idle_sleep(uint32_t ticks);
int idle_deferred(message *m);                /* 1 with a queued request, 0 if none */

/* mounts.c */
struct mount {
    bool used;
    struct blockdev dev;
    struct ext2_fs fs;
};
void mounts_init(int argc, char **argv);
int do_mount(message *m);
int do_unmount(message *m);
int do_sync(message *m);
struct ext2_fs *mount_fs(uint32_t mnt);       /* NULL for a bad mnt; the clock set */
bool ino_ok(const struct ext2_fs *fs, uint32_t ino);

/* fsnames.c: the name space. */
int copy_name(endpoint_t from, grant_id_t g, uint32_t len, char *out);
int do_lookup(message *m);
int do_create(message *m);
int do_mkdir(message *m);
int do_mknod(message *m);
int do_unlink(message *m);
int do_rmdir(message *m);
int do_rename(message *m);
int do_link(message *m);
int do_symlink(message *m);

/* fsdata.c: file contents, attributes and directory listings. */
int do_stat(message *m);
int do_read(message *m);
int do_write(message *m);
int do_truncate(message *m);
int do_readlink(message *m);
int do_chmod(message *m);
int do_chown(message *m);
int do_getdents(message *m);

#endif
