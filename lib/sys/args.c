/* Reading boot arguments: the boot image passes other processes' endpoints as decimal
 * numbers; drivers take addresses, ports and IRQs in decimal or hex. */
#include <libsys.h>

endpoint_t arg_endpoint(int argc, char **argv, int i)
{
    if (i >= argc || !argv[i][0])
        return NONE;
    int v = 0;
    for (const char *s = argv[i]; *s; s++) {
        if (*s < '0' || *s > '9')
            return NONE;
        v = v * 10 + (*s - '0');
    }
    return v;
}

int arg_number(const char *s, uint32_t *value)
{
    uint32_t base = 10, v = 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    if (!*s)
        return -EINVAL;
    for (; *s; s++) {
        uint32_t d = *s >= '0' && *s <= '9' ? (uint32_t)(*s - '0') :
                     *s >= 'a' && *s <= 'f' ? (uint32_t)(*s - 'a' + 10) :
                     *s >= 'A' && *s <= 'F' ? (uint32_t)(*s - 'A' + 10) : 99;
        if (d >= base || v > (0xffffffffu - d) / base)
            return -EINVAL;
        v = v * base + d;
    }
    *value = v;
    return OK;
}
