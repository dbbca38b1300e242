/* Grants: a copy goes through only inside the granted range, in the granted direction, for
 * the named grantee, while the grant is valid and its sequence number matches. */
#include "harness.h"
#include <os/grant.h>

#define TABLE_OFF 0x800    /* the granter's grant table, in its memory */
#define DATA_OFF  0x1000   /* the granted bytes */
#define BUF_OFF   0x2000   /* the grantee's buffer */

static struct proc *granter, *grantee, *stranger;

static int setup(void **state)
{
    (void)state;
    h_reset();
    granter = h_spawn("granter", 8);
    grantee = h_spawn("grantee", 8);
    stranger = h_spawn("stranger", 8);
    struct proc *all[] = { granter, grantee, stranger };
    for (int i = 0; i < 3; i++) {
        h_allow_calls(all[i], SYS_SETGRANT);
        h_allow_calls(all[i], SYS_SAFECOPYFROM);
        h_allow_calls(all[i], SYS_SAFECOPYTO);
    }
    memcpy(&fake_user_mem[granter->slot][DATA_OFF], "granted bytes!", 15);
    return 0;
}

static struct grant *table(void)
{
    return (struct grant *)&fake_user_mem[granter->slot][TABLE_OFF];
}

static void make_grant(int index, endpoint_t to, uint32_t access, uint32_t seq)
{
    table()[index] = (struct grant){ GRANT_VALID | access, to, FAKE_USER_VA + DATA_OFF, 15, seq };
    message m = { .m_type = SYS_SETGRANT };
    m.m.setgrant = (struct kc_setgrant){ FAKE_USER_VA + TABLE_OFF, 8 };
    assert_int_equal(h_kcall(granter, &m), OK);
}

static int copy(struct proc *who, int call, grant_id_t g, uint32_t offset, uint32_t len)
{
    message m = { .m_type = call };
    m.m.safecopy = (struct kc_safecopy){ granter->endpoint, g, offset, FAKE_USER_VA + BUF_OFF, len };
    return h_kcall(who, &m);
}

static void valid_grant_copies(void **state)
{
    (void)state;
    make_grant(2, grantee->endpoint, GRANT_READ | GRANT_WRITE, 5);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(2, 5), 0, 15), OK);
    assert_string_equal((char *)&fake_user_mem[grantee->slot][BUF_OFF], "granted bytes!");
    memcpy(&fake_user_mem[grantee->slot][BUF_OFF], "XY", 2);
    assert_int_equal(copy(grantee, SYS_SAFECOPYTO, GRANT_ID(2, 5), 8, 2), OK);
    assert_memory_equal(&fake_user_mem[granter->slot][DATA_OFF], "granted XYtes!", 15);
}

static void outside_the_range(void **state)
{
    (void)state;
    make_grant(0, grantee->endpoint, GRANT_READ, 1);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(0, 1), 10, 6), -EINVAL);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(0, 1), 16, 0), -EINVAL);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(0, 1), 0xfffffff0u, 0x20), -EINVAL);
    assert_int_equal(fake_user_mem[grantee->slot][BUF_OFF], 0);   /* nothing copied */
}

static void wrong_direction(void **state)
{
    (void)state;
    make_grant(1, grantee->endpoint, GRANT_READ, 1);
    assert_int_equal(copy(grantee, SYS_SAFECOPYTO, GRANT_ID(1, 1), 0, 4), -EACCES);
    assert_memory_equal(&fake_user_mem[granter->slot][DATA_OFF], "granted bytes!", 15);
}

static void wrong_grantee_id_or_sequence(void **state)
{
    (void)state;
    make_grant(3, grantee->endpoint, GRANT_READ, 9);
    assert_int_equal(copy(stranger, SYS_SAFECOPYFROM, GRANT_ID(3, 9), 0, 4), -ENOGRANT);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(3, 8), 0, 4), -ENOGRANT);   /* expired */
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(30, 9), 0, 4), -ENOGRANT);  /* past the table */
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, -5, 0, 4), -ENOGRANT);
}

static void revoked_grant(void **state)
{
    (void)state;
    make_grant(4, grantee->endpoint, GRANT_READ, 2);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(4, 2), 0, 4), OK);
    table()[4].flags = 0;   /* the granter revokes it in its own memory */
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(4, 2), 0, 4), -ENOGRANT);
}

static void bad_buffer_in_the_grant(void **state)
{
    (void)state;
    table()[5] = (struct grant){ GRANT_VALID | GRANT_READ, grantee->endpoint, 0x80100000u, 64, 1 };
    message m = { .m_type = SYS_SETGRANT };
    m.m.setgrant = (struct kc_setgrant){ FAKE_USER_VA + TABLE_OFF, 8 };
    h_kcall(granter, &m);
    assert_int_equal(copy(grantee, SYS_SAFECOPYFROM, GRANT_ID(5, 1), 0, 4), -EFAULT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(valid_grant_copies, setup),
        cmocka_unit_test_setup(outside_the_range, setup),
        cmocka_unit_test_setup(wrong_direction, setup),
        cmocka_unit_test_setup(wrong_grantee_id_or_sequence, setup),
        cmocka_unit_test_setup(revoked_grant, setup),
        cmocka_unit_test_setup(bad_buffer_in_the_grant, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
