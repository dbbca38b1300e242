/* What the data-store test programs share: the steps the driver asks a service instance to
 * take, reporting each check on the log, and waiting for DS's notification. */
#ifndef TESTS_DS_COMMON_H
#define TESTS_DS_COMMON_H

#include <libsys.h>

/* Driver -> service instance; the reply's m_type is the number of failures since the last. */
enum ds_step {
    STEP_PUBLISH = 0x7d0,   /* publish private and public entries, subscribe to news.* */
    STEP_NEWS,              /* expect the notification and the changes the driver made */
    STEP_ARM,               /* answer at once, then wait for a notification */
    STEP_REPORT,            /* check what arrived after STEP_ARM */
    STEP_RESTARTED,         /* as the restarted instance: find the private state */
    STEP_OLD,               /* as the old instance: the label's entries are no longer its own */
    STEP_DIE,               /* fill the subscription table, then end without answering */
};

struct change {
    const char *key;
    uint32_t type;   /* 0: deleted */
};

extern const char *who;   /* "" for the driver, "[svc_a] " for a service instance */
extern int failures;

/* Reports "dstest: <who><what> ok" or "dstest: FAIL <who><what>: got ..., want ...". */
int expect(const char *what, int got, int want);
int expect_true(const char *what, int ok);
/* Waits up to two seconds for DS's notification; OK or -EAGAIN. */
int wait_ds_notify(void);
/* Drains ds_check and checks it reported exactly these changes, in any order. */
void expect_changes(const char *what, const struct change *want, int n);
/* A request as raw as a hostile client would make it; the reply's status. */
int ds_raw(int type, message *m);

#endif
