/* What the test jobs share: named checks that print "<job>: <what> ok" or "FAIL", and the
 * raw PM requests they use before (or instead of) the C library. */
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

#endif
