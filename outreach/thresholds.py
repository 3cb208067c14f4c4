"""The audit's tunable thresholds: their defaults, and how an organization's overrides apply.

The defaults live here, in one place. They sit in `outreach` rather than `audits` because an
organization owns its tuning (it is stored on the organization and travels in the plan file),
and `strategy` (which imports plan files) must not depend on `audits`. The rubric receives the
effective thresholds as a plain dict and records them with each audit.
Plain Python (no Django).
"""

from .platforms import PLATFORMS

DEFAULT_THRESHOLDS: dict[str, float] = {
    # V1: planned content posts a week, per platform.
    "posts_per_week_twitter": 5,
    "posts_per_week_mastodon": 5,
    "posts_per_week_bluesky": 5,
    "posts_per_week_facebook": 2,
    "posts_per_week_linkedin": 2,
    "posts_per_week_instagram": 3,
    "posts_per_week_youtube": 1,
    "posts_per_week_blog": 1,
    # V2: neither own-work nor external pointers may exceed this share of content posts.
    "self_promotion_max_share": 0.8,
    # V4: photo or event items a month on a community page.
    "community_visual_items_per_month": 1,
    # I6: minimum share of interactive occurrences.
    "interactive_share_min": 0.4,
    # G2: maximum share of a channel's content posts pointing to any one other channel.
    "one_target_max_share": 0.7,
    # R4: people (a named backup counts) behind an active channel.
    "min_people_per_channel": 2,
    # Weights of the four criteria in the overall score.
    "weight_value": 1,
    "weight_interactivity": 1,
    "weight_integration": 1,
    "weight_resourcing": 1,
    # Verdicts.
    "fix_or_retire_below": 40,
    "criterion_floor": 20,
    "healthy_from": 70,
}

assert all(f"posts_per_week_{p}" in DEFAULT_THRESHOLDS for p in PLATFORMS)


def threshold_override_errors(overrides: object, where: str = "thresholds") -> list[str]:
    """One message per problem in an organization's overrides, each naming its place."""
    if not isinstance(overrides, dict):
        return [f"{where}: must be an object of threshold names to numbers"]
    errors = []
    for name, value in overrides.items():
        if name not in DEFAULT_THRESHOLDS:
            errors.append(f"{where}.{name}: unknown threshold")
        elif isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            errors.append(f"{where}.{name}: must be a number ≥ 0, not {value!r}")
    return errors


def effective_thresholds(overrides: dict | None) -> dict[str, float]:
    """The defaults with an organization's valid overrides applied."""
    merged = dict(DEFAULT_THRESHOLDS)
    merged.update({k: v for k, v in (overrides or {}).items() if k in DEFAULT_THRESHOLDS})
    return merged
