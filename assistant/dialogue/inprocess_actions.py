"""Custom actions inside the Kintsugi process, through rasa_sdk's own executor.

Rasa 3.6 runs custom actions over HTTP in a second process (`rasa run actions`). Later Rasa
versions can run an actions module in-process; this does the same for 3.6: Rasa still
builds the action call and reads the response exactly as it would over HTTP, but
`InProcessActionEndpoint.request` hands the call to `rasa_sdk.executor.ActionExecutor`
directly. No port, no second process, no serialisation round trip.

Rasa also validates every action response against a JSON schema with `jsonschema.validate`,
which re-checks the schema itself on every call: under cProfile about three quarters of a
turn. `use_precompiled_response_check()` keeps that validation, compiled once.

An action that raises is recorded (`take_failure`) so the dialogue can roll the turn back
and say so in one sentence; Rasa itself only logs it and carries on without the action's
events.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk import interfaces as sdk_interfaces
from rasa_sdk.executor import ActionExecutor

logger = logging.getLogger(__name__)

ACTIONS_PACKAGE = "actions.registry"
IN_PROCESS_URL = "in-process://actions"
"""Never contacted: Rasa only needs an endpoint object to call `request` on."""


class InProcessActionEndpoint(EndpointConfig):  # type: ignore[misc]
    """Rasa's action endpoint, answered by rasa_sdk's executor in this process."""

    def __init__(self, package: str = ACTIONS_PACKAGE) -> None:
        super().__init__(url=IN_PROCESS_URL)
        self._package = package
        self._executor = ActionExecutor()
        self._executor.register_package(package)
        self._failure: str | None = None
        self.calls = 0
        """Action calls answered (for tests and the bench)."""

    async def request(
        self,
        method: str = "post",
        subpath: str | None = None,
        content_type: str | None = "application/json",
        compress: bool = False,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        action_call: dict[str, Any] = kwargs["json"]
        name = str(action_call.get("next_action"))
        self.calls += 1
        try:
            response: dict[str, Any] | None = await self._executor.run(action_call)
            return response
        except sdk_interfaces.ActionExecutionRejection as rejected:
            # The same as the action server's 400: the policy may predict something else.
            raise ActionExecutionRejection(rejected.action_name, rejected.message) from None
        except sdk_interfaces.ActionNotFoundException as missing:
            self._failure = f"no custom action named '{name}' in {self._package}"
            raise RasaException(f"Failed to execute custom action '{name}'") from missing
        except Exception as error:  # an action's own bug: reported, never fatal to a session
            logger.exception("custom action %s failed", name)
            self._failure = f"{name}: {type(error).__name__}: {error}"
            raise RasaException(f"Failed to execute custom action '{name}'") from error

    def take_failure(self) -> str | None:
        """What failed since the last call (and forget it), or None."""
        failure, self._failure = self._failure, None
        return failure

    def copy(self) -> InProcessActionEndpoint:
        # Rasa copies endpoints in places; the executor (and its registered actions) is
        # shared rather than rebuilt.
        return self


_patch_lock = threading.Lock()


def use_precompiled_response_check() -> None:
    """Validate action responses with a validator compiled once, instead of Rasa's
    `jsonschema.validate`, which re-checks the schema itself on every call. The schema and
    the error message are Rasa's own."""
    with _patch_lock:
        if getattr(RemoteAction._validate_action_result, "precompiled", False):
            return
        from jsonschema import ValidationError
        from jsonschema.validators import validator_for

        schema = RemoteAction.action_response_format_spec()
        validator_class = validator_for(schema)
        validator_class.check_schema(schema)  # once, here
        validator = validator_class(schema)
        original = RemoteAction._validate_action_result

        def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
            try:
                validator.validate(result)
            except ValidationError:
                return bool(original(self, result))  # Rasa's own message for the error
            return True

        validate_action_result.precompiled = True  # type: ignore[attr-defined]
        RemoteAction._validate_action_result = validate_action_result
