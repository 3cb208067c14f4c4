"""Which channel a post belongs to, and where its links point: the organization's own web
domains, one of its channels, or elsewhere. Plain Python over the channels' facts.

Accounts and handles are compared in one normal form: lower case, without a leading "@" or
the network's address ("https://twitter.com/rOpenSci", "@rOpenSci" and "ropensci" are one
account; a Mastodon account keeps its server: "mikrotik@mikrotik.social").
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from outreach.models import Channel, Organization

from .formats.base import FormatInfo, ParsedPost
from .formats.csvtools import NETWORK_SHORTENERS

# The platform of a channel that holds each network's posts.
NETWORK_PLATFORMS = {
    "x": "twitter",
    "mastodon": "mastodon",
    "bluesky": "bluesky",
    "facebook": "facebook",
    "instagram": "instagram",
    "linkedin": "linkedin",
}
_PROFILE_HOSTS = re.compile(
    r"^(www\.|mobile\.|m\.)?(twitter\.com|x\.com|facebook\.com|instagram\.com|linkedin\.com|"
    r"bsky\.app)$"
)

OWN_WORK = "own"
CHANNEL = "channel"
ELSEWHERE = "elsewhere"
UNKNOWN_TARGET = "unknown"  # a network's short link (t.co): the file does not say where


def account_key(value: str) -> str:
    """An account or handle in its normal form ('' for none)."""
    value = (value or "").strip()
    if "://" in value:
        parts = urlsplit(value)
        host = (parts.hostname or "").lower()
        path = [p for p in parts.path.split("/") if p]
        if path and path[0] in ("company", "profile") and len(path) > 1:
            path = path[1:]  # linkedin.com/company/acme, bsky.app/profile/acme.bsky.social
        if path and path[0].startswith("@"):  # a Mastodon profile: https://host/@name
            return f"{path[0][1:]}@{host}".lower()
        value = path[0] if path else host
    return value.lstrip("@").lower()


def web_host(url: str) -> str:
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


@dataclass
class ChannelMatcher:
    channels: list[Channel]
    domains: list[str]

    @classmethod
    def for_organization(cls, organization: Organization) -> "ChannelMatcher":
        return cls(
            channels=list(Channel.objects.for_organization(organization).order_by("id")),
            domains=[d.strip().lower().removeprefix("www.") for d in organization.web_domains],
        )

    def _by_account(self, network: str) -> dict[str, Channel]:
        platform = NETWORK_PLATFORMS.get(network)
        return {
            account_key(c.handle): c
            for c in self.channels
            if c.handle and (platform is None or c.platform == platform)
        }

    def channel_for(self, post: ParsedPost, info: FormatInfo, *, chosen: Channel | None):
        """The channel whose handle names the post's account; else the chosen one; else None."""
        match = self._by_account(post.network).get(account_key(post.account))
        return match or chosen

    def unmatched_accounts(self, posts, info: FormatInfo, *, chosen: Channel | None) -> list[str]:
        """The accounts of posts that would have no channel (empty when all have one)."""
        if chosen is not None:
            return []
        return sorted(
            {
                post.account or ""
                for post in posts
                if self.channel_for(post, info, chosen=None) is None
            }
        )

    def unmatched_message(self, file_name: str, accounts: list[str], info: FormatInfo) -> str:
        named = [f"'{a}'" for a in accounts if a]
        if not named:
            return (
                f"{file_name}: the file does not say which account posted it. Choose the "
                "channel it belongs to and upload it again."
            )
        return (
            f"{file_name}: no channel has the handle of the account{'s' if len(named) > 1 else ''} "
            f"{', '.join(named)} ({info.label}). Choose the channel these posts belong to, or "
            "set the channel's handle, and upload the file again."
        )

    def link_target(self, url: str, *, channel: Channel) -> tuple[str, str | None]:
        """Where a link points: (OWN_WORK, None), (CHANNEL, key of the other channel),
        (ELSEWHERE, None), or (UNKNOWN_TARGET, None) for a network's short link."""
        host = web_host(url)
        if host in NETWORK_SHORTENERS:
            return UNKNOWN_TARGET, None
        if any(host == d or host.endswith("." + d) for d in self.domains):
            return OWN_WORK, None
        target = account_key(url) if _PROFILE_HOSTS.match(host) or "/@" in url else None
        for other in self.channels:
            if other.pk == channel.pk or not other.handle:
                continue
            if target and account_key(other.handle) == target:
                return CHANNEL, other.key
            if (
                "://" in other.handle
                and web_host(other.handle) == host
                and not _PROFILE_HOSTS.match(host)
            ):
                return CHANNEL, other.key  # a blog or site channel named by its address
        return ELSEWHERE, None
