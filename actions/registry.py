"""The action modules rasa_sdk's executor loads (in-process, or in an action server) —
and only these.

rasa_sdk imports every submodule of the package it is given; pointing it at this module
instead keeps the analyzers (plain modules beside the actions) out of the server's import
path, so the server starts only what Rasa calls.
"""

from actions import (
    apology_actions,
    commitment_actions,
    common_actions,
    guided_actions,
    listening_actions,
    progress_actions,
    questions_actions,
    safety_actions,
    time_apart_actions,
)

__all__ = [
    "apology_actions",
    "commitment_actions",
    "common_actions",
    "guided_actions",
    "listening_actions",
    "progress_actions",
    "questions_actions",
    "safety_actions",
    "time_apart_actions",
]
