"""The home device: `kintsugi serve`, the wake phrase, quiet hours and the systemd user service."""
