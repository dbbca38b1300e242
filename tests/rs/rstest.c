/* rstest: restarts of a service as its clients see them. The echo service gets a new
 * endpoint on `service restart` and after a crash; DS reports it, the old one is dead, and
 * echo's private state in DS carries its count across both. */
#include <testjob.h>

#define ECHO_PING  0x700
#define ECHO_CRASH 0x701
#define ECHO_HANG  0x702

static int ping(endpoint_t ep, uint32_t *count)
{
    message m = { 0 };
    m.m_type = ECHO_PING;
    int r = ipc_sendrec(ep, &m);
    *count = m.m.u32[0];
    return r != OK ? r : m.m_type;
}

int main(void)
{
    job_start("rstest");
    endpoint_t ep1, ep2, ep3;
    uint32_t count = 0;
    check("DS names the echo service", ds_lookup("echo", &ep1) == OK);
    for (int i = 0; i < 3; i++)
        ping(ep1, &count);
    check("echo answers", count == 3);

    check("service restart echo is accepted", t_rs(RS_RESTART, "echo") == OK);
    ep2 = t_next_endpoint("echo", ep1);
    log_printf("rstest: echo moved from endpoint %d to %d\n", (int)ep1, (int)ep2);
    check("a restart gives a new endpoint in DS", ep2 != ep1 && ep2 != NONE);
    check("the old endpoint is dead", ping(ep1, &count) == -EDEADSRCDST);
    check("the new endpoint answers with the count kept in DS", ping(ep2, &count) == OK && count == 4);

    message m = { 0 };
    m.m_type = ECHO_CRASH;
    int r = ipc_sendrec(ep2, &m);
    check("a crashing service fails its caller's call", r == -EDEADSRCDST);
    ep3 = t_next_endpoint("echo", ep2);
    check("RS restarts the crashed service under a new endpoint", ep3 != ep2 && ep3 != NONE);
    check("and it goes on counting", ping(ep3, &count) == OK && count == 5);

    m.m_type = ECHO_HANG;
    r = ipc_sendrec(ep3, &m);   /* returns when RS has ended the hung service */
    endpoint_t ep4 = t_next_endpoint("echo", ep3);
    check("RS finds the hung service by its heartbeat and restarts it",
          r == -EDEADSRCDST && ep4 != ep3 && ep4 != NONE);
    check("and it still goes on counting", ping(ep4, &count) == OK && count == 6);

    struct rs_status st;
    grant_id_t g = grant_make(RS_PROC, &st, sizeof st, GRANT_WRITE);
    message s = { 0 };
    s.m_type = RS_STATUS;
    for (int i = 0; i < 4; i++)
        s.m.rs.label[i] = "echo"[i];
    s.m.rs.grant = g;
    s.m.rs.len = sizeof st;
    r = ipc_sendrec(RS_PROC, &s);
    check("RS counts 3 restarts", r == OK && s.m_type == OK && st.restarts == 3 && st.endpoint == ep4);
    return job_done();
}
