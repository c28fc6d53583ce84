"""What is kept on the device: the journal (`store`), and the dialogue wrappers that record
turns and guided-reflection places in it."""
