/* Block devices under the file system: byte-addressed reads and writes turned into DEV_READ
 * and DEV_WRITE on whole 512-byte sectors, through grants on the server's own memory. When
 * the driver dies, RS restarts it under the same label: the request is repeated on the new
 * instance, so the file system's callers never see the restart. */
#include "server.h"

#define SECTOR 512u
#define RECONNECT_SECONDS 5         /* how long a restart may take before we give up */
#define RECONNECT_POLLS_PER_SECOND 20
#define MAX_REPLACED 3              /* fresh copies that lie again: give up on the request */

static int dev_call(endpoint_t ep, int type, uint32_t minor, uint32_t access, uint64_t pos,
                    grant_id_t g, uint32_t count)
{
    message m = { 0 };
    m.m_type = type;
    m.m.dev.minor = minor;
    m.m.dev.access = access;
    m.m.dev.pos = pos;
    m.m.dev.grant = g;
    m.m.dev.count = count;
    int r = ipc_sendrec(ep, &m);
    if (r != OK)
        return r;
    /* Only IPC says a driver is gone; a driver that answers so (a flipped bit made it copy
     * for an endpoint that does not exist) is alive and wrong: an I/O error of its own. */
    return m.m_type == -EDEADSRCDST || m.m_type == -EBADEPT ? -EIO : m.m_type;
}

/* The driver ended, or the endpoint is of an instance that did. */
static bool driver_gone(int r)
{
    return r == -EDEADSRCDST || r == -EBADEPT;
}

static int open_at(struct blockdev *d, endpoint_t ep)
{
    int r = dev_call(ep, DEV_OPEN, d->minor, d->access, 0, 0, 0);
    if (r == OK)
        d->ep = ep;
    return r;
}

void blockdev_close(struct blockdev *d)
{
    if (d->ep != NONE)
        dev_call(d->ep, DEV_CLOSE, d->minor, 0, 0, 0, 0);
    d->ep = NONE;
}

/* Polls DS until the label names a driver that takes DEV_OPEN again. While RS publishes a
 * new instance, it may briefly still name the dead one or refuse us; so every failure here
 * only means "not yet". */
static int reconnect(struct blockdev *d)
{
    endpoint_t dead = d->ep;
    log_printf("ext2: driver %s (endpoint %d) is gone; waiting for its restart\n", d->label,
               (int)dead);
    uint32_t tick = idle_hz() / RECONNECT_POLLS_PER_SECOND;
    for (int i = 0; i <= RECONNECT_SECONDS * RECONNECT_POLLS_PER_SECOND; i++) {
        endpoint_t ep;
        int named = ds_lookup(d->label, &ep) == OK;
        /* Still the old endpoint halfway through: RS has not seen it end; have it replaced. */
        if (i == RECONNECT_SECONDS * RECONNECT_POLLS_PER_SECOND / 2 && named && ep == dead)
            rs_restart(d->label);
        if (named && ep != dead && open_at(d, ep) == OK) {
            log_printf("ext2: driver %s is back as endpoint %d; repeating the request\n",
                       d->label, (int)ep);
            return OK;
        }
        idle_sleep(tick ? tick : 1);
    }
    log_printf("ext2: driver %s did not come back\n", d->label);
    return -EIO;
}

int blockdev_open(struct blockdev *d, const char *label, uint32_t minor, uint32_t access)
{
    size_t n = strnlen(label, DS_KEY_MAX);
    if (n == 0 || n == DS_KEY_MAX)
        return -EINVAL;
    memset(d->label, 0, sizeof d->label);
    memcpy(d->label, label, n);
    d->minor = minor;
    d->access = access;
    d->ep = NONE;
    memset(d->bad_pos, 0, sizeof d->bad_pos);
    d->bad_next = 0;
    endpoint_t ep;
    int r = ds_lookup(d->label, &ep);
    if (r < 0)
        return r == -ENOENT ? -ENXIO : r;
    if ((r = open_at(d, ep)) == OK || !driver_gone(r))
        return r;
    d->ep = ep;                 /* caught in a restart: wait for the new instance */
    return reconnect(d);
}

static int replace_driver(struct blockdev *d, int *replaced)
{
    if (++*replaced > MAX_REPLACED || rs_restart(d->label) != OK)
        return -EIO;
    return -EDEADSRCDST;        /* as good as gone: wait for the new instance */
}

static bool known_bad(const struct blockdev *d, uint64_t pos)
{
    for (unsigned i = 0; i < KNOWN_BAD; i++)
        if (d->bad_pos[i] == pos + 1)
            return true;
    return false;
}

/* A driver's answer is not always the truth. The kernel counts what the driver copied
 * through the grant: one that says it moved the sectors and did not (a flipped bit in its
 * copy can do that) would hand us stale data, or have put stale data on the disk. And EIO may
 * be the medium, or a driver broken by a fault that still answers (a flipped bit that makes
 * every copy fail). Either way RS replaces it and the request goes again; an EIO the fresh
 * copy gives too is the medium's, and is remembered so a bad block costs no more restarts.
 * Any other failure of a request that is whole sectors on an open device (EROFS, EINVAL, a
 * short count) can only be the driver's, and is treated the same way. */
static int check_answer(struct blockdev *d, int r, uint64_t pos, uint32_t len, size_t moved,
                        int *replaced)
{
    if (r == (int)len && moved < len) {
        log_printf("ext2: driver %s said it moved %u bytes but moved %u; asking RS to replace "
                   "it\n", d->label, (unsigned)len, (unsigned)moved);
        return replace_driver(d, replaced);
    }
    if (r == (int)len || driver_gone(r) || known_bad(d, pos))
        return r;
    if (*replaced == 0) {
        log_printf("ext2: driver %s answered %d at sector %u; asking RS for a fresh copy to "
                   "try again\n", d->label, r, (unsigned)(pos / SECTOR));
        return replace_driver(d, replaced);
    }
    d->bad_pos[d->bad_next++ % KNOWN_BAD] = pos + 1;
    return r;
}

/* One request on whole sectors: a short transfer is an error to the file system. */
static int sectors(struct blockdev *d, int type, uint64_t pos, void *buf, uint32_t len)
{
    for (int replaced = 0;;) {
        grant_id_t g = grant_make(d->ep, buf, len, type == DEV_READ ? GRANT_WRITE : GRANT_READ);
        if (g < 0)
            return g;
        int r = dev_call(d->ep, type, d->minor, 0, pos, g, len);
        r = check_answer(d, r, pos, len, grant_moved(g), &replaced);
        grant_revoke(g);
        if (!driver_gone(r))
            return r == (int)len ? OK : r < 0 ? r : -EIO;
        if (reconnect(d) != OK)
            return -EIO;
    }
}

/* A piece that does not cover whole sectors: the sector is read, patched, written back. */
static int partial(struct blockdev *d, bool write, uint64_t pos, uint8_t *buf, uint32_t len)
{
    static uint8_t sector[SECTOR];
    uint64_t base = pos - pos % SECTOR;
    uint32_t in = (uint32_t)(pos - base);
    int r = sectors(d, DEV_READ, base, sector, SECTOR);
    if (r < 0 || !write) {
        if (r == OK)
            memcpy(buf, sector + in, len);
        return r;
    }
    memcpy(sector + in, buf, len);
    return sectors(d, DEV_WRITE, base, sector, SECTOR);
}

static int transfer(void *ctx, bool write, uint64_t pos, uint8_t *buf, uint32_t len)
{
    struct blockdev *d = ctx;
    while (len > 0) {
        uint32_t in = (uint32_t)(pos % SECTOR), n;
        int r;
        if (in != 0 || len < SECTOR) {
            n = SECTOR - in < len ? SECTOR - in : len;
            r = partial(d, write, pos, buf, n);
        } else {
            n = len - len % SECTOR;
            r = sectors(d, write ? DEV_WRITE : DEV_READ, pos, buf, n);
        }
        if (r < 0)
            return r;
        pos += n;
        buf += n;
        len -= n;
    }
    return OK;
}

static int bd_read(void *ctx, uint64_t pos, void *buf, uint32_t len)
{
    return transfer(ctx, false, pos, buf, len);
}

/* The driver only reads from the grant, so dropping const here is safe. */
static int bd_write(void *ctx, uint64_t pos, const void *buf, uint32_t len)
{
    return transfer(ctx, true, pos, (uint8_t *)(uintptr_t)buf, len);
}

const struct ext2_dev blockdev_ops = { NULL, bd_read, bd_write };
