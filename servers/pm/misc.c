/* The simple calls: ids, groups and sessions, times, the process list, and reboot. */
#include "pm.h"
#include "../../lib/common/string.h"

int do_getpid(message *m)
{
    m->m.pm.out[0] = who->ppid;
    return who->pid;
}

int do_times(message *m)
{
    struct kc_times t;
    int r = sys_times(who->ep, &t);
    if (r != OK)
        return r;
    m->m.pm.out[0] = (int32_t)t.user_ticks;
    m->m.pm.out[1] = (int32_t)t.sys_ticks;
    m->m.pm.out[2] = (int32_t)who->child_user;
    m->m.pm.out[3] = (int32_t)who->child_sys;
    m->m.pm.out[4] = (int32_t)t.uptime;
    return OK;
}

int do_setsid(message *m)
{
    (void)m;
    for (int i = 0; i < NR_SLOTS; i++)
        if (mproc[i].state != MP_FREE && mproc[i].pgid == who->pid && &mproc[i] != who)
            return -EPERM;   /* already a group leader's group */
    if (who->pgid == who->pid)
        return -EPERM;
    who->sid = who->pgid = who->pid;
    return who->sid;
}

static struct mproc *target_of(int32_t pid)
{
    return pid == 0 ? who : mp_by_pid(pid);
}

int do_getsid(message *m)
{
    struct mproc *mp = target_of(m->m.pm.pid);
    return mp ? mp->sid : -ESRCH;
}

int do_setpgid(message *m)
{
    struct mproc *mp = target_of(m->m.pm.pid);
    int32_t pgid = m->m.pm.arg ? m->m.pm.arg : (mp ? mp->pid : 0);
    if (!mp)
        return -ESRCH;
    if (pgid < 0)
        return -EINVAL;
    if (mp != who && mp->ppid != who->pid)
        return -ESRCH;
    if (mp->sid != who->sid || mp->sid == mp->pid)
        return -EPERM;
    if (pgid != mp->pid) {
        int exists = 0;
        for (int i = 0; i < NR_SLOTS; i++)
            if (mproc[i].state == MP_ALIVE && mproc[i].pgid == pgid && mproc[i].sid == who->sid)
                exists = 1;
        if (!exists)
            return -EPERM;
    }
    mp->pgid = pgid;
    return OK;
}

int do_getpgid(message *m)
{
    struct mproc *mp = target_of(m->m.pm.pid);
    return mp ? mp->pgid : -ESRCH;
}

int do_getuid(message *m)
{
    m->m.pm.out[0] = (int32_t)who->uid;
    m->m.pm.out[1] = (int32_t)who->euid;
    m->m.pm.out[2] = (int32_t)who->gid;
    m->m.pm.out[3] = (int32_t)who->egid;
    return OK;
}

int do_euid_of(message *m)
{
    const struct mproc *mp = mp_by_endpoint((endpoint_t)m->m.pm.arg);
    return mp && mp->state == MP_ALIVE ? (int)(mp->euid & 0x7fffffff) : -ESRCH;
}

int do_setuid(message *m)
{
    uint32_t uid = (uint32_t)m->m.pm.arg;
    if (who->euid == 0)
        who->uid = who->euid = uid;
    else if (uid == who->uid)
        who->euid = uid;
    else
        return -EPERM;
    return OK;
}

int do_setgid(message *m)
{
    uint32_t gid = (uint32_t)m->m.pm.arg;
    if (who->euid == 0)
        who->gid = who->egid = gid;
    else if (gid == who->gid)
        who->egid = gid;
    else
        return -EPERM;
    return OK;
}

int do_procinfo(message *m)
{
    int32_t i = m->m.pm.arg;
    if (i < 0 || i >= NR_SLOTS)
        return -EINVAL;
    struct pm_procinfo pi;
    memset(&pi, 0, sizeof pi);
    const struct mproc *mp = &mproc[i];
    if (mp->state != MP_FREE) {
        struct kc_times t;
        pi = (struct pm_procinfo){ mp->pid, mp->ppid, mp->pgid, mp->sid, mp->ep,
                                   mp->state == MP_ALIVE ? 1u : 2u, 0, 0, { 0 } };
        if (mp->state == MP_ALIVE && sys_times(mp->ep, &t) == OK) {
            pi.user_ticks = t.user_ticks;
            pi.sys_ticks = t.sys_ticks;
        }
        memcpy(pi.name, mp->name, sizeof pi.name);
    }
    if (m->m.pm.len < sizeof pi)
        return -EINVAL;
    return sys_safecopyto(who->ep, m->m.pm.grant, 0, &pi, sizeof pi);
}

int do_reboot(message *m)
{
    if (who->euid != 0)
        return -EPERM;
    return sys_abort(m->m.pm.pid == ABORT_REBOOT ? ABORT_REBOOT : ABORT_POWEROFF);
}
