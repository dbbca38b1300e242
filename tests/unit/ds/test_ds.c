/* The data store's logic on the host: glob patterns, types, ownership and private entries,
 * labels that survive a restart, subscriptions that track changes, and full tables. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "store.h"

#define A 1030   /* endpoints of ordinary processes */
#define B 1031
#define C 1032

static endpoint_t notified[64];
static int nr_notified;
static endpoint_t dead = NONE;   /* notifying it fails as for a dead endpoint */

static int record_notify(endpoint_t ep)
{
    if (ep == dead)
        return -EDEADSRCDST;
    if (nr_notified < 64)
        notified[nr_notified++] = ep;
    return OK;
}

static int setup(void **state)
{
    (void)state;
    store_init(record_notify);
    nr_notified = 0;
    dead = NONE;
    return 0;
}

static int publish_u32(endpoint_t who, const char *key, uint32_t v, uint32_t flags)
{
    return store_publish(who, key, DS_U32, flags, v, NULL, 0);
}

static int publish_str(endpoint_t who, const char *key, const char *s, uint32_t flags)
{
    return store_publish(who, key, DS_STRING, flags, 0, s, (uint32_t)strlen(s) + 1);
}

static int label(const char *name, endpoint_t ep)
{
    return store_publish(RS_PROC, name, DS_LABEL, DSF_OVERWRITE, (uint32_t)ep, NULL, 0);
}

/* The u32 under key as who sees it; *r gets the result. */
static uint32_t get_u32(endpoint_t who, const char *key, int *r)
{
    uint32_t v = 0, len;
    const void *data;
    *r = store_retrieve(who, key, DS_U32, &v, &data, &len);
    return v;
}

static int check(endpoint_t who, char key[DS_KEY_MAX], uint32_t *type)
{
    return store_check(who, key, type);
}

static void globs(void **state)
{
    (void)state;
    assert_true(glob_match("drv.*", "drv.tty"));
    assert_true(glob_match("drv.*", "drv."));
    assert_true(glob_match("*", ""));
    assert_true(glob_match("*", "anything"));
    assert_true(glob_match("a?c", "abc"));
    assert_true(glob_match("*.state.*", "tty.state.termios"));
    assert_true(glob_match("a*b*c", "aXbYbZc"));
    assert_true(glob_match("**x", "x"));
    assert_true(glob_match("?*", "a"));
    assert_true(glob_match("exact", "exact"));
    assert_false(glob_match("drv.*", "driver"));
    assert_false(glob_match("a?c", "ac"));
    assert_false(glob_match("?*", ""));
    assert_false(glob_match("abc", "abcd"));
    assert_false(glob_match("abcd", "abc"));
    assert_false(glob_match("a*b*c", "aXbYbZ"));
    assert_false(glob_match("", "a"));
}

static void values_of_each_type(void **state)
{
    (void)state;
    int r;
    uint32_t v, len;
    const void *data;
    assert_int_equal(publish_u32(A, "count", 41, 0), OK);
    assert_int_equal(get_u32(B, "count", &r), 41);
    assert_int_equal(r, OK);

    /* A string is kept up to its NUL, whatever the sender's length said. */
    assert_int_equal(store_publish(A, "name", DS_STRING, 0, 0, "tty0\0junk", 10), OK);
    assert_int_equal(store_retrieve(B, "name", DS_STRING, &v, &data, &len), OK);
    assert_int_equal(len, 5);
    assert_string_equal(data, "tty0");

    static uint8_t blob[DS_VALUE_MAX + 1];
    for (int i = 0; i < DS_VALUE_MAX; i++)
        blob[i] = (uint8_t)i;
    assert_int_equal(store_publish(A, "big", DS_BLOB, 0, 0, blob, DS_VALUE_MAX), OK);
    assert_int_equal(store_retrieve(B, "big", DS_BLOB, &v, &data, &len), OK);
    assert_int_equal(len, DS_VALUE_MAX);
    assert_memory_equal(data, blob, DS_VALUE_MAX);
    assert_int_equal(store_publish(A, "empty", DS_BLOB, 0, 0, blob, 0), OK);
    assert_int_equal(store_retrieve(B, "empty", DS_BLOB, &v, &data, &len), OK);
    assert_int_equal(len, 0);
}

static void bad_input_is_refused(void **state)
{
    (void)state;
    uint32_t v, len;
    const void *data;
    static uint8_t blob[DS_VALUE_MAX + 1];
    char long_key[DS_KEY_MAX];
    memset(long_key, 'k', sizeof long_key);   /* no NUL anywhere */
    char longest[DS_KEY_MAX];
    memset(longest, 'k', sizeof longest - 1);
    longest[DS_KEY_MAX - 1] = '\0';

    assert_int_equal(publish_u32(A, "", 1, 0), -EINVAL);
    assert_int_equal(publish_u32(A, long_key, 1, 0), -EINVAL);
    assert_int_equal(publish_u32(A, longest, 1, 0), OK);
    assert_int_equal(store_publish(A, "t", 0, 0, 0, NULL, 0), -EINVAL);
    assert_int_equal(store_publish(A, "t", DS_LABEL + 1, 0, 0, NULL, 0), -EINVAL);
    assert_int_equal(publish_u32(A, "t", 1, 0x80), -EINVAL);                      /* unknown flag */
    assert_int_equal(store_publish(A, "s", DS_STRING, 0, 0, "abc", 3), -EINVAL);  /* no NUL */
    assert_int_equal(store_publish(A, "s", DS_STRING, 0, 0, "", 0), -EINVAL);
    assert_int_equal(store_publish(A, "b", DS_BLOB, 0, 0, blob, DS_VALUE_MAX + 1), -EINVAL);
    publish_str(A, "s", "text", 0);
    assert_int_equal(store_retrieve(B, "s", DS_U32, &v, &data, &len), -EINVAL);  /* wrong type */
    assert_int_equal(store_retrieve(B, "nothing", DS_U32, &v, &data, &len), -ENOENT);
    assert_int_equal(store_retrieve(B, long_key, DS_U32, &v, &data, &len), -EINVAL);
    assert_int_equal(store_delete(A, ""), -EINVAL);
    assert_int_equal(store_subscribe(A, long_key), -EINVAL);
}

static void owners_and_overwrite(void **state)
{
    (void)state;
    int r;
    assert_int_equal(publish_u32(A, "k", 1, 0), OK);
    assert_int_equal(publish_u32(A, "k", 2, 0), -EEXIST);
    assert_int_equal(publish_u32(B, "k", 3, 0), -EEXIST);
    assert_int_equal(publish_u32(B, "k", 3, DSF_OVERWRITE), -EPERM);
    assert_int_equal(publish_u32(A, "k", 4, DSF_OVERWRITE), OK);
    assert_int_equal(get_u32(B, "k", &r), 4);
    assert_int_equal(publish_str(A, "k", "now a string", DSF_OVERWRITE), OK);   /* owner's choice */
    get_u32(B, "k", &r);
    assert_int_equal(r, -EINVAL);
    assert_int_equal(store_delete(B, "k"), -EPERM);
    assert_int_equal(store_delete(A, "k"), OK);
    get_u32(A, "k", &r);
    assert_int_equal(r, -ENOENT);
    assert_int_equal(store_delete(A, "k"), -ENOENT);
    assert_int_equal(publish_u32(B, "k", 5, 0), OK);   /* free for anyone again */
}

static void only_rs_names_endpoints(void **state)
{
    (void)state;
    endpoint_t ep = NONE;
    char owner[DS_OWNER_MAX];
    assert_int_equal(store_publish(A, "tty", DS_LABEL, 0, A, NULL, 0), -EPERM);
    assert_int_equal(store_publish(RS_PROC, "#1031", DS_LABEL, 0, B, NULL, 0), -EINVAL);
    assert_int_equal(store_lookup("tty", &ep), -ENOENT);
    assert_int_equal(label("tty", A), OK);
    assert_int_equal(store_lookup("tty", &ep), OK);
    assert_int_equal(ep, A);
    store_owner_of(A, owner);
    assert_string_equal(owner, "tty");
    store_owner_of(B, owner);
    assert_string_equal(owner, "#1031");
    publish_u32(A, "plain", 1, 0);
    assert_int_equal(store_lookup("plain", &ep), -ENOENT);   /* not a label */
    assert_int_equal(store_lookup("", &ep), -EINVAL);
    /* The labelled service cannot rename itself; RS can remove the name. */
    assert_int_equal(publish_u32(A, "tty", 1, DSF_OVERWRITE), -EPERM);
    assert_int_equal(store_delete(A, "tty"), -EPERM);
    assert_int_equal(store_delete(RS_PROC, "tty"), OK);
    assert_int_equal(store_lookup("tty", &ep), -ENOENT);
}

static void labels_win_over_squatters(void **state)
{
    (void)state;
    endpoint_t ep;
    assert_int_equal(publish_u32(B, "disk", 666, 0), OK);
    assert_int_equal(label("disk", A), OK);
    assert_int_equal(store_lookup("disk", &ep), OK);
    assert_int_equal(ep, A);
    assert_int_equal(publish_u32(B, "disk", 1, DSF_OVERWRITE), -EPERM);
}

static void private_state_survives_a_restart(void **state)
{
    (void)state;
    int r;
    label("tty", A);
    assert_int_equal(publish_u32(A, "tty.termios", 0x1234, DSF_PRIVATE), OK);
    get_u32(B, "tty.termios", &r);
    assert_int_equal(r, -EPERM);                       /* private to the label */
    uint32_t v, len;
    const void *data;
    assert_int_equal(store_retrieve(B, "tty.termios", DS_STRING, &v, &data, &len), -EPERM);
    label("tty", B);                                   /* restarted as B */
    assert_int_equal(get_u32(B, "tty.termios", &r), 0x1234);
    assert_int_equal(r, OK);
    get_u32(A, "tty.termios", &r);
    assert_int_equal(r, -EPERM);                       /* the dead instance lost it */
    assert_int_equal(publish_u32(A, "tty.termios", 0, DSF_OVERWRITE), -EPERM);
    assert_int_equal(publish_u32(B, "tty.termios", 0x4321, DSF_OVERWRITE | DSF_PRIVATE), OK);
    assert_int_equal(store_delete(A, "tty.termios"), -EPERM);
    assert_int_equal(store_delete(B, "tty.termios"), OK);
}

static void entries_from_before_a_label_stay_ones_own(void **state)
{
    (void)state;
    int r;
    assert_int_equal(publish_u32(C, "early", 7, DSF_PRIVATE), OK);
    label("late", C);
    assert_int_equal(get_u32(C, "early", &r), 7);
    assert_int_equal(r, OK);
    assert_int_equal(publish_u32(C, "early", 8, DSF_OVERWRITE | DSF_PRIVATE), OK);
    label("late", B);   /* now owned by the label, so it moves with it */
    assert_int_equal(get_u32(B, "early", &r), 8);
    assert_int_equal(r, OK);
}

static void subscriptions_track_changes(void **state)
{
    (void)state;
    char key[DS_KEY_MAX];
    uint32_t type;
    assert_int_equal(check(B, key, &type), -ENOENT);   /* not a subscriber */
    assert_int_equal(store_subscribe(B, "drv.*"), OK);
    publish_u32(A, "other", 1, 0);
    assert_int_equal(nr_notified, 0);
    publish_u32(A, "drv.tty", 1, 0);
    publish_u32(A, "drv.disk", 2, 0);
    publish_u32(A, "drv.tty", 3, DSF_OVERWRITE);
    assert_int_equal(nr_notified, 3);
    assert_int_equal(notified[0], B);
    int seen = 0;
    while (check(B, key, &type) == OK) {   /* each key once, however often it changed */
        assert_true(strcmp(key, "drv.tty") == 0 || strcmp(key, "drv.disk") == 0);
        assert_int_equal(type, DS_U32);
        seen++;
    }
    assert_int_equal(seen, 2);
    assert_int_equal(check(A, key, &type), -ENOENT);

    store_delete(A, "drv.tty");
    assert_int_equal(check(B, key, &type), OK);
    assert_string_equal(key, "drv.tty");
    assert_int_equal(type, 0);                         /* deleted */
    assert_int_equal(check(B, key, &type), -ENOENT);
}

static void one_notification_per_change_and_subscriber(void **state)
{
    (void)state;
    char key[DS_KEY_MAX];
    uint32_t type;
    assert_int_equal(store_subscribe(B, "net.*"), OK);
    assert_int_equal(store_subscribe(B, "*.eth0"), OK);
    assert_int_equal(store_subscribe(B, "net.*"), OK);   /* again: no second pattern */
    assert_int_equal(store_subscribe(C, "net.?th0"), OK);
    publish_u32(A, "net.eth0", 1, 0);
    assert_int_equal(nr_notified, 2);
    assert_true((notified[0] == B && notified[1] == C) || (notified[0] == C && notified[1] == B));
    assert_int_equal(check(B, key, &type), OK);
    assert_int_equal(check(B, key, &type), -ENOENT);
    assert_int_equal(check(C, key, &type), OK);
    assert_string_equal(key, "net.eth0");
}

static void private_changes_reach_only_the_owner(void **state)
{
    (void)state;
    char key[DS_KEY_MAX];
    uint32_t type;
    label("svc", A);
    store_subscribe(A, "svc.*");
    store_subscribe(B, "svc.*");
    publish_u32(A, "svc.secret", 1, DSF_PRIVATE);
    assert_int_equal(nr_notified, 1);
    assert_int_equal(notified[0], A);
    assert_int_equal(check(B, key, &type), -ENOENT);
    assert_int_equal(check(A, key, &type), OK);
    publish_u32(A, "svc.public", 1, 0);
    assert_int_equal(check(B, key, &type), OK);
    assert_string_equal(key, "svc.public");
}

static void a_deleted_key_published_again_is_one_change(void **state)
{
    (void)state;
    char key[DS_KEY_MAX];
    uint32_t type;
    store_subscribe(B, "k");
    publish_u32(A, "k", 1, 0);
    assert_int_equal(check(B, key, &type), OK);
    store_delete(A, "k");
    publish_str(A, "k", "back", 0);
    assert_int_equal(check(B, key, &type), OK);
    assert_string_equal(key, "k");
    assert_int_equal(type, DS_STRING);
    assert_int_equal(check(B, key, &type), -ENOENT);
}

static void dead_subscribers_are_dropped(void **state)
{
    (void)state;
    char key[DS_KEY_MAX];
    uint32_t type;
    store_subscribe(B, "x.*");
    store_subscribe(C, "x.*");
    dead = C;
    publish_u32(A, "x.1", 1, 0);
    assert_int_equal(nr_notified, 1);
    assert_int_equal(notified[0], B);
    dead = NONE;
    publish_u32(A, "x.2", 2, 0);
    assert_int_equal(nr_notified, 2);                  /* C is gone for good */
    assert_int_equal(check(C, key, &type), -ENOENT);
    /* Its patterns are free again: every one of them can be taken. */
    int n = 0;
    while (n < DS_MAX_PATTERNS + 1) {
        char pattern[16];
        snprintf(pattern, sizeof pattern, "p%d", n);
        if (store_subscribe(A, pattern) != OK)
            break;
        n++;
    }
    assert_int_equal(n, DS_MAX_PATTERNS - 1);          /* B keeps one */
    store_forget_subscriber(A);
    assert_int_equal(store_subscribe(C, "y"), OK);
}

static void full_tables(void **state)
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
    assert_int_equal(publish_u32(A, "k0", 9, DSF_OVERWRITE), OK);   /* no new slot needed */
    assert_int_equal(store_delete(A, "k3"), OK);
    assert_int_equal(publish_u32(A, "again", 1, 0), OK);
    assert_int_equal(publish_u32(A, "more", 1, 0), -ENOSPC);

    for (i = 0; i < DS_MAX_SUBSCRIBERS; i++)
        assert_int_equal(store_subscribe(2000 + i, "s"), OK);
    assert_int_equal(store_subscribe(3000, "s"), -ENOSPC);
}

/* An unchecked delete gives way to a new key rather than making the table full. */
static void unchecked_deletes_do_not_fill_the_table(void **state)
{
    (void)state;
    char key[DS_KEY_MAX], k[16];
    uint32_t type;
    store_subscribe(B, "*");
    for (int i = 0; i < DS_MAX_ENTRIES; i++) {
        snprintf(k, sizeof k, "k%d", i);
        publish_u32(A, k, 0, 0);
    }
    while (check(B, key, &type) == OK)
        ;
    store_delete(A, "k3");
    assert_int_equal(publish_u32(A, "new", 1, 0), OK);
    assert_int_equal(check(B, key, &type), OK);
    assert_string_equal(key, "new");                   /* not the lost "k3" */
    assert_int_equal(type, DS_U32);
    assert_int_equal(check(B, key, &type), -ENOENT);
}

/* A reclaimed delete's mark goes with it: the new key is not news to those who did not ask. */
static void a_reclaimed_slot_keeps_no_marks(void **state)
{
    (void)state;
    char key[DS_KEY_MAX], k[16];
    uint32_t type;
    store_subscribe(B, "k*");
    for (int i = 0; i < DS_MAX_ENTRIES; i++) {
        snprintf(k, sizeof k, "k%d", i);
        publish_u32(A, k, 0, 0);
    }
    while (check(B, key, &type) == OK)
        ;
    store_delete(A, "k3");
    assert_int_equal(publish_u32(A, "zz", 1, 0), OK);
    assert_int_equal(check(B, key, &type), -ENOENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(globs, setup),
        cmocka_unit_test_setup(values_of_each_type, setup),
        cmocka_unit_test_setup(bad_input_is_refused, setup),
        cmocka_unit_test_setup(owners_and_overwrite, setup),
        cmocka_unit_test_setup(only_rs_names_endpoints, setup),
        cmocka_unit_test_setup(labels_win_over_squatters, setup),
        cmocka_unit_test_setup(private_state_survives_a_restart, setup),
        cmocka_unit_test_setup(entries_from_before_a_label_stay_ones_own, setup),
        cmocka_unit_test_setup(subscriptions_track_changes, setup),
        cmocka_unit_test_setup(one_notification_per_change_and_subscriber, setup),
        cmocka_unit_test_setup(private_changes_reach_only_the_owner, setup),
        cmocka_unit_test_setup(a_deleted_key_published_again_is_one_change, setup),
        cmocka_unit_test_setup(dead_subscribers_are_dropped, setup),
        cmocka_unit_test_setup(full_tables, setup),
        cmocka_unit_test_setup(unchecked_deletes_do_not_fill_the_table, setup),
        cmocka_unit_test_setup(a_reclaimed_slot_keeps_no_marks, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
