"""A subreaper finds and kills every process below it, including those that left its session."""

from __future__ import annotations

import subprocess
import sys
import textwrap

# Run in a child interpreter: making the test process itself a subreaper would adopt pytest's orphans.
SCRIPT = textwrap.dedent("""
    import os, subprocess, sys
    from downhill_engine import processes

    processes.become_subreaper()
    sleeper = [sys.executable, "-c", "import time; time.sleep(300)"]
    direct = subprocess.Popen(sleeper, start_new_session=True)
    quiet = "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL"  # or it holds our pipe open for 300 s
    launcher = f"import subprocess; print(subprocess.Popen({sleeper!r}, start_new_session=True, {quiet}).pid)"
    orphan = int(subprocess.run([sys.executable, "-c", launcher], capture_output=True, text=True).stdout)
    assert processes.children() == {direct.pid, orphan}, processes.children()
    print(processes.kill_descendants(keep=set()))
    for pid in (direct.pid, orphan):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        sys.exit(f"{pid} is still running")
    assert processes.children() == set()
""")


def test_kill_descendants_kills_orphans_adopted_from_a_new_session():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2"


def test_kill_descendants_spares_the_children_it_is_told_to_keep():
    script = textwrap.dedent("""
        import subprocess, sys
        from downhill_engine import processes

        kept = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
        gone = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
        assert processes.kill_descendants(keep={kept.pid}) == 1
        assert gone.poll() is not None and kept.poll() is None
        kept.kill()
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
