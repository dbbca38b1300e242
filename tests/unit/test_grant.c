/* Grants: SAFECOPY goes through only inside the granted range, in the granted direction,
 * for the named grantee, while the grant is valid and its sequence number matches. */
#include "harness.h"
#include <os/grant.h>

#define TABLE_VA (FAKE_USER_VA + 0x800)    /* the granter's grant table */
#define DATA_VA  (FAKE_USER_VA + 0x1000)   /* the granted bytes */
#define BUF_VA   (FAKE_USER_VA + 0x2000)   /* the grantee's buffer */
#define DATA     "granted bytes!"
#define DATA_LEN 15
#define SLOTS    8                          /* entries in the table */

static struct proc *granter, *grantee, *stranger;

static int setup(void **state)
{
    h_setup(state);
    granter = h_spawn("granter", 8);
    grantee = h_spawn("grantee", 8);
    stranger = h_spawn("stranger", 8);
    struct proc *all[] = { granter, grantee, stranger };
    for (int i = 0; i < 3; i++) {
        h_allow_call(all[i], SYS_SETGRANT);
        h_allow_call(all[i], SYS_SAFECOPYFROM);
        h_allow_call(all[i], SYS_SAFECOPYTO);
    }
    memcpy(h_mem(granter, DATA_VA), DATA, DATA_LEN);
    return 0;
}

static struct grant *table(void)
{
    return (struct grant *)h_mem(granter, TABLE_VA);
}

static int set_table(vir_bytes va, uint32_t count)
{
    message m = { .m_type = SYS_SETGRANT };
    m.m.setgrant = (struct kc_setgrant){ va, count };
    return h_kcall(granter, &m);
}

static void make_grant(int index, endpoint_t to, uint32_t access, uint32_t seq)
{
    table()[index] = (struct grant){ GRANT_VALID | access, to, DATA_VA, DATA_LEN, seq, NONE, -1, 0 };
    assert_int_equal(set_table(TABLE_VA, SLOTS), OK);
}

static int copy(struct proc *who, int call, grant_id_t g, uint32_t offset, uint32_t len)
{
    message m = { .m_type = call };
    m.m.safecopy = (struct kc_safecopy){ granter->endpoint, g, offset, BUF_VA, len };
    return h_kcall(who, &m);
}

static void assert_nothing_copied(void)
{
    assert_int_equal(*h_mem(grantee, BUF_VA), 0);
    assert_memory_equal(h_mem(granter, DATA_VA), DATA, DATA_LEN);
}

static void valid_grant_copies_both_ways(void **state)
{
    (void)state;
    make_grant(2, grantee->endpoint, GRANT_READ | GRANT_WRITE, 5);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(2, 5), 0, DATA_LEN), OK);
    assert_string_equal((char *)h_mem(grantee, BUF_VA), DATA);
    memcpy(h_mem(grantee, BUF_VA), "XY", 2);
    assert_int_equal(copy(grantee, SYS_SAFECOPYTO, GRANT_ID(2, 5), 8, 2), OK);
    assert_memory_equal(h_mem(granter, DATA_VA), "granted XYtes!", DATA_LEN);
}

static void copy_at_an_offset_reads_the_middle(void **state)
{
    (void)state;
    make_grant(0, grantee->endpoint, GRANT_READ, 1);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(0, 1), 8, 5), OK);
    assert_memory_equal(h_mem(grantee, BUF_VA), "bytes", 5);
    assert_int_equal(*h_mem(grantee, BUF_VA + 5), 0);   /* exactly len bytes */
}

static void outside_the_range_is_invalid(void **state)
{
    (void)state;
    make_grant(0, grantee->endpoint, GRANT_READ | GRANT_WRITE, 1);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(0, 1), 10, 6), -EINVAL);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(0, 1), 0, DATA_LEN + 1), -EINVAL);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(0, 1), DATA_LEN + 1, 0), -EINVAL);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(0, 1), 0xfffffff0u, 0x20), -EINVAL);
    assert_int_equal(copy(grantee, SYS_SAFECOPYTO, GRANT_ID(0, 1), 14, 2), -EINVAL);
    assert_nothing_copied();
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(0, 1), DATA_LEN, 0), OK);   /* the edge */
}

static void read_only_grant_cannot_be_written(void **state)
{
    (void)state;
    make_grant(1, grantee->endpoint, GRANT_READ, 1);
    memcpy(h_mem(grantee, BUF_VA), "XXXX", 4);
    assert_int_equal(copy(grantee, SYS_SAFECOPYTO, GRANT_ID(1, 1), 0, 4), -EACCES);
    assert_memory_equal(h_mem(granter, DATA_VA), DATA, DATA_LEN);
}

static void write_only_grant_cannot_be_read(void **state)
{
    (void)state;
    make_grant(1, grantee->endpoint, GRANT_WRITE, 1);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(1, 1), 0, 4), -EACCES);
    assert_nothing_copied();
}

static void wrong_grantee_is_refused(void **state)
{
    (void)state;
    make_grant(3, grantee->endpoint, GRANT_READ, 9);
    assert_int_equal(copy(stranger, SYS_SAFECOPYFROM, GRANT_ID(3, 9), 0, 4), -ENOGRANT);
    assert_int_equal(*h_mem(stranger, BUF_VA), 0);
}

static void grant_to_any_serves_everyone(void **state)
{
    (void)state;
    make_grant(3, ANY, GRANT_READ, 9);
    assert_int_equal(copy(stranger, SYS_SAFECOPYFROM, GRANT_ID(3, 9), 0, 4), OK);
    assert_memory_equal(h_mem(stranger, BUF_VA), "gran", 4);
}

static void invalid_grant_ids_are_refused(void **state)
{
    (void)state;
    make_grant(3, grantee->endpoint, GRANT_READ, 9);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(3, 8), 0, 4), -ENOGRANT);   /* expired */
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(SLOTS, 9), 0, 4), -ENOGRANT);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(2, 9), 0, 4), -ENOGRANT);   /* empty */
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, -5, 0, 4), -ENOGRANT);
    assert_nothing_copied();
}

static void revoked_grant_is_refused(void **state)
{
    (void)state;
    make_grant(4, grantee->endpoint, GRANT_READ, 2);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(4, 2), 0, 4), OK);
    table()[4].flags = 0;   /* the granter revokes it in its own memory */
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(4, 2), 4, 4), -ENOGRANT);
    assert_memory_equal(h_mem(grantee, BUF_VA), "gran\0", 5);
}

static void dropping_the_table_revokes_everything(void **state)
{
    (void)state;
    make_grant(4, grantee->endpoint, GRANT_READ, 2);
    assert_int_equal(set_table(0, 0), OK);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(4, 2), 0, 4), -ENOGRANT);
    assert_nothing_copied();
}

static void table_must_be_readable(void **state)
{
    (void)state;
    assert_int_equal(set_table(FAKE_USER_VA + FAKE_USER_SIZE - 20, 2), -EFAULT);   /* runs off */
    assert_int_equal(set_table(TABLE_VA, 0x10001), -EINVAL);
    assert_int_equal(granter->grant_count, 0);
}

static void restarted_grantee_loses_the_grant(void **state)
{
    (void)state;
    make_grant(0, grantee->endpoint, GRANT_READ, 1);
    int slot = grantee->slot;
    assert_int_equal(proc_kill(grantee, "test"), OK);
    struct proc *reborn = h_spawn_in_slot(slot);
    h_allow_call(reborn, SYS_SAFECOPYFROM);
    assert_int_equal(copy(reborn, SYS_SAFECOPYFROM, GRANT_ID(0, 1), 0, 4), -ENOGRANT);
}

static void dead_granter_is_dead(void **state)
{
    (void)state;
    make_grant(0, grantee->endpoint, GRANT_READ, 1);
    endpoint_t old = granter->endpoint;
    assert_int_equal(proc_kill(granter, "test"), OK);
    message m = { .m_type = SYS_SAFECOPYFROM };
    m.m.safecopy = (struct kc_safecopy){ old, GRANT_ID(0, 1), 0, BUF_VA, 4 };
    assert_int_equal(h_kcall(grantee, &m), -EDEADSRCDST);
}

static void bad_addresses_fault(void **state)
{
    (void)state;
    table()[5] = (struct grant){ GRANT_VALID | GRANT_READ, grantee->endpoint, 0x80100000u, 64, 1, NONE, -1, 0 };
    make_grant(6, grantee->endpoint, GRANT_READ | GRANT_WRITE, 1);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(5, 1), 0, 4), -EFAULT);   /* granter's */
    message m = { .m_type = SYS_SAFECOPYFROM };
    m.m.safecopy = (struct kc_safecopy){ granter->endpoint, GRANT_ID(6, 1), 0, FAKE_RO_VA, 4 };
    assert_int_equal(h_kcall(grantee, &m), -EFAULT);   /* the grantee's buffer is read-only */
    assert_int_equal(*h_mem(grantee, FAKE_RO_VA), 0);
}

/* The grantee passes part of its grant on to the stranger, as VFS does to a file server. */
static int copy_indirect(struct proc *who, int call, struct proc *middle, grant_id_t g,
                         uint32_t offset, uint32_t len)
{
    message m = { .m_type = call };
    m.m.safecopy = (struct kc_safecopy){ middle->endpoint, g, offset, BUF_VA, len };
    return h_kcall(who, &m);
}

static void pass_on(struct proc *middle, struct proc *to, uint32_t access, vir_bytes offset,
                    vir_bytes len, grant_id_t inner)
{
    struct grant *t = (struct grant *)h_mem(middle, TABLE_VA);
    t[0] = (struct grant){ GRANT_VALID | GRANT_INDIRECT | access, to->endpoint, offset, len, 1,
                           granter->endpoint, inner, 0 };
    message m = { .m_type = SYS_SETGRANT };
    m.m.setgrant = (struct kc_setgrant){ TABLE_VA, SLOTS };
    assert_int_equal(h_kcall(middle, &m), OK);
}

static void indirect_grant_passes_on_a_window(void **state)
{
    (void)state;
    make_grant(2, grantee->endpoint, GRANT_READ | GRANT_WRITE, 5);
    pass_on(grantee, stranger, GRANT_READ, 8, 5, GRANT_ID(2, 5));
    assert_int_equal(copy_indirect(stranger, SYS_SAFECOPYFROM, grantee, GRANT_ID(0, 1), 0, 5), OK);
    assert_memory_equal(h_mem(stranger, BUF_VA), "bytes", 5);
    /* Not beyond the window, not in a direction either grant lacks, not for anyone else. */
    assert_int_equal(copy_indirect(stranger, SYS_SAFECOPYFROM, grantee, GRANT_ID(0, 1), 1, 5), -EINVAL);
    assert_int_equal(copy_indirect(stranger, SYS_SAFECOPYTO, grantee, GRANT_ID(0, 1), 0, 5), -EACCES);
    assert_int_equal(copy_indirect(granter, SYS_SAFECOPYFROM, grantee, GRANT_ID(0, 1), 0, 5), -ENOGRANT);
    /* Revoking the inner grant ends the indirect one. */
    table()[2].flags = 0;
    assert_int_equal(copy_indirect(stranger, SYS_SAFECOPYFROM, grantee, GRANT_ID(0, 1), 0, 5), -ENOGRANT);
    assert_memory_equal(h_mem(granter, DATA_VA), DATA, DATA_LEN);
}

/* The granter learns how much went through each grant it made, and only what really went. */
static void copies_are_counted_in_the_grant(void **state)
{
    (void)state;
    make_grant(2, grantee->endpoint, GRANT_READ | GRANT_WRITE, 5);
    assert_int_equal(table()[2].moved, 0);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(2, 5), 0, 5), OK);
    assert_int_equal(copy(grantee, SYS_SAFECOPYTO, GRANT_ID(2, 5), 5, 3), OK);
    assert_int_equal(table()[2].moved, 8);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(2, 5), 10, 10), -EINVAL);
    assert_int_equal(copy(stranger, SYS_SAFECOPYFROM, GRANT_ID(2, 5), 0, 5), -ENOGRANT);
    assert_int_equal(table()[2].moved, 8);
    /* An indirect grant counts in the table of whoever passed it on. */
    pass_on(grantee, stranger, GRANT_READ, 8, 5, GRANT_ID(2, 5));
    assert_int_equal(copy_indirect(stranger, SYS_SAFECOPYFROM, grantee, GRANT_ID(0, 1), 0, 4), OK);
    assert_int_equal(((struct grant *)h_mem(grantee, TABLE_VA))[0].moved, 4);
    assert_int_equal(table()[2].moved, 8);
}

static void indirect_grant_cannot_widen_or_steal(void **state)
{
    (void)state;
    make_grant(2, grantee->endpoint, GRANT_READ, 5);
    /* A window past the end of the inner grant is refused. */
    pass_on(grantee, stranger, GRANT_READ, 8, 64, GRANT_ID(2, 5));
    assert_int_equal(copy_indirect(stranger, SYS_SAFECOPYFROM, grantee, GRANT_ID(0, 1), 0, 1), -ENOGRANT);
    /* A write through a read-only inner grant is refused. */
    pass_on(grantee, stranger, GRANT_READ | GRANT_WRITE, 0, 4, GRANT_ID(2, 5));
    memcpy(h_mem(stranger, BUF_VA), "XXXX", 4);
    assert_int_equal(copy_indirect(stranger, SYS_SAFECOPYTO, grantee, GRANT_ID(0, 1), 0, 4), -EACCES);
    /* Passing on a grant made for someone else gives nothing. */
    pass_on(stranger, grantee, GRANT_READ, 0, 4, GRANT_ID(2, 5));
    assert_int_equal(copy_indirect(grantee, SYS_SAFECOPYFROM, stranger, GRANT_ID(0, 1), 0, 4), -ENOGRANT);
    assert_memory_equal(h_mem(granter, DATA_VA), DATA, DATA_LEN);
}

/* Refused copies are logged, five a second at most; the next second tells how many were not. */
static void refusals_are_logged_at_a_limited_rate(void **state)
{
    (void)state;
    make_grant(0, grantee->endpoint, GRANT_READ, 1);
    for (int i = 0; i < 8; i++)
        assert_int_equal(copy(stranger, SYS_SAFECOPYFROM, GRANT_ID(0, 1), 0, 4), -ENOGRANT);
    assert_non_null(strstr(fake_console, "kernel: refused copy by stranger through grant 0x10000 "
                                         "of granter"));
    int lines = 0;
    for (const char *s = fake_console; (s = strstr(s, "refused copy")) != NULL; s++)
        lines++;
    assert_int_equal(lines, 5);
    for (int t = 0; t < HZ; t++)
        clock_tick();
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(0, 1), DATA_LEN, 1), -EINVAL);
    assert_non_null(strstr(fake_console, "kernel: 3 more refusals not shown"));
    assert_non_null(strstr(fake_console, "outside the granted range"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(valid_grant_copies_both_ways, setup),
        cmocka_unit_test_setup(copy_at_an_offset_reads_the_middle, setup),
        cmocka_unit_test_setup(outside_the_range_is_invalid, setup),
        cmocka_unit_test_setup(read_only_grant_cannot_be_written, setup),
        cmocka_unit_test_setup(write_only_grant_cannot_be_read, setup),
        cmocka_unit_test_setup(wrong_grantee_is_refused, setup),
        cmocka_unit_test_setup(grant_to_any_serves_everyone, setup),
        cmocka_unit_test_setup(invalid_grant_ids_are_refused, setup),
        cmocka_unit_test_setup(revoked_grant_is_refused, setup),
        cmocka_unit_test_setup(dropping_the_table_revokes_everything, setup),
        cmocka_unit_test_setup(table_must_be_readable, setup),
        cmocka_unit_test_setup(restarted_grantee_loses_the_grant, setup),
        cmocka_unit_test_setup(dead_granter_is_dead, setup),
        cmocka_unit_test_setup(bad_addresses_fault, setup),
        cmocka_unit_test_setup(indirect_grant_passes_on_a_window, setup),
        cmocka_unit_test_setup(indirect_grant_cannot_widen_or_steal, setup),
        cmocka_unit_test_setup(refusals_are_logged_at_a_limited_rate, setup),
        cmocka_unit_test_setup(copies_are_counted_in_the_grant, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
