/* fuzz: sends random messages (types near each server's requests, random payloads, pointers
 * and grant ids) to every endpoint it can name, as an ordinary user, and counts the answers.
 * Usage: fuzz [-s SEED] [-n COUNT] */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>
#include <libsys.h>

#define FUZZ_UID   1000      /* an ordinary user: root's calls must be refused to it */
#define BATCH      25        /* messages to one destination between two reports */
#define MAX_DESTS  40
#define WATCHDOG_S 2         /* a batch without a report this long: the child waits forever */

struct dest {
    char name[16];
    endpoint_t ep;           /* RANDOM_EP: a new random endpoint for every message */
    int first, end;          /* its own request types: [first, end) */
    int first2, end2;        /* a second range, or none */
    /* what happened to the messages sent to it */
    uint32_t sent, ok, error, refused, silent, died;
};
#define RANDOM_EP ((endpoint_t)-100)

/* One batch's outcome, from the fuzzing child to its parent through a pipe. */
struct report {
    uint32_t dest, sent, ok, error, refused;
};

static struct dest dests[MAX_DESTS];
static int ndests;

/* Every request range of the system, for messages of a type meant for another server. */
static const int all_ranges[][2] = {
    { LOG_WRITE, LOG_WRITE_GRANT + 1 }, { PM_FORK, PM_CALL_END }, { VM_BRK, VM_CALL_END },
    { DS_PUBLISH, DS_CALL_END }, { RS_INIT_DONE, RS_CALL_END }, { FI_INJECT, FI_INJECT + 1 },
    { DEV_OPEN, DEV_CALL_END }, { VFS_OPEN, VFS_CALL_END }, { VFS_PM_FORK, VFS_PM_SETSID + 1 },
    { FS_MOUNT, FS_CALL_END }, { PCI_FIND, PCI_CALL_END }, { SYS_CALL_BASE, SYS_CALL_END },
};
#define NR_RANGES ((int)(sizeof all_ranges / sizeof all_ranges[0]))

static uint32_t rng;

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static uint32_t below(uint32_t n)
{
    return n ? rnd() % n : 0;
}

static void add_dest(const char *name, endpoint_t ep, int first, int end, int first2, int end2)
{
    for (int i = 0; i < ndests; i++)
        if (dests[i].ep == ep)
            return;
    if (ndests == MAX_DESTS)
        return;
    struct dest *d = &dests[ndests++];
    memset(d, 0, sizeof *d);
    strncpy(d->name, name, sizeof d->name - 1);
    d->ep = ep;
    d->first = first, d->end = end, d->first2 = first2, d->end2 = end2;
}

/* RS's list of services: how many, or an error. The kernel copies only into memory that
 * is there, so the buffer is touched first. */
static int list_services(struct rs_status all[32])
{
    message m = { 0 };
    memset(all, 0, 32 * sizeof all[0]);
    m.m.rs.grant = grant_make(RS_PROC, all, 32 * sizeof all[0], GRANT_WRITE);
    m.m.rs.len = 32 * sizeof all[0];
    m.m_type = RS_LIST;
    int r = ipc_sendrec(RS_PROC, &m);
    grant_revoke(m.m.rs.grant);
    return r != OK ? r : m.m_type;
}

/* The boot servers, the kernel, a random endpoint, and every service RS knows: the drivers
 * and file servers, which refuse a user at the kernel (EDSTDENIED). */
static void find_dests(void)
{
    add_dest("pm", PM_PROC, PM_FORK, PM_CALL_END, 0, 0);
    add_dest("vm", VM_PROC, VM_BRK, VM_CALL_END, 0, 0);
    add_dest("vfs", VFS_PROC, VFS_OPEN, VFS_CALL_END, VFS_PM_FORK, VFS_PM_SETSID + 1);
    add_dest("rs", RS_PROC, RS_INIT_DONE, RS_CALL_END, FI_INJECT, FI_INJECT + 1);
    add_dest("ds", DS_PROC, DS_PUBLISH, DS_CALL_END, 0, 0);
    add_dest("log", LOG_PROC, LOG_WRITE, LOG_WRITE_GRANT + 1, 0, 0);
    add_dest("kernel", SYSTEM, SYS_CALL_BASE, SYS_CALL_END, 0, 0);
    add_dest("random", RANDOM_EP, 0, 0, 0, 0);
    static struct rs_status all[32];
    int n = list_services(all);
    for (int i = 0; i < n; i++)
        if (all[i].endpoint != NONE)
            add_dest(all[i].label, all[i].endpoint, DEV_OPEN, DEV_CALL_END, FS_MOUNT, FS_CALL_END);
}

static int pick_type(const struct dest *d)
{
    uint32_t how = below(100);
    if (how < 70 && d->end > d->first) {
        if (d->end2 > d->first2 && below(4) == 0)
            return d->first2 + (int)below((uint32_t)(d->end2 - d->first2));
        return d->first + (int)below((uint32_t)(d->end - d->first));
    }
    if (how < 90) {
        const int *r = all_ranges[below(NR_RANGES)];
        return r[0] + (int)below((uint32_t)(r[1] - r[0]));
    }
    return (int)rnd();
}

/* Calls that would end or replace the fuzzer itself rather than test a server: exit, exec,
 * fork (a copy of the fuzzer), sigreturn, sigsuspend (waits for a signal), and a new grant
 * table (the child could no longer lend its reports to VFS). */
static int ends_the_fuzzer(endpoint_t to, int type)
{
    if (to == SYSTEM)
        return type == SYS_SETGRANT;
    return to == PM_PROC && (type == PM_EXIT || type == PM_EXEC || type == PM_FORK ||
                             type == PM_SIGRETURN || type == PM_SIGSUSPEND);
}

static uint32_t random_word(void)
{
    switch (below(10)) {
    case 0: case 1: case 2: return below(17);                          /* small: fds, sigs */
    case 3: return (uint32_t)-1 - below(3);                            /* -1, -2, -3 */
    case 4: return USER_BASE + below(USER_TOP - USER_BASE);            /* a user pointer */
    case 5: return USER_TOP + below(0x10000000);                       /* the kernel's */
    case 6: return (uint32_t)GRANT_ID(below(64), below(0x8000));       /* a grant id */
    case 7: return (uint32_t)ENDPOINT(below(2), below(NR_SLOTS));      /* an endpoint */
    default: return rnd();
    }
}

/* Random words; now and then a short name in front (a key, a label, a path). */
static void random_payload(message *m)
{
    static const char *const names[] = { "ext2", "tty", "memory", "pm", "vfs", "rs", "pci",
                                         "virtio_blk", "ata", "init", "fuzz", "x" };
    uint32_t *w = (uint32_t *)(void *)&m->m;
    for (size_t i = 0; i < sizeof m->m / 4; i++)
        w[i] = random_word();
    if (below(3) == 0)
        strcpy((char *)&m->m, names[below(sizeof names / sizeof names[0])]);
}

/* Keeps what the fuzzer needs to report: its pipe, and a console free of random text. */
static void sanitize(message *m, int report_fd)
{
    if (m->m_type == LOG_WRITE)
        m->m.log.len = 0;
    if (m->m_type >= VFS_OPEN && m->m_type < VFS_CALL_END) {
        if (m->m.vfs.fd == report_fd)
            m->m.vfs.fd++;
        if (m->m.vfs.fd2 == report_fd)
            m->m.vfs.fd2++;
    }
}

static int send_one(struct dest *d, int report_fd, struct report *rep)
{
    message m;
    endpoint_t to = d->ep == RANDOM_EP ? (endpoint_t)(below(4) ? below(2048) : rnd()) : d->ep;
    random_payload(&m);
    do
        m.m_type = pick_type(d);
    while (ends_the_fuzzer(to, m.m_type));
    sanitize(&m, report_fd);
    message *where = &m;
    if (below(50) == 0)   /* a message the kernel cannot read */
        where = below(2) ? NULL : (message *)(uintptr_t)(USER_TOP + below(0x1000));
    int r = ipc_sendrec(to, where);
    rep->sent++;
    if (r != OK)
        rep->refused++;
    else if (to == SYSTEM && m.m_type == -ECALLDENIED)
        rep->refused++;
    else if (m.m_type < 0)
        rep->error++;
    else
        rep->ok++;
    return r;
}

/* The child: as an ordinary user with only its report pipe open, batch after batch, each
 * batch's messages to one destination and its seed fixed by its number. */
static void fuzz_child(uint32_t seed, uint32_t batch, uint32_t batches, int report_fd)
{
    for (int fd = 0; fd < 64; fd++)
        if (fd != report_fd)
            close(fd);
    if (setgid(FUZZ_UID) != 0 || setuid(FUZZ_UID) != 0)
        _exit(2);
    for (; batch < batches; batch++) {
        rng = seed ^ (batch * 0x9e3779b9u) ^ 0x5bd1e995u;
        if (!rng)
            rng = 1;
        struct report rep = { batch % (uint32_t)ndests, 0, 0, 0, 0 };
        for (int i = 0; i < BATCH; i++)
            send_one(&dests[rep.dest], report_fd, &rep);
        if (write(report_fd, &rep, sizeof rep) != sizeof rep)
            _exit(3);
    }
    _exit(0);
}

/* Waits for the next report; 0 at the end of the pipe, -1 if none came in time. */
static int next_report(int fd, struct report *rep)
{
    fd_set set;
    FD_ZERO(&set);
    FD_SET(fd, &set);
    struct timeval tv = { WATCHDOG_S, 0 };
    int r = select(fd + 1, &set, NULL, NULL, &tv);
    if (r <= 0)
        return -1;
    return read(fd, rep, sizeof *rep) == sizeof *rep ? 1 : 0;
}

static void take(const struct report *rep)
{
    struct dest *d = &dests[rep->dest < (uint32_t)ndests ? rep->dest : 0];
    d->sent += rep->sent;
    d->ok += rep->ok;
    d->error += rep->error;
    d->refused += rep->refused;
}

/* Runs one child from batch `batch` on; returns the batch after the last one it finished
 * and counts a batch that did not end (child died or got no answer) against its destination. */
static uint32_t run_child(uint32_t seed, uint32_t batch, uint32_t batches)
{
    int p[2];
    if (pipe(p) != 0)
        return batches;
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        fuzz_child(seed, batch, batches, p[1]);
    }
    close(p[1]);
    if (pid < 0) {
        close(p[0]);
        return batches;
    }
    struct report rep;
    int r;
    while ((r = next_report(p[0], &rep)) > 0) {
        take(&rep);
        batch++;
    }
    if (r < 0)
        kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    close(p[0]);
    if (batch < batches) {
        struct dest *d = &dests[batch % (uint32_t)ndests];
        d->sent += BATCH;
        if (r < 0)
            d->silent++;
        else
            d->died++;
        batch++;
    }
    return batch;
}

static void summary(uint32_t seed, uint32_t count)
{
    printf("fuzz: seed %u, %u messages to %d destinations as uid %d\n", (unsigned)seed,
           (unsigned)count, ndests, FUZZ_UID);
    printf("%-12s %7s %7s %7s %8s %9s %5s\n", "destination", "sent", "ok", "error", "refused",
           "no-answer", "died");
    for (int i = 0; i < ndests; i++) {
        const struct dest *d = &dests[i];
        printf("%-12s %7u %7u %7u %8u %9u %5u\n", d->name, (unsigned)d->sent, (unsigned)d->ok,
               (unsigned)d->error, (unsigned)d->refused, (unsigned)d->silent, (unsigned)d->died);
    }
}

/* Services that ended or were restarted while fuzzing: the fuzzer's true findings. */
static int services_changed(const struct rs_status *before, int n)
{
    static struct rs_status now[32];
    int k = list_services(now);
    int changed = k != n;
    if (changed)
        printf("fuzz: RS listed %d services before, now %d\n", n, k);
    for (int i = 0; i < n && i < k; i++)
        if (now[i].endpoint != before[i].endpoint || now[i].restarts != before[i].restarts) {
            printf("fuzz: service %s was restarted (endpoint %d -> %d)\n", now[i].label,
                   (int)before[i].endpoint, (int)now[i].endpoint);
            changed = 1;
        }
    return changed;
}

int main(int argc, char **argv)
{
    uint32_t seed = 1, count = 2000;
    int opt;
    while ((opt = getopt(argc, argv, "s:n:")) != -1) {
        if (opt == 's')
            seed = (uint32_t)strtoul(optarg, NULL, 0);
        else if (opt == 'n')
            count = (uint32_t)strtoul(optarg, NULL, 0);
        else {
            fprintf(stderr, "usage: fuzz [-s SEED] [-n COUNT]\n");
            return 2;
        }
    }
    find_dests();
    static struct rs_status before[32];
    int nservices = list_services(before);

    uint32_t batches = (count + BATCH - 1) / BATCH, children = 0;
    for (uint32_t batch = 0; batch < batches; children++)
        batch = run_child(seed, batch, batches);
    summary(seed, batches * BATCH);
    uint32_t silent = 0, died = 0;
    for (int i = 0; i < ndests; i++)
        silent += dests[i].silent, died += dests[i].died;
    int changed = services_changed(before, nservices);
    printf("fuzz: done, %u fuzzing children: %u died, %u killed waiting for an answer; "
           "services %s\n", (unsigned)children, (unsigned)died, (unsigned)silent,
           changed ? "CHANGED" : "unchanged");
    return changed;
}
