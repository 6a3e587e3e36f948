"""Rendering in a pool of processes gives what rendering in one process gives."""

from __future__ import annotations

import multiprocessing

import pytest

from build_tools.render import parallel
from build_tools.text.corpus import load_collection
from seed import SEED


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="no fork on this system: speeches are rendered one by one")
def test_pool_output_equals_serial_output():
    speeches = load_collection(SEED).speeches
    tasks = [(speech, script) for speech in speeches for script in ("hant", "hans")] * 2
    assert len(tasks) >= parallel.MIN_PARALLEL
    serial = [parallel.render_speech(speech, script) for speech, script in tasks]
    pooled = parallel.render_all(tasks, workers=2)
    assert pooled == serial
    assert [r.html for r in pooled] == [r.html for r in serial]


def test_few_tasks_are_rendered_here():
    speech = load_collection(SEED).speeches[2]
    assert parallel.render_all([(speech, "hant")], workers=8)[0].title_hant == speech.title


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="no fork on this system: groups are collated one by one")
def test_collations_on_every_core_equal_collations_here():
    from build_tools.analysis.collate import collate_witnesses
    from build_tools.analysis.collate import GroupCollation

    speeches = load_collection(SEED).speeches
    groups = [(speeches[2], speeches[3]), (speeches[3], speeches[2]), (speeches[0], speeches[1])]
    serial = [collate_witnesses(group) for group in groups]
    pooled = parallel.map_on_cores(collate_witnesses, groups, workers=2, minimum=1, chunk=1)
    assert all(isinstance(c, GroupCollation) for c in pooled)
    assert pooled == serial and repr(pooled) == repr(serial)
