"""When has the user finished their turn? Turn profiles and an energy-based endpointer.

Different turns need different patience: a command ends after a short silence, an answer
after a medium one, and an apology or a reflection (long-form) must survive a thinking pause
of several seconds. The dialogue names the profile of the next turn (`TurnResult.expect`).

Speech is told from silence by frame energy against an adaptive noise floor. Steady noise
(a fan, a hum, hiss) has no syllable rhythm: when "speech" keeps an almost constant level for
a second, it is reclassified as noise and the floor moves up to it.
"""

from __future__ import annotations

import collections
import enum
from dataclasses import dataclass

import numpy as np

from assistant.events import PCM, SAMPLE_RATE

FRAME_MS = 20
FRAME = SAMPLE_RATE * FRAME_MS // 1000


@dataclass(frozen=True)
class TurnProfile:
    """How patient to be for one kind of user turn."""

    name: str
    """"command", "answer" or "long_form"."""

    trailing_silence_s: float
    """Silence after speech that ends the turn."""

    max_length_s: float
    """Speech is cut into a turn at this length, whatever happens (bounds memory and time)."""

    no_speech_timeout_s: float
    """With no speech at all for this long, the session reprompts."""


PROFILES: dict[str, TurnProfile] = {
    # "stop", "next", "yes": end quickly — a command must never wait two seconds.
    "command": TurnProfile(
        "command", trailing_silence_s=0.5, max_length_s=5.0, no_speech_timeout_s=8.0
    ),
    "answer": TurnProfile(
        "answer", trailing_silence_s=1.0, max_length_s=45.0, no_speech_timeout_s=12.0
    ),
    # Longer than a 4-second thinking pause; saying "I'm done" ends it sooner (see session).
    "long_form": TurnProfile(
        "long_form", trailing_silence_s=5.0, max_length_s=240.0, no_speech_timeout_s=20.0
    ),
}


def profile_for(expect: str | None) -> TurnProfile:
    """The profile the dialogue asked for ("answer" when it said nothing we know)."""
    return PROFILES.get(expect or "answer", PROFILES["answer"])


class Endpoint(enum.Enum):
    """What `Endpointer.feed` noticed."""

    SPEECH_STARTED = "speech_started"
    SPEECH_ENDED = "speech_ended"  # trailing silence reached
    MAX_LENGTH = "max_length"
    NO_SPEECH = "no_speech"


class Endpointer:
    """Frame-energy voice activity plus the turn rules of a profile.

    One instance lives for the whole session, so the noise floor it learns carries over
    between turns; `begin()` starts a new turn.
    """

    def __init__(
        self,
        *,
        min_level: float = 300.0,
        over_floor: float = 3.0,
        min_speech_s: float = 0.12,
        stationary_db: float = 1.5,
    ) -> None:
        """`min_level` (int16 RMS, about -40 dBFS) is the quietest sound taken as speech;
        speech must also be `over_floor` times the noise floor. Bursts shorter than
        `min_speech_s` (clicks, a cough) do not start a turn."""
        self._min_level = min_level
        self._over_floor = over_floor
        self._min_speech_frames = max(1, int(min_speech_s * 1000 / FRAME_MS))
        self._stationary_db = stationary_db
        self.noise_floor = 100.0
        """Running estimate of background level (int16 RMS)."""
        self.profile = PROFILES["answer"]
        self._pending = np.zeros(0, dtype=np.int16)
        self._recent_db: collections.deque[float] = collections.deque(maxlen=50)
        self.begin(self.profile)

    def begin(self, profile: TurnProfile) -> None:
        """Start a new turn with `profile`."""
        self.profile = profile
        self._pending = np.zeros(0, dtype=np.int16)
        self._frames = 0
        self._voiced_run = 0
        self._silence_run = 0
        self._first_speech: int | None = None
        self._last_speech: int | None = None
        self._done = False
        self._recent_db.clear()
        self._voiced_power = 0.0
        self._voiced_count = 0

    # -- what the session reads ------------------------------------------------------------

    @property
    def audio_s(self) -> float:
        """Audio seen in this turn."""
        return self._frames * FRAME_MS / 1000

    @property
    def in_speech(self) -> bool:
        """Speech has started in this turn."""
        return self._first_speech is not None

    @property
    def silence_s(self) -> float:
        """Current run of silence (trailing silence once speech has started)."""
        return self._silence_run * FRAME_MS / 1000

    @property
    def speech_s(self) -> float:
        """From the first speech frame to the last one."""
        if self._first_speech is None or self._last_speech is None:
            return 0.0
        return (self._last_speech - self._first_speech + 1) * FRAME_MS / 1000

    @property
    def speech_power(self) -> tuple[float, int]:
        """Sum of the mean-square levels of this turn's voiced frames, and how many there
        were (for the speech loudness in `assistant.speech.delivery.loudness_dbfs`)."""
        return self._voiced_power, self._voiced_count

    @property
    def speech_start_s(self) -> float:
        return 0.0 if self._first_speech is None else self._first_speech * FRAME_MS / 1000

    # -- feeding ---------------------------------------------------------------------------

    def feed(self, samples: PCM) -> list[Endpoint]:
        """Add audio; what happened in it, in order. Nothing more once the turn is over."""
        found: list[Endpoint] = []
        data = np.concatenate([self._pending, samples]) if len(self._pending) else samples
        whole = len(data) // FRAME * FRAME
        self._pending = data[whole:].copy()
        for start in range(0, whole, FRAME):
            if self._done:
                break
            event = self._frame(data[start : start + FRAME])
            if event is not None:
                found.append(event)
        return found

    def _frame(self, frame: PCM) -> Endpoint | None:
        level = float(np.sqrt(np.mean(np.square(frame.astype(np.float64)))))
        self._frames += 1
        voiced = level >= max(self._min_level, self.noise_floor * self._over_floor)
        if not voiced:
            self._learn_floor(level)
        event: Endpoint | None = None
        if voiced:
            self._voiced_run += 1
            self._silence_run = 0
            self._recent_db.append(20 * np.log10(max(level, 1.0)))
            if self._first_speech is None and self._voiced_run >= self._min_speech_frames:
                self._first_speech = self._frames - self._voiced_run
                event = Endpoint.SPEECH_STARTED
            if self._first_speech is not None:
                self._last_speech = self._frames - 1
                self._voiced_power += level * level
                self._voiced_count += 1
            if self._is_steady_noise():
                self._absorb_noise(level)
        else:
            self._voiced_run = 0
            self._silence_run += 1
        return event or self._turn_rule()

    def _turn_rule(self) -> Endpoint | None:
        profile = self.profile
        if self._first_speech is None:
            if self.audio_s >= profile.no_speech_timeout_s:
                self._done = True
                return Endpoint.NO_SPEECH
            return None
        if self.silence_s >= profile.trailing_silence_s:
            self._done = True
            return Endpoint.SPEECH_ENDED
        if self.audio_s - self.speech_start_s >= profile.max_length_s:
            self._done = True
            return Endpoint.MAX_LENGTH
        return None

    def _learn_floor(self, level: float) -> None:
        # Falls quickly (quiet room), rises slowly (so speech pauses do not raise it).
        rate = 0.2 if level < self.noise_floor else 0.02
        self.noise_floor = max(10.0, (1 - rate) * self.noise_floor + rate * level)

    def _is_steady_noise(self) -> bool:
        return (
            len(self._recent_db) == self._recent_db.maxlen
            and float(np.std(list(self._recent_db))) < self._stationary_db
        )

    def _absorb_noise(self, level: float) -> None:
        """A second of near-constant level is noise, not a voice: forget it as speech."""
        self.noise_floor = level * 1.1
        self._recent_db.clear()
        self._voiced_run = 0
        self._first_speech = None
        self._last_speech = None
        self._voiced_power = 0.0
        self._voiced_count = 0
