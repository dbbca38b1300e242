"""Boots the system image on every board and boot method and checks the C library (newlib
over lib/posix): stdio, formatting and strings; fork, exec, wait and exit statuses; signals
with handlers; malloc of several MiB with its contents checked."""
import re

import pytest

PROGRAMS = ["posix_hello", "posix_proc", "posix_signal", "posix_memory"]


@pytest.mark.parametrize("program", PROGRAMS)
def test_posix_program(system_log, program):
    assert f"{program}: PASSED" in system_log, system_log[-3000:]
    assert not re.search(rf"{program}: FAIL", system_log)
    assert re.search(rf"rs: {program} \(endpoint \d+\) ended: exit status 0", system_log)


def test_printf_reaches_the_console(system_log):
    assert 'posix_hello: ok: snprintf gives "-42|   ab|z  |beef|123456|-9000000000"' in system_log
    assert "posix_hello: write(1) reaches the console" in system_log
