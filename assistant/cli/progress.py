"""`kintsugi progress [--out FILE.png]`: practice over time, as a table or a picture.

The table has one row per exercise (tries, tries this week, first, latest and best score,
what keeps coming back), then kept promises and the time apart. The picture draws one
chart per exercise that has scores, score against date, readable at a glance.
"""

from __future__ import annotations

import argparse
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from actions.coaching.progress import NOTHING_YET, exercise_words, label_words
from assistant.cli.journal import _export
from assistant.journal.progress import progress_facts, scores_by_exercise
from assistant.journal.time_apart import local_now
from assistant.settings import Settings


def add_progress_command(subparsers: Any) -> argparse.ArgumentParser:
    """Register `progress` on the CLI's `add_subparsers()` object."""
    progress: argparse.ArgumentParser = subparsers.add_parser(
        "progress", help="how your practice is going: a table, or a picture with --out"
    )
    progress.add_argument(
        "--out", type=Path, metavar="FILE.png", help="draw one chart per exercise into FILE.png"
    )
    progress.set_defaults(handler=cmd_progress)
    return progress


def cmd_progress(args: argparse.Namespace, settings: Settings) -> int:
    data = _export(settings)
    print(progress_table(data))
    out: Path | None = args.out
    if out is not None:
        scored = scores_by_exercise(data)
        if not scored:
            print("No picture drawn: there are no scores to chart yet.")
            return 0
        draw_progress(scored, out.expanduser())
        print(f"Drew {len(scored)} chart{'s' if len(scored) != 1 else ''} into {out}.")
    return 0


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def progress_table(data: dict[str, Any]) -> str:
    """The table `kintsugi progress` prints (plain words, no internal keys)."""
    facts = progress_facts(data, local_now())
    if not facts["exercises"] and not facts["commitments"]["made"] and facts["apart_days"] is None:
        return NOTHING_YET
    best: dict[str, float] = {
        name: max(score for _when, score in points)
        for name, points in scores_by_exercise(data).items()
    }
    rows = [("Exercise", "Tries", "This week", "First", "Latest", "Best", "Keeps coming back")]
    for item in facts["exercises"]:
        rows.append(
            (
                exercise_words(item["exercise"]).removeprefix("an ").capitalize(),
                str(item["attempts"]),
                str(item["this_week"]),
                _score(item["first_score"]),
                _score(item["latest_score"]),
                _score(best.get(item["exercise"])),
                ", ".join(label_words(label) for label in item["recurring"]) or "-",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    counts = facts["commitments"]
    if counts["made"]:
        lines.append("")
        lines.append(
            f"Promises you asked me to keep: {counts['made']}; check-ins: kept {counts['kept']}, "
            f"partly {counts['partly']}, missed {counts['missed']}."
        )
    if facts["apart_days"] is not None:
        lines.append(f"Time apart: began {facts['apart_days']} days ago.")
    return "\n".join(lines)


def draw_progress(scored: dict[str, list[tuple[Any, float]]], out: Path) -> None:
    """One panel per exercise with scores: score (0-100) against the date of each try."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    names = sorted(scored, key=lambda name: -len(scored[name]))
    figure, axes = plt.subplots(
        len(names), 1, figsize=(7, 2.6 * len(names)), squeeze=False, constrained_layout=True
    )
    for axis, name in zip(axes[:, 0], names, strict=True):
        points = scored[name]
        axis.plot(
            [when for when, _score in points],
            [score for _when, score in points],
            marker="o",
            color="#b8860b",
            linewidth=2,
        )
        axis.set_title(
            f"{exercise_words(name).removeprefix('an ').capitalize()}: "
            f"{len(points)} tr{'y' if len(points) == 1 else 'ies'}",
            loc="left",
        )
        axis.set_ylim(0, 105)
        axis.set_ylabel("Score")
        axis.grid(True, alpha=0.3)
        # Whole days only, at most about seven labels, however long or short the span.
        days = (points[-1][0] - points[0][0]).days
        axis.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, -(-days // 6))))
        axis.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
        axis.set_xlim(points[0][0] - timedelta(hours=12), points[-1][0] + timedelta(hours=12))
    figure.suptitle("Your practice over time", fontsize=13)
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, dpi=100)
    plt.close(figure)
    os.chmod(out, 0o600)
