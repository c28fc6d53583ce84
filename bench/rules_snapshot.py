"""Write every hand-written rule and every rules-only finding to one JSON file, so a change
meant to move or tidy the rules can be shown to change nothing.

    python -m bench.rules_snapshot BEFORE.json     (on the commit before)
    python -m bench.rules_snapshot AFTER.json      (on the commit after)
    cmp BEFORE.json AFTER.json

It records each rule of the apology, answer and listening tables (label, compiled pattern,
flags, every guard), the apology analyzer's word sets, and the three analyzers' rules-only
output (labels, findings with their spans, the apology score, the points a reflection
covered) on every text of the evaluation sets, the blind batches and the training clauses.
No model is needed: nothing learned is used.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _value(value: Any) -> Any:
    if isinstance(value, re.Pattern):
        return {"pattern": value.pattern, "flags": int(value.flags)}
    return value


def _rule_rows(rules: Any) -> list[dict[str, Any]]:
    return [
        {field.name: _value(getattr(rule, field.name)) for field in dataclasses.fields(rule)}
        for rule in rules
    ]


def _texts() -> tuple[list[str], list[tuple[str, str, str | None]]]:
    """(the files read, and each text with its file and listening scenario if any)."""
    files = sorted(ROOT.glob("tests/eval/*.yml"))
    for prefix in ("apology", "answers", "reflections"):
        files += sorted(ROOT.glob(f"tests/eval/blind/{prefix}-*.yml"))
    files += sorted(ROOT.glob("actions/coaching/data/*_clauses/*.yml"))
    items = []
    for path in files:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                name = str(path.relative_to(ROOT))
                items.append((name, item["text"], item.get("scenario")))
    return [str(path.relative_to(ROOT)) for path in files], items


def _findings(analysis: Any) -> list[list[Any]]:
    return [[f.label, f.start, f.end, f.phrase] for f in analysis.findings]


def snapshot() -> dict[str, Any]:
    from actions.coaching import answer, apology_patterns, listening_analysis
    from actions.coaching.answer import analyze_answer
    from actions.coaching.apology import analyze_apology
    from actions.coaching.listening_analysis import analyze_listening

    files, items = _texts()
    # A text with no scenario of its own is read in the first scenario the sets name.
    first_scenario = next((scenario for _, _, scenario in items if scenario), None)
    outputs = []
    for path, text, scenario in items:
        apology = analyze_apology(text, use_learned=False)
        answered = analyze_answer(text, use_learned=False)
        listening = analyze_listening(scenario or first_scenario, text, use_learned=False)
        outputs.append(
            {
                "file": path,
                "text": text,
                "apology": {
                    "labels": sorted(apology.labels),
                    "findings": _findings(apology),
                    "score": apology.score,
                },
                "answer": {"labels": list(answered.labels), "findings": _findings(answered)},
                "listening": {
                    "labels": list(listening.labels),
                    "findings": _findings(listening),
                    "covered": list(listening.covered),
                },
            }
        )
    return {
        "rules": {
            "apology": _rule_rows(apology_patterns.RULES),
            "answer": _rule_rows(answer._RULES),
            "listening": _rule_rows(listening_analysis.RULES),
        },
        "apology_words": {
            "NEGATORS": sorted(apology_patterns.NEGATORS),
            "NOT_NEGATING_AFTER": sorted(apology_patterns.NOT_NEGATING_AFTER),
            "ACT_PAST_TENSE": apology_patterns.ACT_PAST_TENSE,
        },
        "files": files,
        "outputs": outputs,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    dump = snapshot()
    Path(argv[0]).write_text(json.dumps(dump, indent=1, sort_keys=True), encoding="utf-8")
    found = sum(
        len(out[kind]["findings"])
        for out in dump["outputs"]
        for kind in ("apology", "answer", "listening")
    )
    rules = ", ".join(f"{kind} {len(rows)}" for kind, rows in dump["rules"].items())
    print(f"{argv[0]}: rules {rules}; {len(dump['outputs'])} texts, {found} findings")
    return 0


if __name__ == "__main__":
    import assistant  # noqa: F401  (the runtime's environment, as every bench module has)

    sys.exit(main(sys.argv[1:]))
