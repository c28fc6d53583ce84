"""Audio in and out: protocols, the sounddevice implementations, and shipped fakes."""

from assistant.audio.base import DeviceLostError, Microphone, Speaker
from assistant.audio.devices import DeviceInfo, list_devices, resolve_device
from assistant.audio.fakes import RecordingSpeaker, WavMicrophone
from assistant.audio.sd_microphone import SoundDeviceMicrophone
from assistant.audio.sd_speaker import SoundDeviceSpeaker

__all__ = [
    "DeviceInfo",
    "DeviceLostError",
    "Microphone",
    "RecordingSpeaker",
    "SoundDeviceMicrophone",
    "SoundDeviceSpeaker",
    "Speaker",
    "WavMicrophone",
    "list_devices",
    "resolve_device",
]
