"""The command line: `kintsugi` and its subcommands (text chat, voice, serve, journal, doctor)."""
