"""The tty driver on every board and boot method: a program writes a prompt through it and
reads a line typed on the serial console, with the line discipline's editing (a typo erased
with DEL) applied and the input echoed; and ^C, which fails the read and sends SIGINT to
the reader's process group."""
import re
import time

from conftest import Console


def type_at_prompt(board_method, name, keys, until):
    """Boots the system image, types keys once ttytest prompts, reads until `until`."""
    board, method = board_method
    console = Console(board, "jobs", method, name=f"{name}-{method}")
    try:
        console.wait_for(r"ttytest: type a line\n", timeout=60)
        time.sleep(0.3)
        console.child.send(keys)
        return console.wait_for(until, timeout=20)
    finally:
        console.close()


def test_console_line(board_method):
    text = type_at_prompt(board_method, "tty", "hellp\x7fo phoenix\r",
                          r'ttytest: wrote \d+, got "[^"]*" \(\d+\)\n')
    assert re.search(r"tty: console on \S+ \S+, interrupt \d+", text)
    assert 'ttytest: wrote 21, got "hello phoenix" (13)' in text
    assert "hello phoenix" in text.split("ttytest: type a line")[1]   # echoed


def test_control_c_interrupts_the_reader(board_method):
    text = type_at_prompt(board_method, "tty-intr", "abc\x03", r"rs: ttytest \(endpoint \d+\) ended: .*\n")
    assert "abc^C" in text
    assert re.search(r"rs: ttytest \(endpoint \d+\) ended: signal 2 at \d+ ms\n", text)   # SIGINT
