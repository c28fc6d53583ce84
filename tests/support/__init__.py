"""Helpers the tests share, in one place: no test module imports another.

`journal` (turns with feedback, a settable clock), `serve` (the home-device doubles),
`coach` (the journal-wrapped dialogue with a clock), `recording` (a dialogue that keeps what
went in and came back), `sockets` (what a process listens on), `eval_metrics` (precision and
recall tables), `audio` (writing and replaying speech through the voice loop).
"""
