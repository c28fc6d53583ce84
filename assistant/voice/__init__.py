"""The voice loop: the session state machine, guided reflections by voice, endpointing, the
echo guard, overlap detection and stage timing."""
