/* posix_memory: memory through newlib and lib/posix with VM: malloc of several MiB with its
 * contents checked, realloc, calloc, many small blocks, sbrk, anonymous mmap, copy-on-write
 * after fork, running out, and buffered stdio once malloc works. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define MiB (1024u * 1024u)

static uint32_t pattern(size_t i, uint32_t seed)
{
    return (uint32_t)i * 2654435761u ^ seed;
}

static void fill(uint32_t *p, size_t words, uint32_t seed)
{
    for (size_t i = 0; i < words; i++)
        p[i] = pattern(i, seed);
}

static size_t first_bad(const uint32_t *p, size_t words, uint32_t seed)
{
    for (size_t i = 0; i < words; i++)
        if (p[i] != pattern(i, seed))
            return i;
    return words;
}

static void check_big_malloc(void)
{
    size_t words = 4 * MiB / 4;
    uint32_t *p = malloc(4 * MiB);
    CHECK(p != NULL, "malloc(4 MiB)");
    if (!p)
        return;
    fill(p, words, 0x1234);
    CHECK(first_bad(p, words, 0x1234) == words, "4 MiB hold what was written");
    uint32_t *q = realloc(p, 6 * MiB);
    CHECK(q != NULL && first_bad(q, words, 0x1234) == words, "realloc to 6 MiB keeps the first 4");
    if (q) {
        fill(q, 6 * MiB / 4, 0x9876);
        CHECK(first_bad(q, 6 * MiB / 4, 0x9876) == 6 * MiB / 4, "and all 6 MiB can be rewritten");
        free(q);
    } else {
        free(p);
    }
    uint32_t *r = malloc(4 * MiB);
    CHECK(r != NULL, "after free, 4 MiB can be had again");
    free(r);
}

static void check_small_blocks(void)
{
    enum { N = 500 };
    static char *blocks[N];
    int ok = 1;
    for (int i = 0; i < N; i++) {
        blocks[i] = malloc((size_t)(i % 97) + 1);
        if (!blocks[i]) {
            ok = 0;
            break;
        }
        memset(blocks[i], i & 0xff, (size_t)(i % 97) + 1);
    }
    for (int i = 0; ok && i < N; i++)
        for (int j = 0; j <= i % 97; j++)
            ok &= blocks[i][j] == (char)(i & 0xff);
    for (int i = 0; i < N; i++)
        free(blocks[i]);
    CHECK(ok, "%d small blocks keep their contents", N);
    unsigned char *z = calloc(1000, 100);
    int zero = z != NULL;
    for (size_t i = 0; zero && i < 100000; i++)
        zero = z[i] == 0;
    CHECK(zero, "calloc gives 100000 zero bytes");
    free(z);
}

static void check_sbrk(void)
{
    char *a = sbrk(0);
    char *b = sbrk(8192);
    CHECK(b != (void *)-1 && b == a && sbrk(0) == a + 8192, "sbrk moves the break by 8192");
    if (b != (void *)-1) {
        memset(b, 0x77, 8192);
        CHECK(b[0] == 0x77 && b[8191] == 0x77, "the new memory is writable");
        CHECK(sbrk(-8192) == a + 8192 && sbrk(0) == a, "and sbrk(-8192) gives it back");
    }
    errno = 0;
    CHECK(sbrk(0x70000000) == (void *)-1 && errno == ENOMEM, "a break beyond memory fails with ENOMEM");
    CHECK(malloc(0x60000000) == NULL && errno == ENOMEM, "so does malloc(1.5 GiB)");
}

static void check_mmap(void)
{
    size_t len = 1 * MiB;
    uint32_t *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "mmap of 1 MiB, anonymous");
    if (p == MAP_FAILED)
        return;
    CHECK(p[0] == 0 && p[len / 4 - 1] == 0, "the mapping starts zeroed");
    fill(p, len / 4, 0x5555);
    CHECK(first_bad(p, len / 4, 0x5555) == len / 4, "and holds what was written");
    CHECK(munmap(p, len) == 0, "munmap");
    CHECK(mmap(NULL, 4096, PROT_READ, MAP_SHARED, 3, 0) == MAP_FAILED && errno == ENODEV,
          "a file mapping fails with ENODEV");
}

static void check_fork_copies(void)
{
    size_t words = 2 * MiB / 4;
    uint32_t *p = malloc(2 * MiB);
    if (!p) {
        CHECK(0, "malloc(2 MiB) for the fork test");
        return;
    }
    fill(p, words, 0xaaaa);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int saw_parent = first_bad(p, words, 0xaaaa) == words;
        fill(p, words, 0xbbbb);
        uint32_t *more = malloc(1 * MiB);   /* the child's heap grows on its own */
        if (more)
            fill(more, MiB / 4, 0xcccc);
        _exit(saw_parent && first_bad(p, words, 0xbbbb) == words && more &&
              first_bad(more, MiB / 4, 0xcccc) == MiB / 4 ? 0 : 1);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the child sees the parent's 2 MiB, rewrites them, and grows its own heap");
    CHECK(first_bad(p, words, 0xaaaa) == words, "the parent's copy is unchanged");
    free(p);
}

static void check_environment(void)
{
    CHECK(setenv("POSIX_MEMORY", "on the heap", 1) == 0, "setenv");
    const char *v = getenv("POSIX_MEMORY");
    CHECK(v && strcmp(v, "on the heap") == 0, "getenv finds it");
    CHECK(unsetenv("POSIX_MEMORY") == 0 && getenv("POSIX_MEMORY") == NULL, "unsetenv removes it");
}

int main(void)
{
    check_program = "posix_memory";
    /* No setvbuf: with VM, stdout gets a malloc'ed buffer of its own. */
    check_big_malloc();
    check_small_blocks();
    check_sbrk();
    check_mmap();
    check_fork_copies();
    check_environment();
    return check_done();
}
