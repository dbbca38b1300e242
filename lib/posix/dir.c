/* Directory streams: an open directory and a buffer of the struct fs_dirent records VFS_GETDENTS
 * returned, handed out one struct dirent at a time; VFS keeps the position in the descriptor. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "posix.h"

#define DIR_BUF 2048   /* several entries; the longest name takes 264 bytes */

struct _posix_dir {
    int fd;
    uint32_t next, end;          /* the unread records: buf[next, end) */
    struct dirent entry;         /* what readdir returned last */
    uint32_t buf[DIR_BUF / 4];   /* records start at multiples of 4 */
};

DIR *fdopendir(int fd)
{
    struct stat st;
    if (posix_fstat(fd, &st) < 0)
        return NULL;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return NULL;
    }
    DIR *d = malloc(sizeof *d);
    if (!d) {
        errno = ENOMEM;
        return NULL;
    }
    d->fd = fd;
    d->next = d->end = 0;
    return d;
}

/* The descriptor is the stream's own, so a program that execs does not pass it on. */
DIR *opendir(const char *path)
{
    int fd = _open(path, O_RDONLY | O_DIRECTORY, 0);
    if (fd < 0)
        return NULL;
    DIR *d = fdopendir(fd);
    if (!d) {
        int err = errno;
        _close(fd);
        errno = err;
        return NULL;
    }
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    return d;
}

int closedir(DIR *d)
{
    if (!d)
        return posix_fail(-EBADF);
    int r = _close(d->fd);
    free(d);
    return r;
}

int dirfd(DIR *d)
{
    return d ? d->fd : posix_fail(-EBADF);
}

void rewinddir(DIR *d)
{
    if (!d)
        return;
    _lseek(d->fd, 0, SEEK_SET);
    d->next = d->end = 0;
}

/* 1 with records in the buffer, 0 at the end of the directory, -1 with errno on failure. */
static int refill(DIR *d)
{
    message m = { 0 };
    m.m.vfs.fd = d->fd;
    int r = vfs_request(VFS_GETDENTS, &m, VFS_OUT(d->buf, sizeof d->buf), VFS_NO_SPAN);
    if (r < 0)
        return -1;
    if ((size_t)r > sizeof d->buf)
        return posix_fail(-EIO);
    d->next = 0;
    d->end = (uint32_t)r;
    return r > 0;
}

static unsigned char dirent_type(uint8_t fs_type)
{
    switch (fs_type) {
    case FS_DT_REG: return DT_REG;
    case FS_DT_DIR: return DT_DIR;
    case FS_DT_CHR: return DT_CHR;
    case FS_DT_BLK: return DT_BLK;
    case FS_DT_FIFO: return DT_FIFO;
    case FS_DT_SOCK: return DT_SOCK;
    case FS_DT_LNK: return DT_LNK;
    default: return DT_UNKNOWN;
    }
}

/* A record must lie inside what VFS returned and hold its terminated name; anything else
 * ends the stream with EIO rather than handing out garbage. */
static int record_ok(const uint8_t *rec, const struct fs_dirent *h, uint32_t left)
{
    uint32_t need = (uint32_t)sizeof *h + h->namelen + 1;
    return left >= sizeof *h && h->reclen % 4 == 0 && h->reclen >= need && h->reclen <= left &&
           h->namelen > 0 && rec[sizeof *h + h->namelen] == '\0';
}

/* At the end NULL with errno unchanged; on an error NULL with errno set. */
struct dirent *readdir(DIR *d)
{
    if (!d) {
        posix_fail(-EBADF);
        return NULL;
    }
    if (d->next >= d->end && refill(d) <= 0)
        return NULL;
    const uint8_t *rec = (const uint8_t *)d->buf + d->next;
    struct fs_dirent h = { 0 };
    uint32_t left = d->end - d->next;
    memcpy(&h, rec, left < sizeof h ? left : sizeof h);
    if (!record_ok(rec, &h, left)) {
        d->next = d->end;
        posix_fail(-EIO);
        return NULL;
    }
    d->entry.d_ino = (ino_t)h.ino;
    d->entry.d_type = dirent_type(h.type);
    memcpy(d->entry.d_name, rec + sizeof h, h.namelen + 1u);
    d->next += h.reclen;
    return &d->entry;
}

/* qsort's comparison cannot carry scandir's, so it waits here for the length of the sort. */
static int (*scan_compare)(const struct dirent **, const struct dirent **);

static int scan_sort(const void *a, const void *b)
{
    return scan_compare((const struct dirent **)a, (const struct dirent **)b);
}

static void free_list(struct dirent **list, size_t n)
{
    while (n > 0)
        free(list[--n]);
    free(list);
}

/* Adds a copy of e to *list (n entries, room for *room); -ENOMEM if there is no memory. */
static int append(struct dirent ***list, size_t n, size_t *room, const struct dirent *e)
{
    if (n == *room) {
        size_t grow = *room ? *room * 2 : 16;
        struct dirent **bigger = realloc(*list, grow * sizeof **list);
        if (!bigger)
            return -ENOMEM;
        *list = bigger;
        *room = grow;
    }
    if (!((*list)[n] = malloc(sizeof *e)))
        return -ENOMEM;
    memcpy((*list)[n], e, sizeof *e);
    return OK;
}

int scandir(const char *path, struct dirent ***namelist, int (*filter)(const struct dirent *),
            int (*compare)(const struct dirent **, const struct dirent **))
{
    DIR *d = opendir(path);
    if (!d)
        return -1;
    struct dirent **list = NULL;
    size_t n = 0, room = 0;
    int err = 0;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            err = errno;
            break;
        }
        if (filter && !filter(e))
            continue;
        if ((err = -append(&list, n, &room, e)) != 0)
            break;
        n++;
    }
    closedir(d);
    if (err) {
        free_list(list, n);
        errno = err;
        return -1;
    }
    if (compare && n > 1) {
        scan_compare = compare;
        qsort(list, n, sizeof *list, scan_sort);
    }
    *namelist = list;
    return (int)n;
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
    return strcoll((*a)->d_name, (*b)->d_name);
}
