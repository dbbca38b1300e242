/* dssvc: one instance of a service in the dstest image. The driver, standing in for RS,
 * labels svc_a and later svc_b "svc", as RS would on a restart, and tells each what to do. */
#include "common.h"
#include "../../lib/common/fmt.h"
#include "../../lib/common/string.h"

static int reported;   /* failures already told to the driver */

static void publish(void)
{
    uint32_t v = 0;
    expect("publish private svc.state", ds_publish_u32("svc.state", 1234, DSF_PRIVATE), OK);
    expect("publish svc.name", ds_publish_str("svc.name", "first", 0), OK);
    expect("retrieve its own private entry", ds_retrieve_u32("svc.state", &v), OK);
    expect("its value", (int)v, 1234);
    message m = { 0 };
    strcpy(m.m.ds.key, "fake");
    m.m.ds.type = DS_LABEL;
    m.m.ds.value = 1;
    expect("only RS may publish a label", ds_raw(DS_PUBLISH, &m), -EPERM);
    expect("subscribe to news.*", ds_subscribe("news.*"), OK);
}

static void news(void)
{
    const struct change want[] = { { "news.a", DS_U32 }, { "news.b", 0 } };
    expect("DS notifies a subscriber", wait_ds_notify(), OK);
    expect_changes("DS_CHECK reports news.a changed and news.b deleted", want, 2);
}

static void armed(void)
{
    const struct change want[] = { { "news.c", DS_U32 } };
    expect("DS notifies a subscriber that waits", wait_ds_notify(), OK);
    expect_changes("DS_CHECK reports news.c", want, 1);
}

static void restarted(void)
{
    uint32_t v = 0;
    const struct change want[] = { { "svc.state", DS_U32 }, { "svc.name", DS_STRING } };
    expect("subscribe to svc.*", ds_subscribe("svc.*"), OK);
    expect("the restarted instance retrieves the private state",
           ds_retrieve_u32("svc.state", &v), OK);
    expect("and it is the old instance's value", (int)v, 1234);
    expect("it overwrites the private state",
           ds_publish_u32("svc.state", 1235, DSF_PRIVATE | DSF_OVERWRITE), OK);
    expect("it overwrites svc.name, owned by the label",
           ds_publish_str("svc.name", "second", DSF_OVERWRITE), OK);
    expect("an owner hears of its own changes", wait_ds_notify(), OK);
    expect_changes("DS_CHECK reports svc.state (private, but its own) and svc.name", want, 2);
}

static void old_instance(void)
{
    uint32_t v = 0;
    char key[DS_KEY_MAX];
    expect("the old instance lost the private state", ds_retrieve_u32("svc.state", &v), -EPERM);
    expect("and may not overwrite it", ds_publish_u32("svc.state", 1, DSF_OVERWRITE), -EPERM);
    expect("nor delete svc.name", ds_delete("svc.name"), -EPERM);
    expect("nothing it subscribed to changed", ds_check(key, &v), -ENOENT);
}

/* Ends while still subscribed, holding every free pattern slot: DS must find out by itself,
 * when a notify fails, that the slots are free again. */
static _Noreturn void die(void)
{
    char pattern[16];
    int n = 0;
    while (n < 1000) {
        fmt_snprintf(pattern, sizeof pattern, "gone.%d", n);
        if (ds_subscribe(pattern) != OK)
            break;
        n++;
    }
    expect_true("takes the free subscription slots before it ends", n > 0);
    sys_clear(SELF);
    for (;;) {
        message m;
        ipc_receive(ANY, &m);
    }
}

static void step(int type)
{
    switch (type) {
    case STEP_PUBLISH: publish(); break;
    case STEP_NEWS: news(); break;
    case STEP_RESTARTED: restarted(); break;
    case STEP_OLD: old_instance(); break;
    case STEP_DIE: die();
    default: expect("a known step", type, STEP_PUBLISH); break;
    }
}

int main(int argc, char **argv)
{
    static char prefix[24];
    endpoint_t driver = arg_endpoint(argc, argv, 1);
    fmt_snprintf(prefix, sizeof prefix, "[%s] ", argv[0]);
    who = prefix;
    for (;;) {
        message m;
        if (ipc_receive(driver, &m) != OK)
            continue;
        int type = m.m_type;
        if (type != STEP_ARM && type != STEP_REPORT)
            step(type);
        memset(&m, 0, sizeof m);
        m.m_type = failures - reported;
        reported = failures;
        ipc_sendnb(driver, &m);
        if (type == STEP_ARM)
            armed();   /* reported with STEP_REPORT */
    }
}
