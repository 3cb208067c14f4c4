"""The importers of actual activity against the real export files of ../shared/evidence.

    make check-evidence     (or: .venv/bin/python bench/check_evidence.py [FOLDER])

It builds one organization with a channel per account in a throw-away SQLite database, imports
every file with `import_posts` (naming the channel where a file does not say which account
posted, and the columns of the other tools' CSVs), reads `actual_activity --json` and compares
each channel's totals with what a careful person counts by reading the files (their README
says where each comes from). It prints a table and exits 1 on any refused file or mismatch.
Without the folder it says so and exits 0: the files are not part of the project.
"""

import atexit
import glob
import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FOLDER = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "evidence")
WORKDIR = Path(tempfile.mkdtemp(prefix="check-evidence-"))
atexit.register(shutil.rmtree, WORKDIR, ignore_errors=True)
DATABASE = WORKDIR / "evidence.sqlite3"
os.environ.update(
    DJANGO_SETTINGS_MODULE="outreach.settings",
    DJANGO_DEBUG="1",
    DATABASE_URL=f"sqlite:///{DATABASE}",
    CELERY_BROKER_URL="",
    LOG_LEVEL="WARNING",
)

SLUG = "evidence-check"
# key, platform, name, handle: one channel per account the files hold.
CHANNELS = [
    ("x-ropensci", "twitter", "rOpenSci on X", "@rOpenSci"),
    ("x-rtiatmla", "twitter", "RTI for Librarians on X", "@RTIatMLA"),
    ("ma-mikrotik", "mastodon", "MikroTik on Mastodon", "@mikrotik@mikrotik.social"),
    ("bs-benoist", "bluesky", "benoist.dev on Bluesky", "@benoist.dev"),
    ("ig-veg3", "instagram", "VEG3 on Instagram", "veg3.ai"),
    ("ig-vcc", "instagram", "Vegan Creative Compass on Instagram", "vegancreativecompass"),
    ("fb-genv", "facebook", "GenV on Facebook", ""),
    ("x-genv-eng", "twitter", "GenV on X (English)", "@GenV_Eng"),
    ("x-genv-esp", "twitter", "GenV on X (Spanish)", "@GenV_Esp"),
    ("li-genv", "linkedin", "GenV on LinkedIn", ""),
    ("li-att", "linkedin", "Animal Think Tank on LinkedIn", ""),
]
TOOL_COLUMNS = "date=Date,text=Content,link=Url,author=Created by"
# Files (globs under FOLDER), how many the glob must find, and import_posts' options: the files
# that name no account get a channel; the other tools' CSVs get their columns named.
IMPORTS = [
    ("x_analytics_csv/tweet_activity_metrics_rOpenSci_*_en.csv", 12, {}),
    ("x_archive_js/RTIatMLA/tweet.js", 1, {"channel": "x-rtiatmla"}),
    ("mastodon/mikrotik/outbox.json", 1, {}),
    ("bluesky/benoist.dev/getAuthorFeed.json", 1, {}),
    ("meta_instagram_csv/veg3_ig.csv", 1, {}),
    ("tool_export_csv/genv/genv_facebook.csv", 1, {"channel": "fb-genv", "columns": TOOL_COLUMNS}),
    ("tool_export_csv/genv/genv_twitter.csv", 1, {}),  # each row's Url names its account
    ("linkedin_nearest/genv_linkedin.csv", 1, {"channel": "li-genv", "columns": TOOL_COLUMNS}),
    (
        "linkedin_nearest/Animal Think Tank Linkedin.csv",
        1,
        {
            "channel": "li-att",
            "columns": "date=postTimestamp,text=postContent,link=postUrl,kind=action",
        },
    ),
]
# What reading the files gives, per channel (None: not checked). "first"/"last": the months.
EXPECTED = {
    # 12 monthly analytics CSVs, 411 rows, all of 2018 (UTC); pure retweets are left out.
    "x-ropensci": {"items": 411, "first": "2018-01", "last": "2018-12"},
    # The archive: 70 tweets, 12 "RT @" retweets, 14 replies all to @RTIatMLA itself (threads).
    "x-rtiatmla": {"items": 70, "replies": 0, "reshares": 12},
    # 35 Create (12 of them answer other accounts) and 21 Announce (boosts).
    "ma-mikrotik": {"items": 56, "originals": 23, "replies": 12, "reshares": 21},
    # The first page of the author feed: 28 reposts, 2 own posts.
    "bs-benoist": {"items": 30, "originals": 2, "replies": 0, "reshares": 28},
    "ig-veg3": {"items": 72},
    "ig-vcc": {"items": 4},
    # 2,601 rows, two of them the same photo (the same Url): 2,600 posts.
    "fb-genv": {"items": 2600},
    "x-genv-eng": {"items": 464},
    "x-genv-esp": {"items": 38},
    "li-genv": {"items": 35},
    # The scrape's action column: 76 "Post", 2 "Animal Think Tank reposted this".
    "li-att": {"items": 78, "originals": 76, "reshares": 2},
}
FIELDS = ("items", "originals", "replies", "reshares")


def setup_organization():
    from outreach.models import Channel, Organization

    organization = Organization.objects.create(name="Evidence check", slug=SLUG)
    for key, platform, name, handle in CHANNELS:
        channel = Channel(
            organization=organization, key=key, platform=platform, name=name, handle=handle
        )
        channel.full_clean()
        channel.save()


def import_files(call_command, CommandError) -> list[str]:
    """Import every file; the refusals, each as import_posts wrote it."""
    refused = []
    for pattern, count, options in IMPORTS:
        files = sorted(glob.glob(str(FOLDER / pattern)))
        if len(files) != count:
            refused.append(f"{pattern}: {len(files)} files found, {count} expected")
            continue
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import_posts", SLUG, *files, stdout=out, stderr=err, **options)
        except CommandError as error:
            refused.append(f"{pattern}: {error} {err.getvalue().strip()}")
    return refused


def totals(channel: dict) -> dict:
    """A channel's counts over all its months; None where any month cannot tell."""
    months = channel["months"]
    result = {}
    for field in FIELDS:
        values = [counts[field] for counts in months.values()]
        result[field] = None if any(v is None for v in values) else sum(values)
    result["first"], result["last"] = min(months), max(months)
    return result


def main() -> int:
    if not FOLDER.is_dir():
        print(f"{FOLDER} is not here: no real export files to check against.")
        return 0

    import django

    django.setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command("migrate", verbosity=0)
    setup_organization()
    refused = import_files(call_command, CommandError)
    out = io.StringIO()
    call_command("actual_activity", SLUG, "--json", stdout=out)
    activity = {c["key"]: totals(c) for c in json.loads(out.getvalue())["channels"]}

    def cell(got, want) -> str:
        shown = "?" if got is None else str(got)
        return shown if want is None or got == want else f"{shown}≠{want}"

    header = f"{'channel':<12} {'items':>10} {'originals':>10} {'replies':>10} {'reshares':>10}"
    print(f"{header}  {'months':<17}  check")
    mismatches = 0
    for key, _, _, _ in CHANNELS:
        want = EXPECTED[key]
        got = activity.get(key, {f: 0 for f in FIELDS} | {"first": "", "last": ""})
        wrong = [f for f, value in want.items() if got[f] != value]
        mismatches += bool(wrong)
        cells = " ".join(f"{cell(got[f], want.get(f)):>10}" for f in FIELDS)
        months = f"{got['first']}…{got['last']}"
        if "first" in wrong or "last" in wrong:
            months += f"≠{want['first']}…{want['last']}"
        print(f"{key:<12} {cells}  {months:<17}  {'MISMATCH' if wrong else 'ok'}")
    print("(? : the format cannot tell; a≠b : got a, the files hold b)")
    for line in refused:
        print(f"REFUSED {line}")
    if mismatches or refused:
        print(f"{mismatches} channel(s) off, {len(refused)} import(s) refused.")
        return 1
    print(f"All {len(CHANNELS)} channels count as the files do.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
