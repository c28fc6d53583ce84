"""Finding audio devices through PortAudio (sounddevice): list them, pick one by index or name.

sounddevice is imported lazily so that a machine without PortAudio can still run text chat
and get a one-line explanation instead of an import error.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from types import ModuleType
from typing import Literal

from assistant.errors import AudioDeviceError, SetupError

Kind = Literal["input", "output"]

PORTAUDIO_FIX = (
    "Install PortAudio: `sudo apt-get install libportaudio2` (or run scripts/system-packages)."
)


def sounddevice_module() -> ModuleType:
    """`import sounddevice`, turning a missing PortAudio into a `SetupError` with the fix."""
    try:
        import sounddevice
    except OSError as error:  # sounddevice raises OSError when libportaudio is missing
        raise SetupError(f"PortAudio is not installed ({error}). {PORTAUDIO_FIX}") from error
    module: ModuleType = sounddevice
    return module


_ALSA_HANDLER: object = None


def quiet_alsa_errors() -> None:
    """Stop ALSA's C library printing xrun and probe messages on stderr during a session.

    They are about device probing and buffer recovery that PortAudio already handles; the
    user would only see noise. Overflows are still counted by the microphone.
    """
    global _ALSA_HANDLER
    if _ALSA_HANDLER is not None:
        return
    try:
        asound = ctypes.cdll.LoadLibrary("libasound.so.2")
    except OSError:
        return  # no ALSA: nothing to quiet
    handler_type = ctypes.CFUNCTYPE(
        None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
    )
    _ALSA_HANDLER = handler_type(lambda *_args: None)  # kept alive: ALSA holds the pointer
    asound.snd_lib_error_set_handler(_ALSA_HANDLER)


@dataclass(frozen=True)
class DeviceInfo:
    """One PortAudio device as `kintsugi devices` shows it."""

    index: int
    """PortAudio index (what `--input-device 3` means)."""

    name: str
    """Device name (what `--input-device NAME` matches, case-insensitively)."""

    hostapi: str
    """ALSA, OSS, JACK, ..."""

    max_input_channels: int
    """0 for output-only devices."""

    max_output_channels: int
    """0 for input-only devices."""

    default_samplerate: float
    """The rate the device prefers; we convert to 16 kHz ourselves."""

    default_input: bool
    """Whether this is the system's default input."""

    default_output: bool
    """Whether this is the system's default output."""


def list_devices() -> list[DeviceInfo]:
    """Every device PortAudio sees (empty on a machine with no sound at all)."""
    sd = sounddevice_module()
    try:
        devices = sd.query_devices()
        hostapis = sd.query_hostapis()
        default_in, default_out = _defaults(sd)
    except sd.PortAudioError as error:
        raise AudioDeviceError(f"PortAudio could not list devices: {error}") from error
    return [
        DeviceInfo(
            index=i,
            name=str(d["name"]),
            hostapi=str(hostapis[d["hostapi"]]["name"]),
            max_input_channels=int(d["max_input_channels"]),
            max_output_channels=int(d["max_output_channels"]),
            default_samplerate=float(d["default_samplerate"]),
            default_input=i == default_in,
            default_output=i == default_out,
        )
        for i, d in enumerate(devices)
    ]


def _defaults(sd: ModuleType) -> tuple[int, int]:
    default_in, default_out = sd.default.device
    return int(default_in if default_in is not None else -1), int(
        default_out if default_out is not None else -1
    )


def resolve_device(spec: str, kind: Kind) -> DeviceInfo:
    """The device `spec` names ("" for the system default, an index, or part of a name).

    Raises `AudioDeviceError` saying what exists when nothing (or more than one) matches.
    """
    devices = list_devices()
    usable = [d for d in devices if _channels(d, kind) > 0]
    if not usable:
        raise AudioDeviceError(
            f"No audio {kind} device found. Connect a "
            f"{'microphone' if kind == 'input' else 'speaker or headphones'}, "
            "then check `kintsugi devices`."
        )
    spec = spec.strip()
    if not spec:
        default = next((d for d in usable if _is_default(d, kind)), usable[0])
        return default
    if spec.isdigit():
        index = int(spec)
        match = [d for d in usable if d.index == index]
        if not match:
            raise AudioDeviceError(
                f"There is no {kind} device number {index}. "
                f"`kintsugi devices` lists them: {_names(usable)}."
            )
        return match[0]
    exact = [d for d in usable if d.name.lower() == spec.lower()]
    if exact:
        return exact[0]
    partial = [d for d in usable if spec.lower() in d.name.lower()]
    if len(partial) == 1:
        return partial[0]
    if not partial:
        raise AudioDeviceError(
            f"No {kind} device matches '{spec}'. Available: {_names(usable)} "
            "(see `kintsugi devices`)."
        )
    raise AudioDeviceError(
        f"'{spec}' matches several {kind} devices: {_names(partial)}. "
        "Use the number from `kintsugi devices`."
    )


def _channels(device: DeviceInfo, kind: Kind) -> int:
    return device.max_input_channels if kind == "input" else device.max_output_channels


def _is_default(device: DeviceInfo, kind: Kind) -> bool:
    return device.default_input if kind == "input" else device.default_output


def _names(devices: list[DeviceInfo]) -> str:
    return ", ".join(f"{d.index}: {d.name}" for d in devices)


def format_devices(devices: list[DeviceInfo]) -> str:
    """The table `kintsugi devices` prints."""
    if not devices:
        return "No audio devices found (is PulseAudio/PipeWire running? see `kintsugi doctor`)."
    lines = [f"{'#':>3}  {'in':>3} {'out':>3}  {'rate':>6}  name"]
    for d in devices:
        mark = (" <in" if d.default_input else "") + (" <out" if d.default_output else "")
        lines.append(
            f"{d.index:>3}  {d.max_input_channels:>3} {d.max_output_channels:>3}  "
            f"{d.default_samplerate:>6.0f}  {d.name} ({d.hostapi}){mark}"
        )
    return "\n".join(lines)
