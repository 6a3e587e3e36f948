"""Speeches rendered on every core: a pool of processes, output identical to one process.

MkDocs renders pages one after the other on one core; a speech's page does not depend on
any other speech, so the speeches a build has to render are rendered ahead in a pool and
handed to MkDocs from the cache. The workers are forked from the build's own process
after everything a rendering reads is in place (the converter with the corpus's rules,
jieba with the search's user dictionary), so each renders exactly what the build would
have; the results come back in the order of the tasks. Where ``fork`` is not available
(Windows) or there is little to render, everything is rendered here, one by one.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from build_tools.render.speech import RenderedSpeech, render_speech
from build_tools.text.model import Speech

T, R = TypeVar("T"), TypeVar("R")

# Below this many speeches to render, starting the workers costs more than it saves.
MIN_PARALLEL = 12
# Tasks sent to a worker at once: fewer round trips, still an even share at the end.
CHUNK = 4


def _render(task: tuple[Speech, str]) -> RenderedSpeech:
    speech, script = task
    return render_speech(speech, script)


def workers_available() -> int:
    """The cores this process may use (its affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def render_all(tasks: Sequence[tuple[Speech, str]], workers: int | None = None
               ) -> list[RenderedSpeech]:
    """``render_speech(speech, script)`` for every task, in order."""
    return map_on_cores(_render, tasks, workers)


def map_on_cores(function: Callable[[T], R], tasks: Sequence[T], workers: int | None = None,
                 minimum: int = MIN_PARALLEL, chunk: int = CHUNK) -> list[R]:
    """``function(task)`` for every task, in order, in forked workers when there are at
    least ``minimum`` tasks (``function`` a module's own, so workers find it by name)."""
    workers = min(workers or workers_available(), len(tasks))
    if (len(tasks) < minimum or workers < 2
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [function(task) for task in tasks]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(function, tasks, chunksize=chunk))
