"""Evidence retention and quota: what goes first, and nothing more than needed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from station.evidence.retention import KeptClip, PruneReason, clips_to_prune

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
clip_lists = st.lists(
    st.tuples(st.integers(0, 200 * 24 * 3600), st.integers(0, 50_000_000)), max_size=30
).map(lambda xs: [KeptClip(i + 1, NOW - timedelta(seconds=age), size)
                  for i, (age, size) in enumerate(xs)])


def test_oldest_go_first_until_the_rest_fits():
    clips = [KeptClip(1, NOW - timedelta(days=3), 40), KeptClip(2, NOW - timedelta(days=1), 40),
             KeptClip(3, NOW - timedelta(days=2), 40)]
    assert clips_to_prune(clips, NOW, 90, 80) == [(1, PruneReason.QUOTA)]
    assert clips_to_prune(clips, NOW, 90, 40) == [(1, PruneReason.QUOTA), (3, PruneReason.QUOTA)]
    assert clips_to_prune(clips, NOW, 2, 1000) == [(1, PruneReason.RETENTION)]


@given(clip_lists, st.integers(1, 120), st.integers(0, 500_000_000))
def test_pruning_rules(clips, days, quota):
    pruned = clips_to_prune(clips, NOW, days, quota)
    ids = [i for i, _why in pruned]
    by_id = {c.clip_id: c for c in clips}
    cutoff = NOW - timedelta(days=days)
    kept = [c for c in clips if c.clip_id not in ids]
    assert len(set(ids)) == len(ids)
    # everything past retention goes, nothing else for that reason
    assert {i for i, why in pruned if why is PruneReason.RETENTION} == {
        c.clip_id for c in clips if c.ended_at < cutoff}
    # what is kept fits the quota...
    assert sum(c.size_bytes for c in kept) <= quota
    quota_ids = [i for i, why in pruned if why is PruneReason.QUOTA]
    if quota_ids:
        # ...every clip pruned for quota is older than every clip kept (oldest first)...
        newest_pruned = max(by_id[i].ended_at for i in quota_ids)
        assert all(c.ended_at >= newest_pruned for c in kept)
        # ...and without the last one pruned it would not have fitted (nothing extra goes)
        last = by_id[quota_ids[-1]]
        assert sum(c.size_bytes for c in kept) + last.size_bytes > quota
