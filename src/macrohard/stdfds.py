"""One lock for every swap of this process's stdout and stderr file descriptors (1 and 2).

llama.cpp's Python binding silences a model load with ``verbose=False`` by ``dup2``-ing /dev/null over fds 1 and 2
and back (``llama_cpp._utils.suppress_stdout_stderr``), and the Gemma tokenizer's load does the same for fd 2. Two
such swaps in two threads at once interleave: the second saves the first one's /dev/null as "the original" and puts
it back last, so the process's stdout and stderr stay on /dev/null for good. rel44 found it through
`macrohard eval run tiny --workers 12`: exit 0 and nothing printed, not the progress, not the report, and any error
after it would have been as silent. Every load that swaps them holds ``SWAP``.
"""

from __future__ import annotations

import threading

SWAP = threading.RLock()
