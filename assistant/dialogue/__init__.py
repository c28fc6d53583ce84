"""The Rasa side: the bridge to the trained model (`bridge`), Rasa without TensorFlow
(`lean_rasa`, `rasa_command`), the custom actions in-process, the tracker store, training,
and the few things the runtime itself says."""
