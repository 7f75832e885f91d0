"""Worker processes that die with their parent and never hold its pipes: the one pool factory.

Both process pools (`Verordening.evaluate_many` and `impact`) are made by `maak_pool`. Its
workers, when they start:

- close their standard input and output: 0, 1 and 2 point to ``/dev/null``, so a caller
  that reads the parent's stdout or stderr sees end-of-file when the parent ends, not when
  the last worker does (a worker's errors travel to the parent as exceptions anyway);
- ignore Ctrl-C (SIGINT), from the first instruction on (it is blocked while they start):
  the parent handles it and shuts the pool down, so the terminal shows one "Afgebroken.",
  not a traceback per worker;
- watch their parent: on Linux the kernel sends a signal when the parent ends
  (``prctl(PR_SET_PDEATHSIG)``); everywhere a thread polls ``os.getppid()`` twice a second.
  Either way the worker exits as soon as its parent process is gone, also after SIGKILL.

``PR_SET_PDEATHSIG`` fires when the *thread* that started the worker ends, which need not
be the end of the process (a pool used from a server thread); so the signal only makes the
worker look, and it exits only when ``os.getppid()`` is no longer the parent's pid.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

#: Seconds between two looks at the parent by the watch thread.
INTERVAL = 0.5

_PR_SET_PDEATHSIG = 1


def _weg_als_wees(ouder: int) -> None:
    if os.getppid() != ouder:
        os._exit(1)


def _kijk(ouder: int) -> None:
    while True:
        _weg_als_wees(ouder)
        time.sleep(INTERVAL)


def _doodsignaal(ouder: int) -> None:
    if not sys.platform.startswith("linux") or not hasattr(signal, "SIGUSR1"):
        return
    signal.signal(signal.SIGUSR1, lambda _nr, _frame: _weg_als_wees(ouder))
    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGUSR1), 0, 0, 0)


def _naar_devnull() -> None:
    leeg = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in (0, 1, 2):
            with contextlib.suppress(OSError):
                os.dup2(leeg, fd)
    finally:
        os.close(leeg)


class _Proces(multiprocessing.context.SpawnProcess):
    """A spawned process whose start a Ctrl-C cannot cut in half.

    SIGINT is blocked while it starts (as CPython's resource tracker does); the block is
    inherited through ``exec``, so a Ctrl-C while the worker is still importing cannot
    print a traceback, and `bewaak_ouder` then ignores SIGINT and lifts the block. In the
    parent, a Ctrl-C that arrives meanwhile (another thread may take the signal and Python
    raises it in the main thread all the same) is held back until the start is complete:
    a child started but never sent its instructions would hold the pool's pipes open and
    make the pool's shutdown wait for ever.
    """

    def start(self) -> None:
        """Start the process; a Ctrl-C meanwhile is raised once it has started."""
        hoofd = threading.current_thread() is threading.main_thread()
        uitgesteld: list[int] = []
        vorige = (
            signal.signal(signal.SIGINT, lambda nr, _: uitgesteld.append(nr)) if hoofd else None
        )
        masker = (
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            if hasattr(signal, "pthread_sigmask")
            else None
        )
        try:
            super().start()
        finally:
            if masker is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, masker)
            if hoofd:
                signal.signal(signal.SIGINT, vorige if vorige is not None else signal.SIG_DFL)
        if uitgesteld and callable(vorige):
            vorige(signal.SIGINT, None)


class _Context(multiprocessing.context.SpawnContext):
    """The spawn context of one pool; it remembers every process it started (`beeindig`)."""

    def __init__(self) -> None:
        super().__init__()
        self.processen: weakref.WeakSet[_Proces] = weakref.WeakSet()

    def Process(self, *args: Any, **kwargs: Any) -> _Proces:  # type: ignore[override]  # noqa: N802 - the multiprocessing name
        """A new worker process of this pool (not started yet)."""
        proces = _Proces(*args, **kwargs)
        self.processen.add(proces)
        return proces


#: The context of each pool made here, to find every worker again, also one whose start
#: was interrupted before the pool recorded it.
_CONTEXTEN: weakref.WeakKeyDictionary[concurrent.futures.ProcessPoolExecutor, _Context] = (
    weakref.WeakKeyDictionary()
)


def bewaak_ouder(ouder: int) -> None:
    """Make this process a well-behaved worker of ``ouder`` (see the module docstring)."""
    with contextlib.suppress(ValueError):  # not the main thread: keep the handler
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _naar_devnull()
    _doodsignaal(ouder)
    threading.Thread(target=_kijk, args=(ouder,), name="ouder-wacht", daemon=True).start()
    _weg_als_wees(ouder)  # the parent may have ended before the watch started


def _start(ouder: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    bewaak_ouder(ouder)
    if initializer is not None:
        initializer(*initargs)


def maak_pool(
    processen: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> concurrent.futures.ProcessPoolExecutor:
    """A spawn-context process pool whose workers die with this process.

    ``initializer`` (a module-level function, pickled by name) runs in each worker after
    the parent watch is in place.
    """
    context = _Context()
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=processen,
        mp_context=context,
        initializer=_start,
        initargs=(os.getpid(), initializer, initargs),
    )
    _CONTEXTEN[pool] = context
    return pool


def beeindig(pool: concurrent.futures.ProcessPoolExecutor) -> None:
    """Stop a pool at once (Ctrl-C, an error): drop the queue and end the workers now.

    ``shutdown(wait=False)`` alone leaves the interpreter waiting at exit until every
    worker has finished its current chunk (workers ignore Ctrl-C); here they get SIGTERM
    first, every one this pool started (also one whose start a Ctrl-C cut short).
    """
    context = _CONTEXTEN.get(pool)
    for proces in list(context.processen) if context is not None else []:
        if proces.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(proces.pid, signal.SIGTERM)
    # Now wait for the pool's manager thread (quick: its workers are gone). Leaving it running
    # into interpreter exit races with concurrent.futures' exit hook (an EBADF traceback).
    with contextlib.suppress(OSError):
        pool.shutdown(wait=True, cancel_futures=True)
