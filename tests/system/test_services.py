"""Boots the system image on every board and boot method and checks RS and DS through the
rstest job: a service restarted on request or after a crash gets a new endpoint that DS
reports and its clients use, the old endpoint is dead, the service's private state in DS
survives, a hung service is found by its heartbeat, and RS counts the restarts."""
import re

import pytest

CHECKS = [
    "DS names the echo service",
    "echo answers",
    "service restart echo is accepted",
    "a restart gives a new endpoint in DS",
    "the old endpoint is dead",
    "the new endpoint answers with the count kept in DS",
    "a crashing service fails its caller's call",
    "RS restarts the crashed service under a new endpoint",
    "and it goes on counting",
    "RS finds the hung service by its heartbeat and restarts it",
    "and it still goes on counting",
    "RS counts 3 restarts",
]


@pytest.mark.parametrize("check", CHECKS)
def test_restarts(system_log, check):
    assert f"rstest: {check} ok" in system_log, system_log[-3000:]


def test_restart_events_are_logged(system_log):
    assert re.search(r"rs: echo \(endpoint \d+\) ended: signal 9", system_log)    # restart: killed
    assert re.search(r"rs: echo \(endpoint \d+\) ended: signal 11", system_log)   # its crash
    assert re.search(r"rs: echo \(endpoint \d+\) did not answer its heartbeat", system_log)
    assert len(re.findall(r"rs: started echo as endpoint \d+", system_log)) == 5   # + hang, up
    assert "echo: started, count 4 (from DS)" in system_log
    assert "echo: started, count 5 (from DS)" in system_log
    assert "rstest: done, 0 failures" in system_log


def test_service_command(system_log):
    """The service command, run by the svcjob job: list, down, status, up, status."""
    assert re.search(r"echo\s+running\s+endpoint \d+\s+pid \d+\s+restarts 3", system_log)
    assert "service: down echo: ok" in system_log
    assert re.search(r"echo\s+down\s+endpoint -2\s+pid 0\s+restarts 3", system_log)
    assert "service: up echo: ok" in system_log
    assert "service: restart nosuch: ESRCH" in system_log
    assert "svcjob: done, statuses 0 0 0 0 0 1" in system_log


def test_rs_gives_up_after_max_restarts(system_log):
    """crashy (tests/images/jobs.toml) crashes at once every time; its policy allows two
    restarts, so it runs three times and RS gives up, and says so."""
    assert len(re.findall(r"rs: started crashy as endpoint \d+", system_log)) == 3, system_log[-3000:]
    assert "rs: crashy failed 3 times; giving up (policy max_restarts 2)" in system_log
