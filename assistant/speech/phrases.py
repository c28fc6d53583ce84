"""The few things the voice runtime says by itself (coaching words live in Rasa).

Warm, plain and brief: they are heard, not read.
"""

NOT_UNDERSTOOD = "Sorry, I didn't catch that. Could you say it again?"
REPROMPT = "I'm still here. Take your time."
PAUSED_SILENCE = "Let's pause here. Say continue when you're ready."
PAUSED_BY_USER = "Okay, I'll wait. Say continue when you're ready."
RESUMED = "Welcome back."
INPUT_LOST = "I can't hear the microphone right now. I'll wait for it."
DEVICE_BACK = "I can hear you again. Let's carry on."
SLOWER = "Okay, I'll speak more slowly."
FASTER = "Okay, a little faster."
GOODBYE = "Okay. Take care of yourself. Goodbye for now."
GREETING = "I'm listening."
