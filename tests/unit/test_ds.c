/* The data store's logic on the host: glob patterns, ownership and private entries, labels
 * that survive a restart, subscriptions that track changes, and a full table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "../../servers/ds/store.h"

#define A 1030   /* endpoints of two ordinary processes */
#define B 1031

static endpoint_t notified[16];
static int nr_notified;

static void record_notify(endpoint_t ep)
{
    if (nr_notified < 16)
        notified[nr_notified++] = ep;
}

static int setup(void **state)
{
    (void)state;
    store_init(record_notify);
    nr_notified = 0;
    return 0;
}

static int publish_u32(endpoint_t who, const char *key, uint32_t v, uint32_t flags)
{
    return store_publish(who, key, DS_U32, flags, v, NULL, 0);
}

static uint32_t get_u32(endpoint_t who, const char *key, int *r)
{
    uint32_t v = 0, len;
    const void *data;
    *r = store_retrieve(who, key, DS_U32, &v, &data, &len);
    return v;
}

static void globs(void **state)
{
    (void)state;
    assert_true(glob_match("drv.*", "drv.tty"));
    assert_true(glob_match("*", ""));
    assert_true(glob_match("a?c", "abc"));
    assert_true(glob_match("*.state.*", "tty.state.termios"));
    assert_false(glob_match("drv.*", "driver"));
    assert_false(glob_match("a?c", "ac"));
    assert_false(glob_match("abc", "abcd"));
}

static void publish_retrieve_and_types(void **state)
{
    (void)state;
    int r;
    assert_int_equal(publish_u32(A, "count", 41, 0), OK);
    assert_int_equal(get_u32(B, "count", &r), 41);
    assert_int_equal(r, OK);
    assert_int_equal(store_publish(A, "name", DS_STRING, 0, 0, "tty0", 5), OK);
    uint32_t v, len;
    const void *data;
    assert_int_equal(store_retrieve(B, "name", DS_STRING, &v, &data, &len), OK);
    assert_int_equal(len, 5);
    assert_string_equal(data, "tty0");
    assert_int_equal(store_retrieve(B, "name", DS_U32, &v, &data, &len), -EINVAL);   /* wrong type */
    assert_int_equal(store_retrieve(B, "nothing", DS_U32, &v, &data, &len), -ENOENT);
    assert_int_equal(store_publish(A, "bad", DS_STRING, 0, 0, "abc", 3), -EINVAL);     /* no NUL */
    assert_int_equal(publish_u32(A, "", 1, 0), -EINVAL);
}

static void owners_and_overwrite(void **state)
{
    (void)state;
    int r;
    assert_int_equal(publish_u32(A, "k", 1, 0), OK);
    assert_int_equal(publish_u32(A, "k", 2, 0), -EEXIST);
    assert_int_equal(publish_u32(B, "k", 3, DSF_OVERWRITE), -EPERM);
    assert_int_equal(publish_u32(A, "k", 4, DSF_OVERWRITE), OK);
    assert_int_equal(get_u32(B, "k", &r), 4);
    assert_int_equal(store_delete(B, "k"), -EPERM);
    assert_int_equal(store_delete(A, "k"), OK);
    get_u32(A, "k", &r);
    assert_int_equal(r, -ENOENT);
}

static void only_rs_names_endpoints(void **state)
{
    (void)state;
    endpoint_t ep;
    assert_int_equal(store_publish(A, "tty", DS_LABEL, 0, A, NULL, 0), -EPERM);
    assert_int_equal(store_publish(RS_PROC, "tty", DS_LABEL, DSF_OVERWRITE, A, NULL, 0), OK);
    assert_int_equal(store_lookup("tty", &ep), OK);
    assert_int_equal(ep, A);
    char owner[DS_OWNER_MAX];
    store_owner_of(A, owner);
    assert_string_equal(owner, "tty");
    store_owner_of(B, owner);
    assert_string_equal(owner, "#1031");
}

static void private_state_survives_a_restart(void **state)
{
    (void)state;
    int r;
    store_publish(RS_PROC, "tty", DS_LABEL, DSF_OVERWRITE, A, NULL, 0);
    assert_int_equal(publish_u32(A, "tty.termios", 0x1234, DSF_PRIVATE), OK);
    get_u32(B, "tty.termios", &r);
    assert_int_equal(r, -EPERM);                       /* private to the label */
    store_publish(RS_PROC, "tty", DS_LABEL, DSF_OVERWRITE, B, NULL, 0);   /* restarted as B */
    assert_int_equal(get_u32(B, "tty.termios", &r), 0x1234);
    assert_int_equal(r, OK);
    get_u32(A, "tty.termios", &r);
    assert_int_equal(r, -EPERM);                       /* the dead instance lost it */
}

static void subscriptions_track_changes(void **state)
{
    (void)state;
    char key[DS_KEY_MAX];
    uint32_t type;
    assert_int_equal(store_subscribe(B, "drv.*"), OK);
    publish_u32(A, "other", 1, 0);
    assert_int_equal(nr_notified, 0);
    publish_u32(A, "drv.tty", 1, 0);
    publish_u32(A, "drv.disk", 2, 0);
    assert_int_equal(nr_notified, 2);
    assert_int_equal(notified[0], B);
    int seen = 0;
    while (store_check(B, key, &type) == OK) {
        assert_true(strcmp(key, "drv.tty") == 0 || strcmp(key, "drv.disk") == 0);
        assert_int_equal(type, DS_U32);
        seen++;
    }
    assert_int_equal(seen, 2);
    assert_int_equal(store_check(A, key, &type), -ENOENT);   /* A subscribed to nothing */
    store_delete(A, "drv.tty");
    assert_int_equal(store_check(B, key, &type), OK);
    assert_string_equal(key, "drv.tty");
    assert_int_equal(type, 0);                               /* deleted */
    store_forget_subscriber(B);
    publish_u32(A, "drv.net", 3, 0);
    assert_int_equal(nr_notified, 3);                        /* delete notified, not this */
}

static void full_table(void **state)
{
    (void)state;
    char key[16];
    int i, r = OK;
    for (i = 0; i < DS_MAX_ENTRIES + 1 && r == OK; i++) {
        snprintf(key, sizeof key, "k%d", i);
        r = publish_u32(A, key, (uint32_t)i, 0);
    }
    assert_int_equal(r, -ENOSPC);
    assert_int_equal(i, DS_MAX_ENTRIES + 1);
    assert_int_equal(store_delete(A, "k3"), OK);
    assert_int_equal(publish_u32(A, "again", 1, 0), OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(globs, setup),
        cmocka_unit_test_setup(publish_retrieve_and_types, setup),
        cmocka_unit_test_setup(owners_and_overwrite, setup),
        cmocka_unit_test_setup(only_rs_names_endpoints, setup),
        cmocka_unit_test_setup(private_state_survives_a_restart, setup),
        cmocka_unit_test_setup(subscriptions_track_changes, setup),
        cmocka_unit_test_setup(full_table, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
