"""Speech in and out: Vosk recognition, the command grammar, pyttsx3 synthesis, models."""
