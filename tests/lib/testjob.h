/* What the test jobs share: named checks that print "<job>: <what> ok" or "FAIL", the raw
 * PM requests they use before (or instead of) the C library, and requests to drivers and RS. */
#ifndef TESTS_TESTJOB_H
#define TESTS_TESTJOB_H

#include <libsys.h>

void job_start(const char *name);          /* prints "<name>: start" */
void check(const char *what, int ok);
int job_done(void);                        /* prints "<name>: done, N failures"; exit status */

int call(endpoint_t to, message *m, int type);   /* SENDREC; the trap's or the reply's status */
int pm(message *m, int type);
int t_fork(void);                          /* the child's pid, 0 in the child, or an error */
int t_waitpid(int pid, int *status, int options);
int t_wait_for(int pid);                   /* the child's wait status, or -1 */
int t_getpid(void);

/* A DEV_* request to a driver: the trap's or the reply's status. */
int t_dev(endpoint_t drv, int type, unsigned minor, uint64_t pos, grant_id_t grant, uint32_t count);
/* DEV_READ or DEV_WRITE of count bytes through a grant of buf (size bytes) made for it. */
int t_dev_io(endpoint_t drv, int type, unsigned minor, uint64_t pos, void *buf, uint32_t size,
             uint32_t count);
void t_sleep(uint32_t ticks);                          /* needs SETALARM and RECEIVE */
int t_rs(int type, const char *label);                 /* RS_UP, RS_RESTART, ... */
/* Waits (up to 1000 ticks) until DS names another endpoint than old for label, else NONE. */
endpoint_t t_next_endpoint(const char *label, endpoint_t old);

#endif
