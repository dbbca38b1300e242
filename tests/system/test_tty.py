"""The tty driver on every board and boot method: a program writes a prompt through it and
reads a line typed on the serial console, with the line discipline's editing (a typo erased
with DEL) applied and the input echoed; and ^C, which fails the read and sends SIGINT to
the reader's process group."""
import re
import time

import pexpect

from conftest import Console


def test_console_line(board_method):
    board, method = board_method
    console = Console(board, "system", method, name=f"tty-{method}")
    try:
        console.wait_for(r"ttytest: type a line\n", timeout=60)
        time.sleep(0.3)
        console.child.send("hellp\x7fo phoenix\r")
        text = console.wait_for(r'ttytest: wrote \d+, got "[^"]*" \(\d+\)\n', timeout=20)
    finally:
        console.close()
    assert re.search(r"tty: console on \S+ \S+, interrupt \d+", text)
    assert 'ttytest: wrote 21, got "hello phoenix" (13)' in text
    assert "hello phoenix" in text.split("ttytest: type a line")[1]   # echoed


def test_control_c_interrupts_the_reader(board_method):
    board, method = board_method
    console = Console(board, "system", method, name=f"tty-intr-{method}")
    try:
        console.wait_for(r"ttytest: type a line\n", timeout=60)
        time.sleep(0.3)
        console.child.send("abc\x03")
        text = console.wait_for(r"rs: ttytest \(endpoint \d+\) ended: .*\n", timeout=20)
    finally:
        console.close()
    assert "abc^C" in text
    assert re.search(r"rs: ttytest \(endpoint \d+\) ended: signal 2\n", text)   # SIGINT
