"""Kintsugi: an offline voice coach for repairing trust you broke.

Importing this package has no side effects beyond making sure Rasa's telemetry stays off
for anything imported after it.
"""

import os

# Rasa reads this when it is first imported; set it before anything can import Rasa.
os.environ["RASA_TELEMETRY_ENABLED"] = "false"

__version__ = "0.1.0"
