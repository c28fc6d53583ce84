"""Kintsugi: an offline voice coach for repairing trust you broke.

Importing this package does two things before anything else can import Rasa, and nothing
more: it keeps Rasa's telemetry off, and it keeps TensorFlow out of the process
(`assistant.dialogue.lean_rasa`; Kintsugi's pipeline needs none of it, and it costs seconds and
hundreds of megabytes on a small device).
"""

import os

# Rasa reads this when it is first imported; set it before anything can import Rasa.
os.environ["RASA_TELEMETRY_ENABLED"] = "false"

# After the telemetry switch, on purpose.
from assistant.dialogue import lean_rasa

lean_rasa.install()

__version__ = "0.1.0"
