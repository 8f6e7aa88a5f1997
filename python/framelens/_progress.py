"""Progress bars for long corpus loads and comparisons: tqdm when the run is interactive (a notebook
or a terminal), silent otherwise. ``FRAMELENS_PROGRESS=0|1`` overrides the detection."""
from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")


def _interactive() -> bool:
    env = os.environ.get("FRAMELENS_PROGRESS")
    if env is not None:
        return env not in ("0", "false", "no", "")
    if "ipykernel" in sys.modules:  # a Jupyter kernel
        try:
            from IPython import get_ipython

            shell = get_ipython()
            return shell is not None and "IPKernelApp" in shell.config
        except Exception:  # pragma: no cover - IPython internals
            return False
    return hasattr(sys.stderr, "isatty") and sys.stderr.isatty()


def progress(iterable: Iterable[T], total: int | None = None, desc: str | None = None, enabled: bool | None = None) -> Iterator[T]:
    """Wrap ``iterable`` in a tqdm bar when ``enabled`` (default: only in interactive runs).

    >>> list(progress(range(3), enabled=False))
    [0, 1, 2]
    """
    if enabled is None:
        enabled = _interactive()
    if not enabled:
        return iter(iterable)
    try:
        import importlib.util

        if importlib.util.find_spec("ipywidgets") is not None:
            from tqdm.auto import tqdm  # a widget in notebooks, text in terminals
        else:
            from tqdm import tqdm  # text bar; tqdm.auto would warn in a notebook without ipywidgets
    except ImportError:
        return iter(iterable)
    return iter(tqdm(iterable, total=total, desc=desc, leave=False))


class phases:
    """A bar over named phases of one long call: ``step(name)`` as each starts, ``close()`` at the end.

    >>> bar = phases(["a", "b"], enabled=False)
    >>> bar.step("a"); bar.step("b"); bar.close(); bar.done
    ['a', 'b']
    """

    def __init__(self, names: list[str], desc: str | None = None, enabled: bool | None = None) -> None:
        self.names = list(names)
        self.done: list[str] = []
        self.enabled = _interactive() if enabled is None else bool(enabled)
        self._bar = None
        if self.enabled:
            try:
                from tqdm import tqdm
            except ImportError:
                self.enabled = False
            else:
                self._bar = tqdm(total=len(self.names), desc=desc, leave=False)

    def step(self, name: str) -> None:
        if self._bar is not None and self.done:
            self._bar.update(1)  # the previous phase is over
        self.done.append(name)
        if self._bar is not None:
            self._bar.set_postfix_str(name)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.update(len(self.names) - self._bar.n)
            self._bar.close()
