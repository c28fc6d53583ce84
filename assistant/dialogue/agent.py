"""Loading the trained Rasa agent, with the conversation store Kintsugi keeps in memory.

Apart from the bridge (bridge.py) because it is the one place that touches Rasa's loader and
turns its many failures into one error that says what to do.
"""

from __future__ import annotations

from typing import Any, TypeVar

from assistant.errors import DialogueModelError, KeptOutOfRasaError

__all__ = ["load_agent"]

E = TypeVar("E", bound=BaseException)


def load_agent(model_path: str, action_endpoint: Any) -> Any:
    """The agent of the model at ``model_path``, its tracker store Kintsugi's in-memory one.
    Raises KeptOutOfRasaError (the model needs TensorFlow) or DialogueModelError."""
    from rasa.core.agent import Agent

    from assistant.dialogue import lean_rasa, rule_lookup
    from assistant.dialogue.tracker_store import LiveTrackerStore

    if lean_rasa.installed():  # the lean runtime; Rasa as it ships keeps its own lookup
        rule_lookup.install()

    try:
        agent = Agent.load(model_path, action_endpoint=action_endpoint)
        # The store needs the model's domain, which exists only once the model is loaded.
        store = LiveTrackerStore(agent.domain)
        agent.tracker_store = store
        agent.processor.tracker_store = store
        return agent
    except Exception as error:  # Rasa raises many kinds for a bad archive
        needs_tensorflow = _in_chain(error, KeptOutOfRasaError)
        if needs_tensorflow is not None:  # Rasa wraps it; its own sentence says it all
            raise needs_tensorflow from error
        raise DialogueModelError(
            f"The dialogue model at {model_path} could not be loaded ({error}). "
            "Run `kintsugi train --force` to rebuild it."
        ) from error


def _in_chain(error: BaseException, kind: type[E]) -> E | None:
    """The first exception of `kind` among `error` and its causes."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None
