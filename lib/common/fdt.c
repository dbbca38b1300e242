/* A small flattened-device-tree reader: walks the structure block once per lookup and never
 * reads outside the blob's declared size. */
#include "fdt.h"
#include "string.h"

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9
#define MAX_DEPTH      16

struct fdt_header {
    uint32_t magic, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap, version;
    uint32_t last_comp_version, boot_cpuid_phys, size_dt_strings, size_dt_struct;
};

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

uint64_t fdt_cells(const void *p, uint32_t cells)
{
    const uint8_t *b = p;
    return cells == 2 ? (uint64_t)be32(b) << 32 | be32(b + 4) : be32(b);
}

uint32_t fdt_size(const void *fdt)
{
    const struct fdt_header *h = fdt;
    if (!fdt || be32(&h->magic) != FDT_MAGIC)
        return 0;
    uint32_t size = be32(&h->totalsize);
    uint32_t st = be32(&h->off_dt_struct), st_len = be32(&h->size_dt_struct);
    uint32_t str = be32(&h->off_dt_strings), str_len = be32(&h->size_dt_strings);
    if (size < sizeof *h || st > size || st_len > size - st || str > size || str_len > size - str)
        return 0;
    return size;
}

/* Does component `index` of path (component 0 is the root's empty name) match `name`? */
static int component_matches(const char *path, int index, const char *name)
{
    const char *c = path;
    for (int i = 0; i < index; i++) {
        c = strchr(c, '/');
        if (!c)
            return 0;
        c++;
    }
    size_t n = 0;
    while (c[n] && c[n] != '/')
        n++;
    if (strncmp(c, name, n) != 0)
        return 0;
    return name[n] == '\0' || (name[n] == '@' && !memchr(c, '@', n));
}

static int path_depth(const char *path)
{
    int d = 1;
    for (const char *c = path; *c; c++)
        if (*c == '/' && c[1])
            d++;
    return d;
}

const void *fdt_property(const void *fdt, const char *path, const char *name, uint32_t *len)
{
    uint32_t size = fdt_size(fdt);
    if (!size)
        return NULL;
    const struct fdt_header *h = fdt;
    const uint8_t *base = fdt;
    const uint8_t *p = base + be32(&h->off_dt_struct);
    const uint8_t *end = p + be32(&h->size_dt_struct);
    const char *strings = (const char *)base + be32(&h->off_dt_strings);
    uint32_t strings_len = be32(&h->size_dt_strings);
    int want = path_depth(path), depth = 0, matched = 0;

    while (p + 4 <= end) {
        uint32_t token = be32(p);
        p += 4;
        if (token == FDT_BEGIN_NODE) {
            const char *node = (const char *)p;
            size_t n = strnlen(node, (size_t)(end - p));
            if (p + n >= end || ++depth > MAX_DEPTH)
                return NULL;
            if (matched == depth - 1 && depth <= want && component_matches(path, depth - 1, node))
                matched = depth;
            p += (n + 4) & ~3u;
        } else if (token == FDT_END_NODE) {
            if (matched == depth)
                matched--;
            if (--depth < 0)
                return NULL;
        } else if (token == FDT_PROP) {
            if (p + 8 > end)
                return NULL;
            uint32_t plen = be32(p), nameoff = be32(p + 4);
            p += 8;
            if (plen > (uint32_t)(end - p) || nameoff >= strings_len)
                return NULL;
            if (matched == want && depth == want &&
                strncmp(strings + nameoff, name, strings_len - nameoff) == 0) {
                *len = plen;
                return p;
            }
            p += (plen + 3) & ~3u;
        } else if (token != FDT_NOP) {
            return NULL;   /* FDT_END, or garbage */
        }
    }
    return NULL;
}
