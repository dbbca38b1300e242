/* The reincarnation server's service table and its parts: the policy comes from the boot
 * image (entries marked BOOT_SERVICE), one description for every service. */
#ifndef RS_RS_H
#define RS_RS_H

#include <libsys.h>

#define MAX_SERVICES 32
#define BACKOFF_FIRST 10        /* ticks before the first restart */
#define BACKOFF_MAX_SHIFT 7     /* at most BACKOFF_FIRST << 7 ticks */
#define HEARTBEAT_PERIOD 25     /* ticks between pings of a running service */
#define HEARTBEAT_TIMEOUT 100   /* ticks without an answer before a service counts as hung */
#define HEARTBEAT_PATIENCE 500  /* ticks a live service may keep a silent caller waiting, and
                                 * a starved one may go without answering */
#define STARVED_TICKS 5         /* CPU ticks since the ping below which a ready one is starved */

struct service {
    int in_use;
    char label[16];
    char args[64];
    struct priv_desc priv;
    enum rs_state state;
    endpoint_t ep;
    int32_t pid;
    uint32_t restarts;
    uint32_t backoff;           /* ticks of the pending restart */
    uint64_t start_at;          /* uptime tick of a pending restart */
    int stop_wanted;            /* RS_DOWN: do not restart */
    int restart_wanted;         /* RS_RESTART: restart at once */
    int once;                   /* run once: a job, not a service */
    char after[16];             /* start once this job has ended */
    int started;                /* RS has started it (or tried to) */
    char ipc_labels[64];        /* services it may send to, by label */
    uint64_t ping_sent;         /* uptime of the unanswered ping, 0 if none */
    uint32_t cpu_at_ping;       /* its user and system ticks when the ping went */
    uint32_t max_restarts;      /* policy: give up after this many failures; 0: never */
    uint32_t failures;          /* its crashes and hangs, counted against max_restarts */
    uint32_t backoff_shift;     /* the next back-off is BACKOFF_FIRST << this; 0 again once
                                 * it answers a heartbeat */
    int recovery;               /* policy: after a failure run /etc/rs/<label> */
    uint32_t memory_kib;        /* policy: VM's limit on its heap and mappings; 0: none */
    int32_t script_pid;         /* its recovery script's process, 0 if none runs */
    int hung;                   /* ended by RS for a missed heartbeat */
    uint64_t spared_at;         /* uptime it was last found silent in a call to another */
    uint32_t fault_pending;     /* an injected fault not yet handed over (fault.c) */
};

extern struct service services[MAX_SERVICES];

int service_start(struct service *s);
void service_exited(struct service *s, int32_t status);
struct service *service_by_label(const char *label);
struct service *service_by_pid(int32_t pid);
void schedule_restarts(void);
void heartbeat_tick(void);
void heartbeat_answer(endpoint_t from);
void run_due_restarts(void);
uint64_t now(void);
uint32_t ticks_to_ms(uint64_t ticks);
void reap_children(void);
void restart_later(struct service *s);
int spawn_process(const char *strings, int len, int argc, int user, const struct priv_desc *d,
                  endpoint_t *ep, int32_t *pid);
int recovery_start(struct service *s, int32_t status);
void recovery_ended(struct service *s, int32_t status);
struct service *service_by_script(int32_t pid);
void load_policy(void);
void start_ready_services(void);
void update_send_rights(const struct service *moved);
int pm_call(message *m, int type);
int end_service(struct service *s);
int fault_request(struct service *s, uint32_t kind);
int fault_take(endpoint_t from, message *m);

#endif
