"""The verdict bands in whole scores and in words, derived from the thresholds given. Plain
functions, no database."""

from audits.rubric.verdicts import band_ranges, bands_in_words


def test_the_bands_hold_the_whole_scores_the_thresholds_give_them():
    """healthy_from 80: fix or retire 0-39, needs work 40-79, healthy 80-100; in words best
    first; a fractional threshold starts its band at the next whole score, and a band no score
    falls into is left out."""
    assert [(r.band, r.low, r.high) for r in band_ranges({"healthy_from": 80})] == [
        ("fix_or_retire", 0, 39),
        ("needs_work", 40, 79),
        ("healthy", 80, 100),
    ]
    assert (
        bands_in_words(None) == "70 and above healthy, 40 to 69 needs work, below 40 fix or retire"
    )
    assert bands_in_words({"healthy_from": 72.5, "fix_or_retire_below": 0}) == (
        "73 and above healthy, below 73 needs work"
    )
