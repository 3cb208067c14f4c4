"""The principles checked on what a channel actually published (its imported export files).

Where a channel's evidence can tell, the principle is judged on what was done, and the plan's
figure is quoted beside it ("planned 5 a week, posted 1.4"); the plan's own check of that
principle stands aside (see `PlanFigures.knows`), so nothing is charged twice. Where the
evidence cannot tell (a scheduler's CSV does not say which posts are replies), the plan is
judged as before. Findings from here say `side="actual"`.

Decisions:
- The period is the `evidence_weeks` weeks up to the channel's latest imported post (shorter
  when its posts begin later); rates are per week over that period.
- V1 on content posts (originals and quotes) against the platform's target; none at all in the
  period breaks the value core, as on the plan.
- V2 when links are known: own posts pointing only to the organization's web domains and never
  elsewhere cost the full 25; posts without links are not pointers either way.
- I1 re-shares (micro-blogs): none in the period costs the re-share part (12).
- I2 replies: none costs the reply part (10); a median reply time over the channel's
  `response_target_hours` is the target part (3, low), citing the median and 90th percentile.
- I6 on the share of replies and re-shares among everything published; none at all breaks the
  interactivity core.
- G1 where links are known: a channel whose plan points to another channel only through posts
  (no standing link) and whose posts never linked there costs G1's 25.
- G2 where links are known: the share of its own posts linking to the one channel it links to
  most, above `one_target_max_share`, costs in proportion as on the plan.
- Who actually posted (a scheduler's "Created by") is recorded but not yet judged (R).
"""

from collections.abc import Iterator
from decimal import Decimal

from outreach.platforms import is_micro_blog
from strategy.activity_kinds import reshare_nouns

from .figures import PlanFigures
from .integration import main_pairs
from .principles import BILLBOARD, FAMILY_NOUNS, NO_CONTENT, NO_EXTERNAL, PARTS, PRINCIPLES
from .result import (
    ACTUAL,
    Finding,
    channel_finding,
    hours,
    low_finding,
    pct,
    proportional,
    rate,
)
from .snapshot import ActualFacts


def _period(facts: ActualFacts) -> str:
    weeks = round(facts.weeks)
    span = "week" if weeks == 1 else f"{weeks} weeks"
    return f"in the {span} to {facts.period_end:%-d %b %Y}"


def _billboard_or(facts: ActualFacts, fact: str) -> str:
    """No replies and no re-shares at all is one fact, the billboard (I6's core)."""
    return BILLBOARD if facts.interactive_share == 0 else fact


def _with_evidence(plan: PlanFigures):
    for channel in plan.channels:
        facts = plan.actual.get(channel.key)
        if facts is not None:
            yield channel, plan.figures[channel.key], facts


def e_v1(plan: PlanFigures) -> Iterator[Finding]:
    """Content posts kept the platform's cadence."""
    for channel, fig, facts in _with_evidence(plan):
        if facts.content is None:
            continue
        posted = facts.per_week(facts.content)
        target = fig.posts_target
        planned = f"planned {rate(fig.content_per_week, 'content post')}"
        if not facts.content:
            yield channel_finding(
                "V1",
                channel.key,
                PRINCIPLES["V1"].max_points,
                f"{channel.label} posted no content of its own {_period(facts)} ({planned}): "
                "it gave people nothing to follow it for.",
                f"Post the planned content on {channel.label}, or retire the channel.",
                fact=NO_CONTENT,
                core=True,
                side=ACTUAL,
            )
            continue
        if target <= 0:
            continue
        points = proportional(PRINCIPLES["V1"].max_points, 1 - posted / target)
        if points:
            yield channel_finding(
                "V1",
                channel.key,
                points,
                f"{channel.label} posted {rate(posted, 'content post')} {_period(facts)} "
                f"({planned}); {FAMILY_NOUNS[fig.family]} needs {rate(target, 'content post')}.",
                f"Keep the cadence on {channel.label}: {rate(target - posted, 'more content post')}"
                ", or plan what the people on it can really keep up.",
                side=ACTUAL,
            )


def e_v2(plan: PlanFigures) -> Iterator[Finding]:
    """Its posts pointed beyond the organization, not only to its own work."""
    for channel, _fig, facts in _with_evidence(plan):
        if facts.own_work is None or facts.external is None:
            continue
        if facts.own_work and not facts.external:
            yield channel_finding(
                "V2",
                channel.key,
                PRINCIPLES["V2"].max_points,
                f"{channel.label} pointed only to the organization's own work {_period(facts)}: "
                f"{facts.own_work} of its posts linked to its own site, none to anyone else's.",
                f"Point to good work by others on {channel.label} too, for instance 1 post in 3.",
                fact=NO_EXTERNAL,
                side=ACTUAL,
            )


def e_i1(plan: PlanFigures) -> Iterator[Finding]:
    """A micro-blog re-shared other people's posts."""
    for channel, fig, facts in _with_evidence(plan):
        if not is_micro_blog(channel.platform) or facts.reshares is None or facts.reshares:
            continue
        one, many = reshare_nouns(channel.platform)
        yield channel_finding(
            "I1",
            channel.key,
            PARTS["I1"]["reshares"],
            f"{channel.label} made no {many} of other people's posts {_period(facts)} (planned "
            f"{rate(fig.per_week('retweet'), one, many)}).",
            f"Make a few {many} a week of relevant posts by the accounts {channel.label} follows.",
            fact=_billboard_or(facts, ""),
            side=ACTUAL,
        )


def e_i2(plan: PlanFigures) -> Iterator[Finding]:
    """It answered people, and soon enough."""
    for channel, fig, facts in _with_evidence(plan):
        if facts.replies is None:
            continue
        if not facts.replies:
            yield channel_finding(
                "I2",
                channel.key,
                PARTS["I2"]["reply"],
                f"{channel.label} answered nobody {_period(facts)} (planned "
                f"{rate(fig.per_week('reply'), 'reply', 'replies')}).",
                f"Answer the people who reply to or mention {channel.label}.",
                fact=_billboard_or(facts, ""),
                side=ACTUAL,
            )
        target = channel.response_target_hours
        median = facts.reply_delay_median_hours
        if target and median is not None and median > target:
            yield low_finding(
                "I2",
                channel.key,
                PARTS["I2"]["response_target"],
                f"{channel.label} answered after {hours(median)} (median; 90% within "
                f"{hours(facts.reply_delay_p90_hours)}) {_period(facts)}; the target is "
                f"{target} h.",
                f"Check {channel.label}'s replies and mentions more often, or set a target the "
                "people on it can keep.",
                side=ACTUAL,
            )


def e_i6(plan: PlanFigures) -> Iterator[Finding]:
    """A real share of what it published was interactive."""
    minimum = plan.threshold("interactive_share_min")
    for channel, fig, facts in _with_evidence(plan):
        share = facts.interactive_share
        if share is None:
            continue
        planned = f"planned {pct(fig.interactive_share or 0)}"
        if not share:
            yield channel_finding(
                "I6",
                channel.key,
                PRINCIPLES["I6"].max_points,
                f"{channel.label} published nothing interactive {_period(facts)}: no replies, "
                f"no re-shares in {facts.items} posts ({planned}). It acted as a billboard.",
                f"Answer people and re-share others' posts on {channel.label}, or retire it.",
                fact=BILLBOARD,
                core=True,
                side=ACTUAL,
            )
            continue
        if minimum <= 0:
            continue
        points = proportional(PRINCIPLES["I6"].max_points, 1 - share / minimum)
        if points:
            yield channel_finding(
                "I6",
                channel.key,
                points,
                f"Only {pct(share)} of what {channel.label} published {_period(facts)} was "
                f"replies or re-shares ({planned}); at least {pct(minimum)} should be.",
                f"Reply and re-share more on {channel.label}, or post fewer announcements.",
                side=ACTUAL,
            )


def e_g1(plan: PlanFigures) -> Iterator[Finding]:
    """An identity's main channels, planned to point at each other through their posts, did."""
    for source, target in main_pairs(plan):
        facts = plan.actual.get(source.key)
        fig = plan.figures[source.key]
        if facts is None or facts.to_channels is None:
            continue
        if target.key in fig.links_out or target.key not in fig.points_to:
            continue  # a standing link covers it; or the plan's own G1 already speaks
        if facts.to_channels.get(target.key):
            continue
        yield channel_finding(
            "G1",
            source.key,
            PRINCIPLES["G1"].max_points,
            f"{source.label} planned {rate(fig.points_to[target.key], 'post')} pointing to "
            f"{target.label}, but none of its posts linked there {_period(facts)}.",
            f"Link {target.label}'s new material from {source.label}, or add a standing link "
            "(profile link, embed) between them.",
            side=ACTUAL,
        )


def e_g2(plan: PlanFigures) -> Iterator[Finding]:
    """Its posts sent traffic on, but not all of it to one channel."""
    max_share = plan.threshold("one_target_max_share")
    if max_share >= 1:
        return
    for channel, _fig, facts in _with_evidence(plan):
        # Only the other active channels count (plan.identities holds the active ones).
        pointed = {
            key: n
            for key, n in (facts.to_channels or {}).items()
            if n and key in plan.identities and key != channel.key
        }
        if not pointed or not facts.content:
            continue
        target, posts = max(pointed.items(), key=lambda item: item[1])
        share = Decimal(posts) / Decimal(facts.content)
        points = proportional(PRINCIPLES["G2"].max_points, (share - max_share) / (1 - max_share))
        if points:
            yield channel_finding(
                "G2",
                channel.key,
                points,
                f"{posts} of the {facts.content} own posts of {channel.label} {_period(facts)} "
                f"linked to {plan.label(target)} ({pct(share)}); at most {pct(max_share)} "
                "should go to one channel.",
                f"Point more of {channel.label}'s posts to outside work or to your own site.",
                side=ACTUAL,
            )


CHECKS = (e_v1, e_v2, e_i1, e_i2, e_i6, e_g1, e_g2)
