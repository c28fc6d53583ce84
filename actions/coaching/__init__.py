"""Pure coaching analyzers: text in, findings out; no Rasa, no I/O."""
