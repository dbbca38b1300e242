/* dstest: the data store in a bare image. It sits at RS's slot, so DS takes its labels: naming
 * svc_a, then svc_b, "svc" plays a restart. Prints "dstest: ... ok" or "FAIL" lines. */
#include "common.h"
#include "../../lib/common/fmt.h"
#include "../../lib/common/string.h"

static endpoint_t svc_a, svc_b;

/* Asks a service instance to take a step; its failures count as ours. */
static int step(endpoint_t svc, int type)
{
    message m = { 0 };
    m.m_type = type;
    int r = ipc_sendrec(svc, &m);
    if (r != OK)
        return r;
    failures += m.m_type;
    return OK;
}

static int label(const char *name, endpoint_t ep)
{
    message m = { 0 };
    strncpy(m.m.ds.key, name, sizeof m.m.ds.key - 1);
    m.m.ds.type = DS_LABEL;
    m.m.ds.flags = DSF_OVERWRITE;
    m.m.ds.value = (uint32_t)ep;
    return ds_raw(DS_PUBLISH, &m);
}

static void values(void)
{
    uint32_t v = 0;
    char buf[64];
    expect("publish a u32", ds_publish_u32("t.u32", 42, 0), OK);
    expect("retrieve it", ds_retrieve_u32("t.u32", &v), OK);
    expect("its value", (int)v, 42);
    expect("publish it again without DSF_OVERWRITE", ds_publish_u32("t.u32", 43, 0), -EEXIST);
    expect("overwrite it", ds_publish_u32("t.u32", 43, DSF_OVERWRITE), OK);
    expect("retrieve the new value", ds_retrieve_u32("t.u32", &v) == OK ? (int)v : -1, 43);
    expect("publish a string", ds_publish_str("t.str", "hello, data store", 0), OK);
    expect("retrieve it: its length", ds_retrieve_str("t.str", buf, sizeof buf), 18);
    expect_true("and its text", strcmp(buf, "hello, data store") == 0);
    expect("a buffer too small", ds_retrieve_str("t.str", buf, 4), -E2BIG);
    expect("a u32 of a string's key is a type mismatch", ds_retrieve_u32("t.str", &v), -EINVAL);
    expect("a key nobody published", ds_retrieve_u32("t.none", &v), -ENOENT);
    expect("delete", ds_delete("t.u32"), OK);
    expect("a deleted key is gone", ds_retrieve_u32("t.u32", &v), -ENOENT);
    expect("and cannot be deleted again", ds_delete("t.u32"), -ENOENT);
    expect("an empty key", ds_publish_u32("", 1, 0), -EINVAL);
    expect("a key too long for DS", ds_publish_u32("0123456789abcdef0123456789abcdef", 1, 0),
           -EINVAL);
}

static void big_values(void)
{
    static uint8_t blob[DS_VALUE_MAX], back[DS_VALUE_MAX];
    static char text[DS_VALUE_MAX + 1];
    for (int i = 0; i < DS_VALUE_MAX; i++)
        blob[i] = (uint8_t)(i * 7 + 1);
    expect("publish a blob of DS_VALUE_MAX bytes", ds_publish_blob("t.blob", blob, sizeof blob, 0),
           OK);
    expect("retrieve it", ds_retrieve_blob("t.blob", back, sizeof back), DS_VALUE_MAX);
    expect_true("byte for byte", memcmp(blob, back, sizeof blob) == 0);
    expect("an empty blob", ds_publish_blob("t.empty", blob, 0, 0), OK);
    expect("retrieve the empty blob", ds_retrieve_blob("t.empty", back, sizeof back), 0);
    memset(text, 'x', DS_VALUE_MAX - 1);
    expect("a string of DS_VALUE_MAX - 1 characters", ds_publish_str("t.long", text, 0), OK);
    text[DS_VALUE_MAX - 1] = 'x';
    expect("one more is too long", ds_publish_str("t.longer", text, 0), -EINVAL);
}

/* Requests as a careless or hostile client could send them. */
static void bad_requests(void)
{
    static char data[64] = "no terminator here";
    message m = { 0 };
    strcpy(m.m.ds.key, "t.bad");
    m.m.ds.type = DS_BLOB;
    m.m.ds.grant = GRANT_ID(63, 0x1234);
    m.m.ds.len = 8;
    expect("a grant that does not exist: the kernel's error", ds_raw(DS_PUBLISH, &m), -ENOGRANT);

    grant_id_t g = grant_make(LOG_PROC, data, sizeof data, GRANT_READ);
    m.m.ds.grant = g;
    expect("a grant for another process", ds_raw(DS_PUBLISH, &m), -ENOGRANT);
    grant_revoke(g);

    g = grant_make(DS_PROC, data, 18, GRANT_READ);
    m.m.ds.type = DS_STRING;
    m.m.ds.grant = g;
    m.m.ds.len = 18;
    expect("a string without its NUL", ds_raw(DS_PUBLISH, &m), -EINVAL);
    m.m.ds.len = DS_VALUE_MAX + 1;
    expect("a value longer than DS_VALUE_MAX", ds_raw(DS_PUBLISH, &m), -EINVAL);

    memset(&m, 0, sizeof m);
    strcpy(m.m.ds.key, "t.str");
    m.m.ds.type = DS_STRING;
    m.m.ds.grant = g;
    m.m.ds.len = sizeof data;
    expect("retrieving into a read-only grant: the kernel's error", ds_raw(DS_RETRIEVE, &m),
           -EACCES);
    grant_revoke(g);

    memset(&m, 0, sizeof m);
    memset(m.m.ds.key, 'k', sizeof m.m.ds.key);
    m.m.ds.type = DS_U32;
    expect("a key without its NUL", ds_raw(DS_PUBLISH, &m), -EINVAL);
    strcpy(m.m.ds.key, "t.type");
    m.m.ds.type = 9;
    expect("an unknown type", ds_raw(DS_PUBLISH, &m), -EINVAL);
    m.m.ds.type = DS_U32;
    m.m.ds.flags = 0x100;
    expect("an unknown flag", ds_raw(DS_PUBLISH, &m), -EINVAL);
    expect("an unknown request", ds_raw(DS_CALL_END, &m), -EBADREQUEST);
    expect("a request for another server", ds_raw(0x42, &m), -EBADREQUEST);
    char key[DS_KEY_MAX];
    uint32_t type;
    expect("DS_CHECK without a subscription", ds_check(key, &type), -ENOENT);
}

static void labels(void)
{
    endpoint_t ep = NONE, self;
    char name[16];
    expect_true("dstest sits at RS's slot", sys_whoami(&self, name) == OK && self == RS_PROC);
    expect("RS publishes the label svc for svc_a", label("svc", svc_a), OK);
    expect("DS_LOOKUP finds it", ds_lookup("svc", &ep), OK);
    expect("as svc_a's endpoint", ep, svc_a);
    expect("DS_LOOKUP of a key that is not a label", ds_lookup("t.str", &ep), -ENOENT);
    expect("DS_LOOKUP of an unknown label", ds_lookup("nosuch", &ep), -ENOENT);
    expect("a label cannot look like an endpoint name", label("#1030", svc_a), -EINVAL);
}

static void owners(void)
{
    char buf[32];
    uint32_t v;
    expect("svc_a publishes", step(svc_a, STEP_PUBLISH), OK);
    expect("another label's private entry", ds_retrieve_u32("svc.state", &v), -EPERM);
    expect("a public entry of svc", ds_retrieve_str("svc.name", buf, sizeof buf), 6);
    expect_true("reads what svc_a wrote", strcmp(buf, "first") == 0);
    expect("only the owner may overwrite", ds_publish_str("svc.name", "mine", DSF_OVERWRITE),
           -EPERM);
    expect("an existing key without DSF_OVERWRITE", ds_publish_str("svc.name", "mine", 0), -EEXIST);
    expect("only the owner may delete", ds_delete("svc.name"), -EPERM);
}

static void news(void)
{
    ds_publish_u32("news.a", 1, 0);
    ds_publish_str("news.b", "b", 0);
    ds_publish_u32("other", 1, 0);
    ds_publish_u32("news.a", 2, DSF_OVERWRITE);
    ds_delete("news.b");
    expect("svc_a hears of changes to news.*", step(svc_a, STEP_NEWS), OK);
    expect("svc_a waits for news", step(svc_a, STEP_ARM), OK);
    expect("publish news.c while it waits", ds_publish_u32("news.c", 3, 0), OK);
    expect("svc_a heard of it", step(svc_a, STEP_REPORT), OK);
}

static void restart(void)
{
    endpoint_t ep = NONE;
    char buf[32];
    uint32_t v;
    expect("svc restarts as svc_b: RS publishes the new endpoint", label("svc", svc_b), OK);
    expect("DS_LOOKUP follows", ds_lookup("svc", &ep) == OK ? ep : NONE, svc_b);
    expect("svc_b takes over svc's state", step(svc_b, STEP_RESTARTED), OK);
    expect("svc.name as svc_b left it", ds_retrieve_str("svc.name", buf, sizeof buf), 7);
    expect_true("reads second", strcmp(buf, "second") == 0);
    expect("svc.state is still private", ds_retrieve_u32("svc.state", &v), -EPERM);
    expect("svc_a, no longer svc, is refused", step(svc_a, STEP_OLD), OK);
}

static void dead_subscriber(void)
{
    const struct change want[] = { { "late.x", DS_U32 } };
    expect("svc_a ends, still subscribed", step(svc_a, STEP_DIE), -EDEADSRCDST);
    expect("its subscriptions fill the table", ds_subscribe("late.*"), -ENOSPC);
    expect("publish a key it subscribed to", ds_publish_u32("gone.0", 1, 0), OK);
    expect("the failed notify dropped it: room again", ds_subscribe("late.*"), OK);
    expect("publish late.x", ds_publish_u32("late.x", 1, 0), OK);
    expect("the new subscriber is notified", wait_ds_notify(), OK);
    expect_changes("and DS_CHECK reports late.x", want, 1);
}

static const char *fill_key(int n)
{
    static char key[16];
    fmt_snprintf(key, sizeof key, "fill.%d", n);
    return key;
}

static void full_table(void)
{
    int n = 0, r = OK;
    while (n < 1000 && (r = ds_publish_u32(fill_key(n), (uint32_t)n, 0)) == OK)
        n++;
    log_printf("dstest: the table took %d more entries\n", n);
    expect("a full table", r, -ENOSPC);
    expect_true("after some entries", n > 0);
    expect("a delete makes room", ds_delete("fill.0"), OK);
    expect("for one more", ds_publish_u32("t.one", 1, 0), OK);
    expect("and no more", ds_publish_u32("t.two", 1, 0), -ENOSPC);
    int bad = 0;
    for (int i = 1; i < n; i++)
        bad += ds_delete(fill_key(i)) != OK;
    expect("delete them all", bad, 0);
}

int main(int argc, char **argv)
{
    svc_a = arg_endpoint(argc, argv, 1);
    svc_b = arg_endpoint(argc, argv, 2);
    values();
    big_values();
    bad_requests();
    labels();
    owners();
    news();
    restart();
    dead_subscriber();
    full_table();
    uint32_t v = 0;
    expect("DS still answers", ds_publish_u32("t.alive", 7, 0), OK);
    expect("with what it was given", ds_retrieve_u32("t.alive", &v) == OK ? (int)v : -1, 7);
    log_printf("dstest: done, %d failures\n", failures);
    sys_poweroff();
    for (;;) {
        message m;
        ipc_receive(ANY, &m);
    }
}
