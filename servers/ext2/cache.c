/* The write-back block cache: a fixed set of block buffers, reused least recently used first.
 * Callers hold a buffer (bc_get) while they use it so it cannot be evicted under them. */
#include "ext2_int.h"

void bc_init(struct ext2_fs *fs)
{
    for (int i = 0; i < EXT2_CACHE_BLOCKS; i++) {
        fs->cache[i].valid = false;
        fs->cache[i].dirty = false;
        fs->cache[i].refs = 0;
    }
    fs->tick = 0;
}

/* Metadata pointers come from disk: everything that follows one goes through this check. */
bool block_ok(const struct ext2_fs *fs, uint32_t block)
{
    return block >= fs->sb.s_first_data_block && block < fs->sb.s_blocks_count;
}

static struct ext2_buf *bc_find(struct ext2_fs *fs, uint32_t block)
{
    for (int i = 0; i < EXT2_CACHE_BLOCKS; i++)
        if (fs->cache[i].valid && fs->cache[i].block == block)
            return &fs->cache[i];
    return NULL;
}

/* Up to this many bytes go to or come from the device in one request: the dirty blocks that
 * follow a block written out go with it, and a file read fetches the blocks after its own. */
#define CLUSTER_BYTES (64u << 10)
static uint8_t cluster[CLUSTER_BYTES];

static int bc_writeout(struct ext2_fs *fs, struct ext2_buf *b)
{
    struct ext2_buf *run[CLUSTER_BYTES / 1024];
    uint32_t max = CLUSTER_BYTES / fs->block_size, n = 0;
    run[n++] = b;
    for (struct ext2_buf *next; n < max && (next = bc_find(fs, b->block + n)) && next->dirty; )
        run[n++] = next;
    for (uint32_t i = 0; i < n; i++)
        memcpy(cluster + i * fs->block_size, run[i]->data, fs->block_size);
    uint64_t off = (uint64_t)b->block * fs->block_size;
    if (fs->dev.write(fs->dev.ctx, off, cluster, n * fs->block_size) < 0)
        return -EIO;
    for (uint32_t i = 0; i < n; i++)
        run[i]->dirty = false;
    return OK;
}

/* An invalid buffer if there is one, else the least recently used unheld one, written out. */
static int bc_victim(struct ext2_fs *fs, struct ext2_buf **out)
{
    struct ext2_buf *best = NULL;
    for (int i = 0; i < EXT2_CACHE_BLOCKS; i++) {
        struct ext2_buf *b = &fs->cache[i];
        if (!b->valid) {
            best = b;
            break;
        }
        if (b->refs == 0 && (best == NULL || b->last_use < best->last_use))
            best = b;
    }
    if (best == NULL)
        return -EIO;            /* every buffer held: a bug, but no reason to crash */
    if (best->valid && best->dirty) {
        int r = bc_writeout(fs, best);
        if (r < 0)
            return r;
    }
    best->valid = false;
    *out = best;
    return OK;
}

/* Holds the buffer of a block, reading it unless zero is set (then it is cleared instead). */
static int bc_acquire(struct ext2_fs *fs, uint32_t block, bool zero, struct ext2_buf **out)
{
    if (!block_ok(fs, block))
        return -EIO;
    struct ext2_buf *b = bc_find(fs, block);
    if (b == NULL) {
        int r = bc_victim(fs, &b);
        if (r < 0)
            return r;
        if (!zero && fs->dev.read(fs->dev.ctx, (uint64_t)block * fs->block_size, b->data,
                                  fs->block_size) < 0)
            return -EIO;
        b->block = block;
        b->valid = true;
        b->dirty = false;
        b->refs = 0;
    }
    if (zero) {
        memset(b->data, 0, fs->block_size);
        b->dirty = true;
    }
    b->refs++;
    b->last_use = ++fs->tick;
    *out = b;
    return OK;
}

int bc_get(struct ext2_fs *fs, uint32_t block, struct ext2_buf **out)
{
    return bc_acquire(fs, block, false, out);
}

/* A file's data block, with the blocks after it (up to `ahead` in all) read in the same
 * request into buffers of their own, for the reads that are likely to follow. */
int bc_get_ahead(struct ext2_fs *fs, uint32_t block, uint32_t ahead, struct ext2_buf **out)
{
    static uint8_t fetched[CLUSTER_BYTES];   /* not cluster: evictions below write through it */
    uint32_t max = CLUSTER_BYTES / fs->block_size, n = 0;
    if (ahead > max)
        ahead = max;
    while (n < ahead && block_ok(fs, block + n) && !bc_find(fs, block + n))
        n++;
    if (n > 1 && fs->dev.read(fs->dev.ctx, (uint64_t)block * fs->block_size, fetched,
                              n * fs->block_size) == 0) {
        for (uint32_t i = n; i-- > 0; ) {     /* the wanted block last, as the most recent */
            struct ext2_buf *b;
            if (bc_victim(fs, &b) < 0)
                break;
            memcpy(b->data, fetched + i * fs->block_size, fs->block_size);
            b->block = block + i;
            b->valid = true;
            b->dirty = false;
            b->refs = 0;
            b->last_use = ++fs->tick;
        }
    }
    return bc_acquire(fs, block, false, out);
}

/* For a freshly allocated block: its old contents do not matter, so it is not read. */
int bc_get_zero(struct ext2_fs *fs, uint32_t block, struct ext2_buf **out)
{
    return bc_acquire(fs, block, true, out);
}

void bc_dirty(struct ext2_buf *b)
{
    b->dirty = true;
}

void bc_put(struct ext2_buf *b)
{
    if (b->refs > 0)
        b->refs--;
}

/* A freed block's cached contents must not be written over its next owner's later. */
void bc_forget(struct ext2_fs *fs, uint32_t block)
{
    struct ext2_buf *b = bc_find(fs, block);
    if (b != NULL && b->refs == 0) {
        b->valid = false;
        b->dirty = false;
    }
}

int bc_flush(struct ext2_fs *fs)
{
    int err = OK;
    for (int i = 0; i < EXT2_CACHE_BLOCKS; i++) {
        struct ext2_buf *b = &fs->cache[i];
        if (b->valid && b->dirty) {
            int r = bc_writeout(fs, b);
            if (r < 0)
                err = r;
        }
    }
    return err;
}
