/* A small vsnprintf shared by the kernel and the system library: enough for diagnostics. */
#include "fmt.h"
#include <stdint.h>

struct out {
    char *buf;
    size_t size;
    size_t len;
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width, int left, char pad)
{
    int fill = width > (int)n ? width - (int)n : 0;
    if (!left)
        while (fill-- > 0)
            put(o, pad);
    for (size_t i = 0; i < n; i++)
        put(o, s[i]);
    if (left)
        while (fill-- > 0)
            put(o, ' ');
}

static void put_number(struct out *o, uint64_t v, int negative, unsigned base, int upper,
                       int width, int left, char pad)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = digits[v % base];
        v /= base;
    } while (v);
    if (negative) {
        if (pad == '0') {
            put(o, '-');
            width--;
        } else {
            tmp[sizeof tmp - 1 - n++] = '-';
        }
    }
    put_padded(o, tmp + sizeof tmp - n, (size_t)n, width, left, pad);
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        fmt++;
        int left = 0, width = 0, longs = 0;
        char pad = ' ';
        for (; *fmt == '-' || *fmt == '0'; fmt++) {
            if (*fmt == '-')
                left = 1;
            else
                pad = '0';
        }
        for (; *fmt >= '0' && *fmt <= '9'; fmt++)
            width = width * 10 + (*fmt - '0');
        for (; *fmt == 'l'; fmt++)
            longs++;
        if (*fmt == 'z')
            fmt++;
        switch (*fmt) {
        case 'd': case 'i': {
            int64_t v = longs >= 2 ? va_arg(ap, long long) : longs ? va_arg(ap, long) : va_arg(ap, int);
            put_number(&o, v < 0 ? (uint64_t)-v : (uint64_t)v, v < 0, 10, 0, width, left, pad);
            break;
        }
        case 'u': case 'x': case 'X': {
            uint64_t v = longs >= 2 ? va_arg(ap, unsigned long long)
                       : longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            put_number(&o, v, 0, *fmt == 'u' ? 10 : 16, *fmt == 'X', width, left, pad);
            break;
        }
        case 'p':
            put(&o, '0');
            put(&o, 'x');
            put_number(&o, (uintptr_t)va_arg(ap, void *), 0, 16, 0, width, left, pad);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            size_t n = 0;
            if (!s)
                s = "(null)";
            while (s[n])
                n++;
            put_padded(&o, s, n, width, left, ' ');
            break;
        }
        case 'c':
            put(&o, (char)va_arg(ap, int));
            break;
        case '%':
            put(&o, '%');
            break;
        default:
            put(&o, '%');
            if (*fmt)
                put(&o, *fmt);
            else
                fmt--;
        }
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
