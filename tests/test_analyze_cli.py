"""`kintsugi analyze apology|reflection|answer`, run as a user runs it: the installed command."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from actions.coaching.scenarios import LISTENING_SCENARIOS
from tests.support.cli import isolated_env, kintsugi_command


def _analyze(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*kintsugi_command(), "analyze", *args],
        capture_output=True,
        text=True,
        env=isolated_env(tmp_path),
        timeout=120,
        check=False,
    )


def _json(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_apology_reports_the_non_apology_with_its_phrases(tmp_path: Path) -> None:
    data = _json(_analyze(tmp_path, "apology", "I'm sorry if you were hurt, but you made me do it"))
    phrases = {finding["label"]: finding["phrase"].lower() for finding in data["findings"]}
    assert {"conditional", "but_undoing", "blame_shift"} <= set(phrases)
    assert "if" in phrases["conditional"]
    assert "but" in phrases["but_undoing"]
    assert "made me" in phrases["blame_shift"]


def test_answer_reports_impatience(tmp_path: Path) -> None:
    data = _json(_analyze(tmp_path, "answer", "i already told you this five times"))
    assert set(data) == {"labels", "findings"}
    assert "impatience" in data["labels"]
    assert any(f["label"] == "impatience" and f["phrase"] for f in data["findings"])


def test_patient_answer_has_reassurance_and_no_impatience(tmp_path: Path) -> None:
    data = _json(_analyze(tmp_path, "answer", "It was March. Ask me as many times as you need."))
    assert data["labels"] == ["reassurance"]


def test_reflection_reports_coverage_and_labels(tmp_path: Path) -> None:
    data = _json(
        _analyze(
            tmp_path,
            "reflection",
            "--scenario",
            "lost-job-lie",
            "You heard from Priya at the store that I lost my job three weeks ago, and you "
            "felt stupid. That makes sense. Did I get that right?",
        )
    )
    assert {"coverage", "covered", "missed", "labels"} <= set(data)
    assert 0 < data["coverage"] < 1
    assert {"lost-job", "heard-from-priya"} <= set(data["covered"])
    assert data["missed"]
    assert {"feeling_named", "validation", "question"} <= set(data["labels"])


def test_unknown_scenario_exits_2_and_lists_the_ids(tmp_path: Path) -> None:
    result = _analyze(tmp_path, "reflection", "--scenario", "no-such-one", "you were hurt")
    assert result.returncode == 2
    assert result.stdout == ""
    for scenario in LISTENING_SCENARIOS:
        assert scenario.id in result.stderr
