/* hostiletest: an ordinary user (uid 1000) misuses grants and asks for what only root or
 * the system may do; every attempt must be refused with its error and change nothing. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libsys.h>

#define USER_UID 1000
#define FORGED   GRANT_ID(60, 1234)   /* a slot this program never fills */

static int failures;
static char text[64] = "hostiletest: text lent by grant\n";
static char buf[64];

static void expect(const char *what, int got, int want)
{
    if (got == want) {
        printf("hostiletest: %s refused with %s\n", what, err_name(want));
    } else {
        printf("hostiletest: FAIL %s gave %s (%d), expected %s\n", what, err_name(got), got,
               err_name(want));
        failures++;
    }
    fflush(stdout);
}

static void works(const char *what, int got)
{
    if (got < 0) {
        printf("hostiletest: FAIL %s gave %s (%d)\n", what, err_name(got), got);
        failures++;
    }
}

/* The kernel logs at most five refusals a second; a pause keeps every one of ours shown. */
static void pause_for_log(void)
{
    struct timespec t = { 0, 250 * 1000 * 1000 };
    nanosleep(&t, NULL);
}

static int call(endpoint_t to, int type, message *m)
{
    m->m_type = type;
    int r = ipc_sendrec(to, m);
    return r != OK ? r : m->m_type;
}

static int log_grant(grant_id_t g, uint32_t len)
{
    message m = { 0 };
    m.m.log_grant.grant = g;
    m.m.log_grant.len = len;
    pause_for_log();
    return call(LOG_PROC, LOG_WRITE_GRANT, &m);
}

/* DS_PUBLISH or DS_RETRIEVE of the test's blob through grant g. */
static int ds_blob_call(int type, grant_id_t g, uint32_t len)
{
    message m = { 0 };
    strcpy(m.m.ds.key, "hostiletest.blob");
    m.m.ds.type = DS_BLOB;
    m.m.ds.flags = type == DS_PUBLISH ? DSF_OVERWRITE : 0;
    m.m.ds.grant = g;
    m.m.ds.len = len;
    pause_for_log();
    return call(DS_PROC, type, &m);
}

static int ds_blob(grant_id_t g, uint32_t len) { return ds_blob_call(DS_PUBLISH, g, len); }
static int ds_get(grant_id_t g, uint32_t len) { return ds_blob_call(DS_RETRIEVE, g, len); }

/* A raw VFS_READ of fd: the grant goes on to the driver behind the device file. */
static int vfs_read(int fd, grant_id_t g, uint32_t len)
{
    message m = { 0 };
    m.m.vfs.fd = fd;
    m.m.vfs.grant = g;
    m.m.vfs.len = len;
    pause_for_log();
    return call(VFS_PROC, VFS_READ, &m);
}

static void forged_and_expired(int zero)
{
    expect("a forged grant to the log server", log_grant(FORGED, 8), -ENOGRANT);
    expect("a forged grant to DS", ds_blob(FORGED, 8), -ENOGRANT);
    expect("a forged grant to the memory driver", vfs_read(zero, FORGED, 8), -ENOGRANT);

    grant_id_t old = grant_make(DS_PROC, text, sizeof text, GRANT_READ);
    works("a grant to DS", ds_blob(old, sizeof text));
    grant_revoke(old);
    expect("a revoked grant to DS", ds_blob(old, sizeof text), -ENOGRANT);
    grant_id_t again = grant_make(DS_PROC, text, sizeof text, GRANT_READ);
    expect("an expired grant whose slot was used again", ds_blob(old, sizeof text), -ENOGRANT);
    works("the slot's new grant", ds_blob(again, sizeof text));
    grant_revoke(again);

    grant_id_t g = grant_make(VFS_PROC, buf, sizeof buf, GRANT_WRITE);
    works("a read of /dev/zero through a grant", vfs_read(zero, g, sizeof buf));
    grant_revoke(g);
    expect("a revoked grant to the memory driver", vfs_read(zero, g, sizeof buf), -ENOGRANT);
}

static void wrong_grantee_and_range(int zero)
{
    grant_id_t for_ds = grant_make(DS_PROC, text, sizeof text, GRANT_READ | GRANT_WRITE);
    expect("DS's grant used by the log server", log_grant(for_ds, 8), -ENOGRANT);
    expect("DS's grant used by the memory driver", vfs_read(zero, for_ds, 8), -ENOGRANT);
    works("DS's grant used by DS", ds_blob(for_ds, sizeof text));
    grant_revoke(for_ds);

    grant_id_t small = grant_make(DS_PROC, text, 16, GRANT_READ);
    expect("a length past the grant's end", ds_blob(small, sizeof text), -EINVAL);
    expect("a copy against the grant's direction", ds_get(small, sizeof text), -EACCES);
    grant_revoke(small);

    static struct rs_status one;
    message m = { 0 };
    m.m.rs.grant = grant_make(RS_PROC, &one, sizeof one, GRANT_WRITE);
    m.m.rs.len = 32 * sizeof one;   /* claims room for 32: RS copies past the grant's end */
    pause_for_log();
    expect("an offset past the grant's end", call(RS_PROC, RS_LIST, &m), -EINVAL);
    grant_revoke(m.m.rs.grant);
}

static void foreign_memory(void)
{
    message m = { 0 };
    m.m.safecopy.granter = PM_PROC;
    m.m.safecopy.grant = GRANT_ID(0, 1);
    m.m.safecopy.addr = (vir_bytes)(uintptr_t)buf;
    m.m.safecopy.len = 8;
    pause_for_log();
    expect("a kernel copy from PM's memory", kernel_call(SYS_SAFECOPYFROM, &m), -ECALLDENIED);

    grant_id_t via = grant_indirect(LOG_PROC, PM_PROC, GRANT_ID(0, 1), 0, 8, GRANT_READ);
    expect("PM's grant passed on by an indirect grant", log_grant(via, 8), -ENOGRANT);
    grant_revoke(via);

    grant_id_t kernel = grant_make(LOG_PROC, (void *)(uintptr_t)USER_TOP, 8, GRANT_READ);
    expect("a grant of kernel memory", log_grant(kernel, 8), -EFAULT);
    grant_revoke(kernel);

    endpoint_t memory = NONE;
    works("DS names the memory driver", ds_lookup("memory", &memory));
    expect("SENDREC to the memory driver", call(memory, DEV_READ, &(message){ 0 }), -EDSTDENIED);

    message vm = { 0 };
    vm.m.vm.target = PM_PROC;
    vm.m.vm.child = ENDPOINT(0, NR_SLOTS - 1);
    expect("VM_FORK of PM's address space", call(VM_PROC, VM_FORK, &vm), -EPERM);
}

static void root_only(void)
{
    message m = { 0 };
    strcpy(m.m.rs.label, "ext2");
    expect("RS_DOWN of ext2 by a user", call(RS_PROC, RS_DOWN, &m), -EPERM);
    m.m.rs.len = FI_PANIC;
    expect("RS_FI into ext2 by a user", call(RS_PROC, RS_FI, &m), -EPERM);
    expect("RS_RESTART of ext2 by a user", call(RS_PROC, RS_RESTART, &m), -EPERM);
    memset(&m, 0, sizeof m);
    m.m.pm.pid = 1;
    m.m.pm.arg = 9;
    expect("PM_KILL of init by a user", call(PM_PROC, PM_KILL, &m), -EPERM);
    memset(&m, 0, sizeof m);
    m.m.pm.pid = ABORT_REBOOT;
    expect("PM_REBOOT by a user", call(PM_PROC, PM_REBOOT, &m), -EPERM);
    memset(&m, 0, sizeof m);
    m.m.pm.arg = 0;
    expect("PM_SETUID to root by a user", call(PM_PROC, PM_SETUID, &m), -EPERM);
    memset(&m, 0, sizeof m);
    strcpy(m.m.ds.key, "ext2");
    m.m.ds.type = DS_LABEL;
    m.m.ds.flags = DSF_OVERWRITE;
    expect("a DS label published by a user", call(DS_PROC, DS_PUBLISH, &m), -EPERM);
}

int main(void)
{
    int zero = open("/dev/zero", O_RDONLY);
    if (zero < 0 || setgid(USER_UID) != 0 || setuid(USER_UID) != 0) {
        printf("hostiletest: FAIL cannot open /dev/zero or become uid %d\n", USER_UID);
        return 1;
    }
    forged_and_expired(zero);
    wrong_grantee_and_range(zero);
    foreign_memory();
    root_only();
    printf("hostiletest: done, %d failures\n", failures);
    return failures != 0;
}
