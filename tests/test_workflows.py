"""The workflows are safe for pull requests from forks, and the lint hooks that guard them can fail."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
UNSAFE = ROOT / "tests" / "fixtures" / "workflows" / "unsafe.yml"


def workflow(name: str) -> dict:
    loaded = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    loaded["on"] = loaded.pop(True, loaded.get("on"))  # YAML 1.1 reads the key `on` as True
    return loaded


def hook_command(hook_id: str) -> list[str]:
    """A hook's command as .pre-commit-config.yaml runs it (make lint)."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    return shlex.split(hooks[hook_id]["entry"])


def test_the_pull_request_check_cannot_be_turned_against_the_repository():
    check = workflow("pull-request.yml")
    assert list(check["on"]) == ["pull_request"]
    assert check["permissions"] == {}
    for job in check["jobs"].values():
        assert job["permissions"] == {"contents": "read"}
    assert "${{ secrets." not in (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")


def test_the_deploy_runs_on_main_one_at_a_time_and_only_its_deploy_job_may_write():
    deploy = workflow("deploy.yml")
    assert deploy["on"]["push"] == {"branches": ["main"]}
    assert deploy["concurrency"]["group"] and deploy["concurrency"]["cancel-in-progress"] is False
    assert deploy["permissions"] == {}
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    cache = next(step for step in deploy["jobs"]["build"]["steps"] if "actions/cache@" in step.get("uses", ""))
    assert "hashFiles('requirements.txt')" in cache["with"]["key"]
    assert "hashFiles('hooks/downhill_engine/*.py')" in cache["with"]["key"]


@pytest.mark.parametrize(
    ("hook_id", "expected"),
    [
        ("actionlint", ["github.event.pull_request.title", "untrusted"]),
        ("zizmor", ["dangerous-triggers", "template-injection", "unpinned-uses"]),
    ],
)
def test_the_workflow_hooks_reject_an_unsafe_workflow(hook_id, expected):
    result = subprocess.run(
        [*hook_command(hook_id), str(UNSAFE)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode != 0
    for word in expected:
        assert word in result.stdout + result.stderr
