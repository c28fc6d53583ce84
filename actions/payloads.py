"""Keys of the machine-readable custom payloads actions send to the Kintsugi runtime.

Actions speak to people through texts and to the runtime through `json_message` payloads;
the runtime strips the payloads out of what is shown or spoken.
"""

FEEDBACK_KEY = "kintsugi_feedback"
"""The analysis object for a turn that produced coaching feedback."""

EXPECT_KEY = "kintsugi_expect"
"""The kind of user turn expected next: "command", "answer" or "long_form"."""

LISTEN_KEY = "kintsugi_listen"
"""One segment of a listening monologue: {"scenario", "segment" (1-based), "of", "pause_s"}.

Sent with every segment so a voice front-end can play the designed pause after it and count
speech that overlaps the partner's words or pauses as interruptions."""

AUDIO_KEY = "kintsugi_audio"
"""User-message metadata from the voice runtime: how the turn was said (duration_s,
words_per_minute, pauses_s, ...), for delivery feedback."""

GUIDE_KEY = "kintsugi_guide"
"""Where a guided reflection is, sent with every turn of it (see `guide_payload` in
actions/guided_actions.py for the fields): the step just said, its designed silence,
whether it invites a spoken answer, the time left, closing/paused/finished/stopped."""

REGION_KEY = "kintsugi_region"
"""User-message metadata from the runtime, on every turn: the user's region (settings), so the
crisis actions name that region's resources."""

GUIDE_RESUME_KEY = "kintsugi_guide_resume"
"""User-message metadata from the runtime: a saved reflection position
({"reflection", "step" (1-based), "paused", "pace", "keep_answers"}) for a request to resume
it, read from the journal so it survives a restart."""

APART_KEY = "kintsugi_apart"
"""A time-apart agreement once it is settled (`ApartPayload` in actions/coaching/apart):
the agreed time to talk again as ISO 8601, in words, the exceptions, and whether to keep it."""

APART_CONTEXT_KEY = "kintsugi_apart_context"
"""User-message metadata from the runtime, on every turn: {"now": ISO 8601 local time,
"agreement": the running `ApartPayload` or null}. The runtime keeps agreements (in the
journal, with consent); the actions only read them, and the clock, from here."""

COMMITMENT_KEY = "kintsugi_commitment"
"""What a commitments turn settled (`CommitmentPayload` in actions/coaching/commitments): a
promise just agreed and whether to keep it, or the answer to a check-in."""

COMMITMENTS_CONTEXT_KEY = "kintsugi_commitments_context"
"""User-message metadata from the runtime, on every turn: {"now": ISO 8601 local time,
"checkin": the kept `CommitmentRecord` the session opened by asking about, or null}. The
runtime keeps commitments (in the journal, with consent); the actions only read them here."""

PROGRESS_CONTEXT_KEY = "kintsugi_progress_context"
"""User-message metadata from the runtime, on every turn: what the journal holds, as facts
for the spoken progress summary (`ProgressFacts` in actions/coaching/progress), or null
when there is no journal."""
