/* The test harness: a fresh kernel per test, processes with chosen privileges, and system
 * calls made "from" a process the way its trap would make them. */
#ifndef UNIT_HARNESS_H
#define UNIT_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "../../kernel/kernel.h"
#include "fake.h"
#include "../../kernel/board.h"
#include <string.h>

#define MSG_VA   FAKE_USER_VA             /* where each process keeps its message */
#define BLOCKED  0x7fff0000               /* h_call's result when the caller blocked */

void h_reset(void);
struct proc *h_spawn(const char *name, int priority);     /* all primitives, send to anyone */
void h_allow_calls(struct proc *p, int call);             /* one more kernel call */
message *h_msg(struct proc *p);                            /* p's message buffer */
int h_call(struct proc *p, uint32_t call, endpoint_t ep);  /* with p's buffer at MSG_VA */
int h_call_at(struct proc *p, uint32_t call, endpoint_t ep, vir_bytes msg);
int h_kcall(struct proc *p, message *m);                   /* SENDREC to SYSTEM */
int h_result(struct proc *p);                              /* a blocked call's result, later */

#endif
