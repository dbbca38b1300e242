/* The block-driver layer on the host, over a fake device and fake kernel calls: request
 * checks, chunks through the unit's buffer, the queue, device errors, bad grants, timeouts
 * (a late alarm, a lost interrupt, a dead device), the device's view of a chunk checked
 * before its data moves, and DIOCGETSIZE. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "blockdev.h"

#define CALLER_A 1030
#define CALLER_B 1031
#define BUF_SECTORS 4
#define DISK_SECTORS 100
#define RO_SECTORS 50

/* ---- fake kernel calls and driver framework ---- */

struct fake_grant { uint8_t *mem; uint32_t size; uint32_t access; };
static struct fake_grant grants[8];
static uint64_t now_ticks;
static uint32_t alarm_ticks;
static struct { endpoint_t caller; int status; } replies[32];
static int nr_replies;
static const struct driver *framework;
static jmp_buf started;

static int grant_check(grant_id_t g, vir_bytes off, size_t len, uint32_t access)
{
    if (g < 0 || g >= 8 || !grants[g].mem)
        return -ENOGRANT;
    if (!(grants[g].access & access))
        return -EACCES;
    return off + len <= grants[g].size ? OK : -EFAULT;
}

int sys_safecopyfrom(endpoint_t granter, grant_id_t g, vir_bytes off, void *addr, size_t len)
{
    (void)granter;
    int r = grant_check(g, off, len, GRANT_READ);
    if (r == OK)
        memcpy(addr, grants[g].mem + off, len);
    return r;
}

int sys_safecopyto(endpoint_t granter, grant_id_t g, vir_bytes off, const void *addr, size_t len)
{
    (void)granter;
    int r = grant_check(g, off, len, GRANT_WRITE);
    if (r == OK)
        memcpy(grants[g].mem + off, addr, len);
    return r;
}

int sys_times(endpoint_t who, struct kc_times *out)
{
    (void)who;
    memset(out, 0, sizeof *out);
    out->hz = 100;
    out->uptime = now_ticks;
    return OK;
}

int sys_setalarm(uint32_t ticks)
{
    alarm_ticks = ticks;
    return OK;
}

void log_printf(const char *fmt, ...)
{
    (void)fmt;
}

/* The request being dispatched: the tests call the callbacks as the framework would. */
static struct dev_req current_req;

const struct dev_req *driver_current(void)
{
    return &current_req;
}

void driver_reply(const struct dev_req *req, int status)
{
    if (nr_replies == 32)
        fail_msg("too many replies");
    replies[nr_replies].caller = req->caller;
    replies[nr_replies++].status = status;
}

static jmp_buf exited;
static int exit_status = -1;

_Noreturn void sys_exit(int status)
{
    exit_status = status;
    longjmp(exited, 1);
}

_Noreturn void driver_task(const struct driver *d, int argc, char **argv)
{
    (void)argc, (void)argv;
    framework = d;
    longjmp(started, 1);
}

/* ---- the fake device: a disk image, chunks started and finished by the tests ---- */

static uint8_t disk[DISK_SECTORS * BLOCK_SECTOR];
static uint8_t unit_buf[2][BUF_SECTORS * BLOCK_SECTOR];
static struct { int calls; unsigned unit; int write; uint64_t sector; uint32_t bytes; } started_chunk;
static int start_result, timeouts, timeout_finds_it_done;
static int device_sector_off;   /* the device holds a sector this far from what it was told */
static int start_skips_check;   /* a driver whose check a flipped bit jumps over */
int fi_misdirecting;            /* lib/sys/fi.c's, for FI_MISDIRECT */

static int fake_init(int argc, char **argv)
{
    (void)argc, (void)argv;
    return OK;
}

static int fake_start(unsigned unit, int write, uint64_t sector, uint32_t bytes)
{
    started_chunk.calls++;
    started_chunk.unit = unit;
    started_chunk.write = write;
    started_chunk.sector = sector;
    started_chunk.bytes = bytes;
    if (start_result == OK && !start_skips_check) {
        struct blockdev_told told = { write, sector + device_sector_off, bytes };
        blockdev_check(&told);
    }
    return start_result;
}

/* The device does the chunk it was given (unit 0 only has an image). */
static void device_finishes(int status)
{
    uint8_t *at = disk + started_chunk.sector * BLOCK_SECTOR;
    if (status == OK && started_chunk.write)
        memcpy(at, unit_buf[started_chunk.unit], started_chunk.bytes);
    else if (status == OK)
        memcpy(unit_buf[started_chunk.unit], at, started_chunk.bytes);
    blockdev_done(status);
}

static void fake_timeout(unsigned unit)
{
    (void)unit;
    timeouts++;
    if (timeout_finds_it_done)
        device_finishes(OK);
}

static const struct blockdev_ops fake_ops = {
    .name = "fake", .init = fake_init, .start = fake_start, .timeout = fake_timeout,
};

/* ---- helpers ---- */

static grant_id_t make_grant(uint8_t *mem, uint32_t size, uint32_t access)
{
    for (grant_id_t g = 0; g < 8; g++) {
        if (!grants[g].mem) {
            grants[g] = (struct fake_grant){ mem, size, access };
            return g;
        }
    }
    return -1;
}

static int transfer(unsigned minor, int write, uint64_t pos, endpoint_t caller, grant_id_t g,
                    uint32_t count)
{
    current_req = (struct dev_req){ caller, 0, 0 };
    return framework->transfer(minor, write, pos, caller, g, count);
}

static int group_setup(void **state)
{
    (void)state;
    assert_int_equal(blockdev_unit(DISK_SECTORS, 0, unit_buf[0], sizeof unit_buf[0]), 0);
    assert_int_equal(blockdev_unit(RO_SECTORS, 1, unit_buf[1], sizeof unit_buf[1]), 1);
    if (setjmp(started) == 0)
        blockdev_task(&fake_ops, 0, NULL);
    assert_int_equal(framework->init(0, NULL), OK);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    memset(grants, 0, sizeof grants);
    memset(&started_chunk, 0, sizeof started_chunk);
    nr_replies = 0;
    start_result = OK;
    timeouts = 0;
    timeout_finds_it_done = 0;
    device_sector_off = 0;
    start_skips_check = 0;
    fi_misdirecting = 0;
    for (unsigned i = 0; i < sizeof disk; i++)
        disk[i] = (uint8_t)(i * 7 / BLOCK_SECTOR + i);
    return 0;
}

/* ---- tests ---- */

static void test_units_are_checked(void **state)
{
    (void)state;
    assert_int_equal(blockdev_unit(10, 0, unit_buf[0], 100), -EINVAL);
    assert_int_equal(framework->open(0, DEV_ACCESS_READ | DEV_ACCESS_WRITE), OK);
    assert_int_equal(framework->open(1, DEV_ACCESS_READ), OK);
    assert_int_equal(framework->open(1, DEV_ACCESS_WRITE), -EROFS);
    assert_int_equal(framework->open(2, DEV_ACCESS_READ), -ENXIO);
}

static void test_bad_requests_are_answered_at_once(void **state)
{
    (void)state;
    uint8_t mem[BLOCK_SECTOR];
    grant_id_t g = make_grant(mem, sizeof mem, GRANT_READ | GRANT_WRITE);
    assert_int_equal(transfer(0, 0, 100, CALLER_A, g, BLOCK_SECTOR), -EINVAL);
    assert_int_equal(transfer(0, 0, 0, CALLER_A, g, 100), -EINVAL);
    assert_int_equal(transfer(5, 0, 0, CALLER_A, g, BLOCK_SECTOR), -ENXIO);
    assert_int_equal(transfer(1, 1, 0, CALLER_A, g, BLOCK_SECTOR), -EROFS);
    assert_int_equal(transfer(0, 0, DISK_SECTORS * BLOCK_SECTOR, CALLER_A, g, BLOCK_SECTOR), 0);
    assert_int_equal(transfer(0, 0, 1ull << 40, CALLER_A, g, BLOCK_SECTOR), 0);
    assert_int_equal(transfer(0, 0, 0, CALLER_A, g, 0), 0);
    assert_int_equal(started_chunk.calls, 0);
}

static void test_a_read_moves_in_chunks(void **state)
{
    (void)state;
    uint8_t mem[10 * BLOCK_SECTOR];
    grant_id_t g = make_grant(mem, sizeof mem, GRANT_WRITE);
    assert_int_equal(transfer(0, 0, 20 * BLOCK_SECTOR, CALLER_A, g, sizeof mem), DRIVER_SUSPEND);
    uint32_t sizes[3] = { 4, 4, 2 };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(started_chunk.calls, i + 1);
        assert_int_equal(started_chunk.sector, 20 + 4 * i);
        assert_int_equal(started_chunk.bytes, sizes[i] * BLOCK_SECTOR);
        assert_int_equal(alarm_ticks, BLOCK_TIMEOUT_MS / 10);
        assert_int_equal(nr_replies, 0);
        device_finishes(OK);
    }
    assert_int_equal(nr_replies, 1);
    assert_int_equal(replies[0].caller, CALLER_A);
    assert_int_equal(replies[0].status, (int)sizeof mem);
    assert_memory_equal(mem, disk + 20 * BLOCK_SECTOR, sizeof mem);
    assert_int_equal(alarm_ticks, 0);
}

static void test_a_write_reaches_the_disk(void **state)
{
    (void)state;
    uint8_t mem[6 * BLOCK_SECTOR];
    for (unsigned i = 0; i < sizeof mem; i++)
        mem[i] = (uint8_t)(i * 13 + 5);
    grant_id_t g = make_grant(mem, sizeof mem, GRANT_READ);
    assert_int_equal(transfer(0, 1, 50 * BLOCK_SECTOR, CALLER_A, g, sizeof mem), DRIVER_SUSPEND);
    assert_true(started_chunk.write);
    device_finishes(OK);
    device_finishes(OK);
    assert_int_equal(nr_replies, 1);
    assert_int_equal(replies[0].status, (int)sizeof mem);
    assert_memory_equal(disk + 50 * BLOCK_SECTOR, mem, sizeof mem);
}

static void test_a_request_across_the_end_is_cut(void **state)
{
    (void)state;
    uint8_t mem[4 * BLOCK_SECTOR];
    grant_id_t g = make_grant(mem, sizeof mem, GRANT_WRITE);
    assert_int_equal(transfer(0, 0, (DISK_SECTORS - 1) * BLOCK_SECTOR, CALLER_A, g, sizeof mem),
                     DRIVER_SUSPEND);
    assert_int_equal(started_chunk.bytes, BLOCK_SECTOR);
    device_finishes(OK);
    assert_int_equal(replies[0].status, BLOCK_SECTOR);
}

static void test_requests_wait_their_turn(void **state)
{
    (void)state;
    uint8_t a[BLOCK_SECTOR], b[BLOCK_SECTOR];
    grant_id_t ga = make_grant(a, sizeof a, GRANT_WRITE), gb = make_grant(b, sizeof b, GRANT_WRITE);
    assert_int_equal(transfer(0, 0, 0, CALLER_A, ga, BLOCK_SECTOR), DRIVER_SUSPEND);
    assert_int_equal(transfer(0, 0, 7 * BLOCK_SECTOR, CALLER_B, gb, BLOCK_SECTOR), DRIVER_SUSPEND);
    assert_int_equal(started_chunk.calls, 1);
    device_finishes(OK);
    assert_int_equal(started_chunk.calls, 2);
    assert_int_equal(started_chunk.sector, 7);
    device_finishes(OK);
    assert_int_equal(nr_replies, 2);
    assert_int_equal(replies[0].caller, CALLER_A);
    assert_int_equal(replies[1].caller, CALLER_B);
    assert_memory_equal(b, disk + 7 * BLOCK_SECTOR, BLOCK_SECTOR);
}

static void test_a_full_queue_gives_ebusy(void **state)
{
    (void)state;
    uint8_t mem[BLOCK_SECTOR];
    grant_id_t g = make_grant(mem, sizeof mem, GRANT_WRITE);
    int r = OK, n = 0;
    while (n < 100 && (r = transfer(0, 0, 0, CALLER_A, g, BLOCK_SECTOR)) == DRIVER_SUSPEND)
        n++;
    assert_int_equal(r, -EBUSY);
    assert_true(n > 1);
    for (int i = 0; i < n; i++)
        device_finishes(OK);
    assert_int_equal(nr_replies, n);
    assert_int_equal(started_chunk.calls, n);
}

static void test_device_errors_end_the_request_only(void **state)
{
    (void)state;
    uint8_t mem[8 * BLOCK_SECTOR];
    grant_id_t g = make_grant(mem, sizeof mem, GRANT_WRITE);
    transfer(0, 0, 0, CALLER_A, g, sizeof mem);
    transfer(0, 0, 0, CALLER_B, g, BLOCK_SECTOR);
    device_finishes(OK);
    device_finishes(-EIO);
    assert_int_equal(nr_replies, 1);
    assert_int_equal(replies[0].status, -EIO);
    start_result = -EIO;   /* the next one cannot even start */
    transfer(0, 0, 0, CALLER_A, g, BLOCK_SECTOR);
    device_finishes(OK);
    assert_int_equal(nr_replies, 3);
    assert_int_equal(replies[1].caller, CALLER_B);
    assert_int_equal(replies[1].status, BLOCK_SECTOR);
    assert_int_equal(replies[2].status, -EIO);
}

/* A device (or a driver broken by a bit flip) that says a read is done but left a sector of
 * the buffer as it was must not hand the caller the buffer's old contents. */
static void test_a_read_that_leaves_sectors_unwritten_fails(void **state)
{
    (void)state;
    uint8_t mem[2 * BLOCK_SECTOR];
    memset(disk, 0, 4 * BLOCK_SECTOR);          /* zeroed sectors are read as they are */
    grant_id_t g = make_grant(mem, sizeof mem, GRANT_WRITE);
    transfer(0, 0, 0, CALLER_A, g, sizeof mem);
    device_finishes(OK);
    assert_int_equal(replies[0].status, (int)sizeof mem);
    transfer(0, 0, 0, CALLER_A, g, sizeof mem);
    memcpy(unit_buf[0], disk, BLOCK_SECTOR);    /* the second sector never arrives */
    memset(mem, 0x5a, sizeof mem);
    blockdev_done(OK);
    assert_int_equal(nr_replies, 2);
    assert_int_equal(replies[1].status, -EIO);
    assert_int_equal(mem[BLOCK_SECTOR], 0x5a);  /* nothing was copied to the caller */
}

static void test_bad_grants_fail_the_request(void **state)
{
    (void)state;
    uint8_t mem[BLOCK_SECTOR];
    grant_id_t ro = make_grant(mem, sizeof mem, GRANT_READ);
    assert_int_equal(transfer(0, 0, 0, CALLER_A, ro, BLOCK_SECTOR), DRIVER_SUSPEND);
    device_finishes(OK);
    assert_int_equal(replies[0].status, -EACCES);
    assert_int_equal(transfer(0, 1, 0, CALLER_A, 7, BLOCK_SECTOR), DRIVER_SUSPEND);
    assert_int_equal(replies[1].status, -ENOGRANT);
    assert_int_equal(started_chunk.calls, 1);   /* a write's data never reached the device */
}

static void test_a_late_alarm_is_put_off(void **state)
{
    (void)state;
    uint8_t mem[BLOCK_SECTOR];
    grant_id_t g = make_grant(mem, sizeof mem, GRANT_WRITE);
    now_ticks = 1000;
    transfer(0, 0, 0, CALLER_A, g, BLOCK_SECTOR);
    now_ticks = 1000 + BLOCK_TIMEOUT_MS / 10 - 40;   /* an earlier chunk's alarm */
    framework->alarm();
    assert_int_equal(timeouts, 0);
    assert_int_equal(alarm_ticks, 40);
    device_finishes(OK);
    assert_int_equal(nr_replies, 1);
    framework->alarm();   /* nothing on the device: nothing to do */
    assert_int_equal(timeouts, 0);
}

static void test_a_lost_interrupt_is_found(void **state)
{
    (void)state;
    uint8_t mem[2 * BLOCK_SECTOR];
    grant_id_t g = make_grant(mem, sizeof mem, GRANT_WRITE);
    now_ticks = 5000;
    transfer(0, 0, 0, CALLER_A, g, sizeof mem);
    now_ticks += BLOCK_TIMEOUT_MS / 10;
    timeout_finds_it_done = 1;
    framework->alarm();
    assert_int_equal(timeouts, 1);
    assert_int_equal(nr_replies, 1);
    assert_int_equal(replies[0].status, (int)sizeof mem);
}

/* A fresh instance: nothing has worked for it yet. */
static void restart_layer(void)
{
    if (setjmp(started) == 0)
        blockdev_task(&fake_ops, 0, NULL);
}

/* A fresh instance with a request of 8 sectors from CALLER_A on the device. */
static grant_id_t fresh_layer_with_a_request(uint8_t *mem)
{
    restart_layer();
    grant_id_t g = make_grant(mem, 8 * BLOCK_SECTOR, GRANT_WRITE);
    transfer(0, 0, 0, CALLER_A, g, 8 * BLOCK_SECTOR);
    return g;
}

static void chunk_times_out(void)
{
    now_ticks += BLOCK_TIMEOUT_MS / 10 + 1;
    framework->alarm();
}

static void test_a_dead_device_fails_the_request(void **state)
{
    (void)state;
    uint8_t mem[8 * BLOCK_SECTOR];
    grant_id_t g = fresh_layer_with_a_request(mem);
    transfer(0, 0, 0, CALLER_B, g, BLOCK_SECTOR);
    for (int i = 1; i < BLOCK_TRIES; i++) {     /* tried again after each reset */
        chunk_times_out();
        assert_int_equal(timeouts, i);
        assert_int_equal(nr_replies, 0);
        assert_int_equal(started_chunk.calls, 1 + i);
    }
    chunk_times_out();
    assert_int_equal(timeouts, BLOCK_TRIES);
    assert_int_equal(nr_replies, 1);
    assert_int_equal(replies[0].status, -EIO);
    assert_int_equal(started_chunk.calls, 1 + BLOCK_TRIES);   /* the next request went on */
    device_finishes(OK);
    assert_int_equal(replies[1].status, BLOCK_SECTOR);
    blockdev_done(OK);                          /* a stray completion changes nothing */
    assert_int_equal(nr_replies, 2);
}

static void test_a_device_that_stops_working_ends_the_driver(void **state)
{
    (void)state;
    uint8_t mem[8 * BLOCK_SECTOR];
    fresh_layer_with_a_request(mem);
    device_finishes(OK);                        /* the first chunk works */
    exit_status = -1;
    if (setjmp(exited) == 0)
        for (int i = 0; i < BLOCK_TRIES; i++)
            chunk_times_out();
    assert_int_equal(exit_status, 1);           /* for RS to start a fresh copy */
    assert_int_equal(timeouts, BLOCK_TRIES);
    assert_int_equal(nr_replies, 0);            /* the caller asks the new one again */
    restart_layer();
}

/* A write the device was told to put elsewhere: the driver ends before the data moves. */
static void write_ends_the_driver_unmoved(void)
{
    uint8_t before[sizeof disk];
    memcpy(before, disk, sizeof disk);
    uint8_t mem[2 * BLOCK_SECTOR];
    memset(mem, 0x5a, sizeof mem);
    restart_layer();
    grant_id_t g = make_grant(mem, sizeof mem, GRANT_READ);
    exit_status = -1;
    if (setjmp(exited) == 0)
        transfer(0, 1, 20 * BLOCK_SECTOR, CALLER_A, g, sizeof mem);
    assert_int_equal(exit_status, 1);
    assert_int_equal(nr_replies, 0);            /* the caller asks the fresh copy */
    assert_memory_equal(disk, before, sizeof disk);
    restart_layer();
}

static void test_a_device_told_the_wrong_sector_ends_the_driver(void **state)
{
    (void)state;
    device_sector_off = 8;
    write_ends_the_driver_unmoved();
    device_sector_off = -1;
    write_ends_the_driver_unmoved();
}

static void test_a_misdirected_chunk_is_caught(void **state)
{
    (void)state;
    fi_misdirecting = 8;                        /* the sector start_chunk passes on is off */
    write_ends_the_driver_unmoved();
}

static void test_a_chunk_that_skipped_the_check_ends_the_driver(void **state)
{
    (void)state;
    uint8_t mem[8 * BLOCK_SECTOR];
    start_skips_check = 1;
    fresh_layer_with_a_request(mem);
    exit_status = -1;
    if (setjmp(exited) == 0)
        device_finishes(OK);
    assert_int_equal(exit_status, 1);
    assert_int_equal(nr_replies, 0);
    restart_layer();
}

static void test_a_checked_chunk_may_still_fail(void **state)
{
    (void)state;
    uint8_t mem[8 * BLOCK_SECTOR];
    fresh_layer_with_a_request(mem);
    device_finishes(-EIO);                      /* a medium error is the caller's to judge */
    assert_int_equal(nr_replies, 1);
    assert_int_equal(replies[0].status, -EIO);
}

static void test_the_size_ioctl(void **state)
{
    (void)state;
    uint64_t size = 0;
    grant_id_t g = make_grant((uint8_t *)&size, sizeof size, GRANT_WRITE);
    assert_int_equal(framework->ioctl(1, DIOCGETSIZE, CALLER_A, g), OK);
    assert_int_equal(size, (uint64_t)RO_SECTORS * BLOCK_SECTOR);
    assert_int_equal(framework->ioctl(0, 0x1234, CALLER_A, g), -ENOTTY);
    assert_int_equal(framework->ioctl(3, DIOCGETSIZE, CALLER_A, g), -ENXIO);
    assert_int_equal(framework->ioctl(0, DIOCGETSIZE, CALLER_A, 6), -ENOGRANT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_units_are_checked, setup),
        cmocka_unit_test_setup(test_bad_requests_are_answered_at_once, setup),
        cmocka_unit_test_setup(test_a_read_moves_in_chunks, setup),
        cmocka_unit_test_setup(test_a_write_reaches_the_disk, setup),
        cmocka_unit_test_setup(test_a_request_across_the_end_is_cut, setup),
        cmocka_unit_test_setup(test_requests_wait_their_turn, setup),
        cmocka_unit_test_setup(test_a_full_queue_gives_ebusy, setup),
        cmocka_unit_test_setup(test_device_errors_end_the_request_only, setup),
        cmocka_unit_test_setup(test_bad_grants_fail_the_request, setup),
        cmocka_unit_test_setup(test_a_read_that_leaves_sectors_unwritten_fails, setup),
        cmocka_unit_test_setup(test_a_late_alarm_is_put_off, setup),
        cmocka_unit_test_setup(test_a_lost_interrupt_is_found, setup),
        cmocka_unit_test_setup(test_a_dead_device_fails_the_request, setup),
        cmocka_unit_test_setup(test_a_device_that_stops_working_ends_the_driver, setup),
        cmocka_unit_test_setup(test_a_device_told_the_wrong_sector_ends_the_driver, setup),
        cmocka_unit_test_setup(test_a_misdirected_chunk_is_caught, setup),
        cmocka_unit_test_setup(test_a_chunk_that_skipped_the_check_ends_the_driver, setup),
        cmocka_unit_test_setup(test_a_checked_chunk_may_still_fail, setup),
        cmocka_unit_test_setup(test_the_size_ioctl, setup),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
