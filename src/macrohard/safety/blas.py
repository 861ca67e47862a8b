"""One BLAS thread for the screens' small matrix products.

numpy's bundled OpenBLAS splits a product of a few dozen rows over every core; on the 2 shared cores a screen runs on,
its threads wait for each other (a 40-window head cost 4.4 ms of the screening thread's time instead of 0.06 ms,
measured under load). ``one_thread()`` limits the calling thread to one BLAS thread for the duration of a block
(``openblas_set_num_threads_local``, OpenBLAS 0.3.27 and later) and restores the setting after; without that
function (another BLAS, an older OpenBLAS) it does nothing. One thread also makes the products the same on every
machine (with several threads OpenBLAS may split the sums, so the last bits depend on the core count).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _set_local():
    try:
        import numpy as np

        for path in sorted((Path(np.__file__).resolve().parent.parent / "numpy.libs").glob("libscipy_openblas*.so*")):
            fn = getattr(ctypes.CDLL(str(path)), "openblas_set_num_threads_local", None)
            if fn is not None:
                fn.restype, fn.argtypes = ctypes.c_int, [ctypes.c_int]
                return fn
    except OSError:
        pass
    return None


@contextmanager
def one_thread() -> Iterator[None]:
    """BLAS calls of this thread inside the block use one thread."""
    fn = _set_local()
    if fn is None:
        yield
        return
    previous = fn(1)
    try:
        yield
    finally:
        fn(previous)
