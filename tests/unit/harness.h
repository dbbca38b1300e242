/* The test harness: a fresh kernel per test, processes with chosen privileges, and system
 * calls made "from" a process exactly as its trap would make them. */
#ifndef UNIT_HARNESS_H
#define UNIT_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "../../kernel/kernel.h"
#include "../../kernel/board.h"
#include "fake.h"

#define MSG_VA     FAKE_USER_VA      /* where each process keeps its message buffer */
#define H_BLOCKED  0x7fff0000        /* a call's "result" while its caller is blocked */

/* One test with a fresh kernel. */
#define H_TEST(f) cmocka_unit_test_setup(f, h_setup)
int h_setup(void **state);
void h_reset(void);

/* Processes: all IPC primitives, may send to anyone, no kernel calls. */
struct proc *h_spawn(const char *name, uint32_t priority);
void h_allow_call(struct proc *p, int call);
struct proc *h_spawn_in_slot(int slot);  /* a free slot, when allocation comes round to it */

/* User memory. */
uint8_t *h_mem(struct proc *p, vir_bytes va);
message *h_msg(struct proc *p);           /* p's buffer at MSG_VA */
void h_put(struct proc *p, int32_t type, uint32_t word);   /* a fresh message in it */

/* Traps: the call's result, or H_BLOCKED; h_result reads a blocked call's result later. */
int h_call(struct proc *p, uint32_t call, endpoint_t ep);
int h_call_at(struct proc *p, uint32_t call, endpoint_t ep, vir_bytes msg);
int h_result(struct proc *p);
int h_kcall(struct proc *p, message *m);  /* SENDREC to SYSTEM; the reply's status */

/* One timer interrupt while the scheduler's choice runs; returns the process it charged. */
struct proc *h_tick(void);

#endif
