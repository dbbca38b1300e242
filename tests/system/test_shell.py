"""The running system as a person uses it: the system image boots from its root disk to a
shell prompt on the console; commands, pipelines and files work; bad input gets the right
error; and the disk is clean for the host's e2fsck afterwards. On every board."""
import re

import pexpect

import pytest

from conftest import Console, qemu

PROMPT = r"# $"


class Shell:
    """The console of a booted system image, driven one command at a time."""

    def __init__(self, console):
        self.console = console
        self.mark = 0

    def run(self, command, timeout=60):
        """Types command; returns (its output, its exit status)."""
        self.mark += 1
        end = f"__END{self.mark}_"
        start = len(self.console.text)
        self.console.child.send(f"{command}; echo {end}$?__\r")
        pattern = re.escape(end) + r"(\d+)__\n"
        text = self.console.wait_for(pattern, timeout=timeout)
        out = text[start:]
        m = re.search(pattern, out)
        # The echoed command line comes first; the output follows it up to the marker.
        body = out[:m.start()]
        first_nl = body.find("\n")
        return body[first_nl + 1:] if first_nl >= 0 else "", int(m.group(1))


def booted_shell(board, name):
    """A module fixture's body: the system image booted to the prompt, closed after."""
    console = Console(board, "system", name=name)
    console.wait_for(r"phoenix: root file system mounted", PROMPT, timeout=90)
    yield Shell(console)
    console.close()


@pytest.fixture(scope="module")
def shell(board):
    yield from booted_shell(board, "shell")


def test_boots_to_a_shell_prompt(shell):
    out, status = shell.run("echo hello from the shell")
    assert status == 0 and "hello from the shell" in out


def test_pipeline_of_three_processes(shell):
    # motd is one line with "Welcome", rc two lines without: the filter keeps rc's.
    out, status = shell.run("cat /etc/motd /etc/motd /etc/rc | grep -v Welcome | wc -l")
    assert status == 0 and out.strip().split()[0] == "2"


def test_file_round_trip(shell):
    out, status = shell.run("echo first line > /tmp/f && echo second >> /tmp/f && cat /tmp/f")
    assert status == 0 and out.splitlines()[-2:] == ["first line", "second"]
    out, status = shell.run("mv /tmp/f /tmp/g && cat /tmp/g && rm /tmp/g && ls /tmp")
    assert status == 0 and "second" in out and "g" not in out.split()
    out, status = shell.run("cat /tmp/g")
    assert status != 0 and "No such file" in out


def test_redirections_and_status(shell):
    out, status = shell.run("ls /nonexistent 2> /tmp/err; cat /tmp/err; false || echo or-ran; true && echo and-ran")
    assert "nonexistent" in out and "or-ran" in out and "and-ran" in out
    out, status = shell.run("for i in 1 2 3; do echo n$i; done | wc -l")
    assert out.strip().split()[0] == "3"


def test_filetest_errors_and_tree(shell):
    for mode in ("errors", "tree"):
        out, status = shell.run(f"filetest {mode} /tmp")
        assert status == 0 and "filetest: done, 0 failures" in out, out


def test_big_file_checksum(shell):
    out, status = shell.run("filetest big /tmp/big 16", timeout=240)
    assert status == 0 and "filetest: done, 0 failures" in out, out


def test_full_disk_gives_enospc_and_corrupt_image_is_refused(shell):
    out, status = shell.run("cat /var/test/small.img > /dev/ram && mount /dev/ram /mnt && filetest fill /mnt; umount /mnt")
    assert "filetest: done, 0 failures" in out and "ENOSPC after" in out, out
    out, status = shell.run("cat /var/test/corrupt.img > /dev/ram && mount /dev/ram /mnt")
    assert status != 0, out
    out, status = shell.run("echo still here; service status ext2")
    assert "still here" in out
    assert re.search(r"ext2 +running .* restarts 0", out), out   # no server died of it


def type_after(shell, command, prompt, keys, done, timeout=30):
    """Runs command, waits for its prompt line, types keys; returns the console text."""
    start = len(shell.console.text)
    shell.console.child.send(command + "\r")
    shell.console.wait_for(prompt, timeout=timeout, since=start)
    shell.console.child.send(keys)
    shell.console.wait_for(done, timeout=timeout, since=start)
    return shell.console.text[start:]


def test_raw_mode_reads_keys_one_by_one(shell):
    out = type_after(shell, "termtest raw", r"type three keys\n", "abc",
                     r"termtest: done, \d+ failures")
    assert "termtest: keys 61 62 63" in out and "termtest: done, 0 failures" in out, out
    assert "abc" not in out.split("type three keys")[1].split("termtest: keys")[0], "raw mode echoed"
    out, status = shell.run("echo cooked again")
    assert "cooked again" in out


def test_select_on_pipes_and_the_terminal(shell):
    out = type_after(shell, "termtest select", r"type a line\n", "hello select\r",
                     r"termtest: done, \d+ failures")
    assert "termtest: line hello select" in out and "termtest: done, 0 failures" in out, out


def test_control_c_interrupts_the_foreground_command(shell):
    """^C reaches sleep (the terminal's foreground group) through the tty driver and PM; the
    interactive shell, like others, drops the rest of the line and prompts again."""
    start = len(shell.console.text)
    shell.console.child.send("sleep 30; echo not-reached\r")
    shell.console.wait_for(r"sleep 30; echo not-reached\n", timeout=10)
    shell.console.child.send("\x03")
    shell.console.wait_for(r"\^C\n(.*\n)*# $", timeout=10)
    out, status = shell.run("echo status-$?")
    assert "status-130" in out, out
    assert "not-reached\n" not in shell.console.text[start:].replace("echo not-reached\n", "")
    out, status = shell.run("echo the shell lives")
    assert "the shell lives" in out


ROOT_DRIVER = {"pc": "ata", "virt": "virtio_blk", "versatilepb": "sd", "orangepi-pc": "sd"}


def test_disk_driver_restart_under_a_big_file_is_invisible(shell, board):
    """RS restarts the root disk's driver while filetest writes and reads 16 MiB: the file
    server repeats the request on the new driver, and the program sees no error."""
    driver = ROOT_DRIVER[board]
    out, status = shell.run(f"filetest big /tmp/restart 16 > /tmp/out & sleep 0.2; "
                            f"service restart {driver}; wait; cat /tmp/out", timeout=240)
    assert "filetest: done, 0 failures" in out, out
    text = shell.console.text
    assert re.search(rf"ext2: driver {driver} is back as endpoint \d+; repeating the request", text)
    out, status = shell.run(f"service status {driver}")
    assert re.search(r"restarts [1-9]", out), out


def test_tty_restart_keeps_the_shell_and_its_settings(shell):
    """RS restarts the console's driver while the shell waits for a line in VFS: VFS makes the
    read again on the new driver, which takes its settings back from DS; the shell goes on."""
    start = len(shell.console.text)
    shell.console.child.send("(sleep 1; service restart tty) &\r")
    shell.console.wait_for(r"rs: restarting tty(.|\n)*tty: console on",
                           r"rs: restarting tty(.|\n)*vfs: tty is back as endpoint", timeout=30)
    text = shell.console.text[start:]
    assert "vfs: tty is back as endpoint" in text and "tty: settings taken back" in text, text
    out, status = shell.run("echo alive after the restart")
    assert status == 0 and "alive after the restart" in out
    out, status = shell.run("service status tty")
    assert re.search(r"restarts [1-9]", out), out


def test_every_boot_method_gives_a_shell_and_a_writable_root(board_method, console_factory):
    """The system image by each boot method but the first (the shell fixture's): a file
    written on the root file system, synced and read back, and the disk clean afterwards.
    On orangepi-pc this is the SD card's boot through the SPL and U-Boot, its root partition
    checked; power-off is not asked for, since after U-Boot it cannot end QEMU 7.2."""
    board, method = board_method
    if method == qemu.load_board(board)["boot_methods"][0]:
        pytest.skip(f"{method} is {board}'s first boot method: the shell fixture's")
    console = console_factory(board, "system", method, name=f"method-{method}")
    console.wait_for(r"phoenix: root file system mounted", PROMPT, timeout=120)
    shell = Shell(console)
    out, status = shell.run(f"echo booted by {method} > /var/method && sync && cat /var/method")
    assert status == 0 and out.splitlines()[-1] == f"booted by {method}", out
    clean, report = console.fsck()
    assert clean, report


# Last: it ends the QEMU the tests above share.
def test_disk_is_clean_after_the_run(shell):
    shell.run("sync")
    clean, report = shell.console.fsck()
    assert clean, report


def test_init_starts_a_new_shell_and_poweroff_ends_qemu(board, console_factory):
    """exit ends the shell and init starts another; poweroff writes the disk back and QEMU
    exits; the disk is clean."""
    console = console_factory(board, "system", name="poweroff")
    console.wait_for(r"phoenix: root file system mounted", r"# $", timeout=60)
    console.child.send("echo bye > /tmp/bye; exit\r")
    console.wait_for(r"init: the shell ended; starting another\n# $", timeout=30)
    console.child.send("cat /tmp/bye; poweroff\r")
    console.wait_for(r"\nbye\n", timeout=30)
    console.child.expect(pexpect.EOF, timeout=30)      # QEMU is gone by itself
    clean, report = console.fsck()
    assert clean, report


# The leak comes before the bit flip: it is measured on a clean copy (a crash brings one),
# while a flipped bit stays in the copy it hit and can spoil what that copy does later (a
# leak of 0 MiB when the bit fell in its mapping call).
FAULTS = ["panic", "null", "wild", "kernel", "loop", "leak", "bitflip", "badipc"]


def test_fault_injection_into_the_memory_driver(board, console_factory):
    """Each kind of fault `service fi` injects into the memory driver: RS notices a crash at
    once and a hang within a second, restarts it, and /dev/null and /dev/zero work after each;
    the faults that do not kill it (a bit flip, bad IPC) leave it serving."""
    console = console_factory(board, "system", name="fi-memory")
    console.wait_for(r"phoenix: root file system mounted", r"# $", timeout=60)
    shell = Shell(console)
    for kind in FAULTS:
        out, status = shell.run(f"service fi memory {kind}; sleep 1")
        assert status == 0, f"{kind}: {out}"
        # RS backs off longer after each restart: wait (at most 10 s) for /dev/null again.
        out, status = shell.run("n=0; until echo x 2>/dev/null > /dev/null; do sleep 0.2; n=$((n+1)); "
                                "[ $n -gt 50 ] && break; done; od -c /dev/zero | head -n 1", timeout=60)
        assert status == 0 and "0000000" in out, f"{kind}: {out}"
    text = console.text
    assert "kernel panic" not in text
    assert "did not answer its heartbeat" in text          # the loop
    assert len(re.findall(r"rs: running /etc/rs/memory for memory", text)) >= 5   # its policy
    # The leak ends at the driver's memory limit (16 MiB by default, its RAM disk is 2 MiB)
    # while VM still has plenty for everyone else.
    leaked = re.search(r"fi: leaked (\d+) MiB, then its memory ran out", text)
    assert leaked and int(leaked.group(1)) == 14, text[-2000:]


def inject_fault(shell, label, kind):
    """`service fi`, then waits until RS has handed the fault over: a service busy at the
    moment gets it with its next heartbeat answer, after the command has returned."""
    start = len(shell.console.text)
    out, status = shell.run(f"service fi {label} {kind}")
    assert status == 0, out
    shell.console.wait_for(rf"rs: injecting fault \d+ into {label} ", since=start, timeout=30)


def wait_serving(shell, label):
    out, status = shell.run(f"n=0; until service status {label} | grep -q running; do sleep 0.1; "
                            f"n=$((n+1)); [ $n -gt 100 ] && break; done; service status {label}")
    return out


def test_file_server_restart_keeps_the_system_running(board, console_factory):
    """RS restarts the root file system's server: VFS finds the new instance, mounts / on it
    again and repeats the request; the shell, its working directory and synced files stay."""
    console = console_factory(board, "system", name="ext2-restart")
    console.wait_for(r"phoenix: root file system mounted", r"# $", timeout=60)
    shell = Shell(console)
    out, status = shell.run("cd /tmp && echo kept > kept && sync")
    assert status == 0, out
    shell.run("service restart ext2")
    out, status = shell.run("pwd; cat kept; echo new > new; cat new; ls /etc")
    assert status == 0 and out.split()[:3] == ["/tmp", "kept", "new"], out
    assert re.search(r"vfs: ext2 is back as endpoint \d+; mount 0 again: OK", console.text)
    out, status = shell.run("sync; ls /bin | wc -l")
    assert status == 0 and int(out.split()[-1]) > 20, out
    console.child.send("poweroff\r")
    console.child.expect(pexpect.EOF, timeout=30)
    clean, report = console.fsck()
    assert clean, report


def test_recovery_scripts(board, console_factory):
    """The memory driver's policy says `recovery`: after a failure RS runs /etc/rs/memory with
    the label, the reason and the restart count, and the script restarts it. A script that
    exits 0 without a restart leaves the service down (failed) until `service up`; a script
    that fails (here: missing) has RS restart the service itself."""
    console = console_factory(board, "system", name="recovery")
    console.wait_for(r"phoenix: root file system mounted", r"# $", timeout=60)
    shell = Shell(console)
    inject_fault(shell, "memory", "panic")
    console.wait_for(r"service: restart memory: ok", timeout=30)
    assert "running" in wait_serving(shell, "memory")
    out, status = shell.run("cat /var/log/rs.log")
    assert re.search(r"memory ended \(signal-4\), restart 1", out), out
    assert "rs: running /etc/rs/memory for memory" in console.text
    assert "service: restart memory: ok" in console.text

    shell.run("cp /etc/rs/memory /tmp/memory.rs; echo 'echo giving up on $1; exit 0' > /etc/rs/memory")
    inject_fault(shell, "memory", "null")
    shell.run("sleep 1")
    out, status = shell.run("service status memory; echo x > /dev/null")
    assert "failed" in out and status != 0, out
    assert "giving up on memory" in console.text
    assert "rs: the recovery script of memory left it down" in console.text
    out, status = shell.run("service up memory")
    assert status == 0, out
    assert "running" in wait_serving(shell, "memory")

    shell.run("rm /etc/rs/memory")
    inject_fault(shell, "memory", "panic")
    console.wait_for(r"rs: the recovery script of memory failed \(status 0x\w+\); restarting memory",
                     timeout=30)
    assert "running" in wait_serving(shell, "memory")
    out, status = shell.run("mv /tmp/memory.rs /etc/rs/memory; od -c /dev/zero | head -n 1")
    assert status == 0 and "0000000" in out, out
    assert "kernel panic" not in console.text


def test_console_driver_faults_leave_the_shell_running(board, console_factory):
    """The tty driver hangs (found by the heartbeat) and then crashes while the shell uses the
    console; VFS waits for the new instance and the shell goes on, the same shell."""
    console = console_factory(board, "system", name="fi-tty")
    console.wait_for(r"phoenix: root file system mounted", r"# $", timeout=60)
    shell = Shell(console)
    out, status = shell.run("echo $$ > /tmp/shellpid")
    for kind in ("loop", "null"):
        out, status = shell.run(f"service fi tty {kind}; sleep 2; echo alive-after-{kind}", timeout=60)
        assert f"alive-after-{kind}" in out, out
    out, status = shell.run("echo $$ | cmp -s - /tmp/shellpid 2>/dev/null; cat /tmp/shellpid; echo $$")
    pids = out.split()
    assert len(pids) >= 2 and pids[-1] == pids[-2], out     # not a new shell from init
    assert "init: the shell ended" not in console.text
    assert len(re.findall(r"rs: restarting tty", console.text)) == 2


def files_survive_a_disk_fault(board, console_factory, kind, name):
    """Injects `kind` into the root disk's driver, then writes and reads back files; they
    must be right, an earlier file still there, and the disk clean after poweroff. Returns
    the console's text, for what the test expects in the log."""
    driver = ROOT_DRIVER[board]
    console = console_factory(board, "system", name=name)
    console.wait_for(r"phoenix: root file system mounted", r"# $", timeout=60)
    shell = Shell(console)
    out, status = shell.run(f"echo kept > /tmp/kept; sync; service fi {driver} {kind}; "
                            "sleep 1; filetest big /tmp/w 2; cat /tmp/kept", timeout=180)
    assert status == 0 and "done, 0 failures" in out and out.split()[-1] == "kept", out
    text = console.text
    console.child.send("poweroff\r")
    console.child.expect(pexpect.EOF, timeout=30)
    clean, report = console.fsck()
    assert clean, report
    return text


def test_a_disk_driver_that_lies_is_replaced(board, console_factory):
    """`lie`: the disk driver's copies say OK and move nothing, as a flipped bit in a copy's
    length can make them. The file server sees from the kernel's count on its grant that the
    sectors never moved, has RS replace the driver and repeats the request: files written and
    read back are right, and the disk is clean."""
    driver = ROOT_DRIVER[board]
    text = files_survive_a_disk_fault(board, console_factory, "lie", "fi-lie")
    assert "fi: from now on its copies move nothing" in text
    assert re.search(rf"ext2: driver {driver} said it moved \d+ bytes but moved 0; "
                     "asking RS to replace it", text), text[-3000:]
    assert re.search(rf"ext2: driver {driver} is back as endpoint \d+; repeating the request", text)


def test_a_disk_driver_that_misdirects_is_replaced(board, console_factory):
    """`misdirect`: every chunk the disk driver starts goes 8 sectors past where it belongs,
    as a flipped bit in its sector arithmetic can make it. The driver reads back what its
    device was told before any data moves, the block layer finds it is not the request's
    sector, and the driver ends; the file server repeats the request to a fresh copy. Files
    written and read back are right, and the disk is clean: nothing went to the wrong place."""
    driver = ROOT_DRIVER[board]
    text = files_survive_a_disk_fault(board, console_factory, "misdirect", "fi-misdirect")
    assert "fi: from now on its chunks go 8 sectors further on" in text
    assert re.search(rf"{driver}: the device was told to (read|write) \d+ bytes at sector \d+, "
                     r"but the request is to \1 \d+ at \d+; ending for a fresh copy", text), \
        text[-3000:]
    assert re.search(rf"rs: {driver} \(endpoint \d+\) ended", text)
