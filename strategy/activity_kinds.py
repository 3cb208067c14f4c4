"""The kinds of planned activity, split into content and interaction.

Plain Python (no Django) so that the pure rubric and the models share one definition.
"""

POINT_TO_OWN_WORK = "point_to_own_work"
POINT_TO_EXTERNAL = "point_to_external"
PHOTO = "photo"
RETWEET = "retweet"
REPLY = "reply"
DISCUSSION = "discussion"
POLL = "poll"
EVENT = "event"

KIND_LABELS = {
    POINT_TO_OWN_WORK: "Point to own work",
    POINT_TO_EXTERNAL: "Point to external work",
    PHOTO: "Photo",
    RETWEET: "Re-share (retweet)",
    REPLY: "Reply",
    DISCUSSION: "Discussion",
    POLL: "Poll",
    EVENT: "Event",
}

CONTENT_KINDS = frozenset({POINT_TO_OWN_WORK, POINT_TO_EXTERNAL, PHOTO})
INTERACTIVE_KINDS = frozenset({RETWEET, REPLY, DISCUSSION, POLL, EVENT})
