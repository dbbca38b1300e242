"""The short fault-injection campaign (issue: self-healing): 50 random faults into the root
disk's driver and 50 into the tty while a workload checks its files; the long one is
tests/campaign/run_campaign.py with --faults 2000."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "campaign"))
from run_campaign import Campaign, DISK_DRIVER  # noqa: E402


def test_short_campaign(board):
    figures = Campaign(board, faults=100, seed=7, icount=False).run()
    print(figures)
    assert figures["stopped early"] == "no", figures
    assert figures["kernel panics"] == 0
    assert figures["files corrupted"] == 0
    assert figures["workload errors"] == 0
    assert figures["workload runs ok"] > 0
    assert figures["e2fsck"] == "clean"
    for driver in (DISK_DRIVER[board], "tty"):
        injected = figures[f"  into {driver}"]
        assert injected.startswith("50 ("), injected
        # most kinds kill the driver; a campaign where none came back would be a failure
        assert int(injected.split("(")[1].split()[0]) >= 20, injected
