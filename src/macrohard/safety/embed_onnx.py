"""The full MiniLM as an ONNX graph for onnxruntime: written from the safetensors weights (no torch), int8-quantised.

``build()`` writes the graph with the ``onnx`` package's helper API (the ``screens`` extra) from the same weights as
``embed.MiniLM``, then quantises its weight matmuls to int8 (``onnxruntime.quantization.quantize_dynamic``) and
caches the result under the cache directory (install.sh runs ``python -m macrohard.safety.embed build``). At run time
only onnxruntime is needed (the ``voice`` extra's faster-whisper brings it); ``OnnxMiniLM.encode_ids`` gives the
mean-pooled, L2-normalised sentence embedding of token ids, one thread, ~5 ms for 64 tokens here (fp32: ~9 ms).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from macrohard.safety.embed import MiniLM

GRAPH_VERSION = 1


def graph_path(model_path: Path) -> Path:
    from macrohard.safety.embed import cache_dir

    weights = model_path / "model.safetensors"
    with open(weights, "rb") as fh:
        head = fh.read(1 << 16)
    key = hashlib.sha256(b"onnx:%d:%d:" % (GRAPH_VERSION, weights.stat().st_size) + head).hexdigest()[:16]
    return cache_dir() / f"minilm-{key}-int8.onnx"


def lock_path(graph: Path) -> Path:
    """The file a process preparing ``graph`` holds a lock on (``building``): ``minilm-KEY-int8.lock``."""
    return graph.with_suffix(".lock")


@contextlib.contextmanager
def building(graph: Path) -> Iterator[None]:
    """Held while this process prepares the screens and so will build ``graph``: another process that finds the graph
    missing says it is being built rather than advising a build (``being_built``; ux56: `macrohard serve`, started
    while a fresh HOME's first run prepared the screens, said to run install.sh). Never waits: two builders each
    write their own temporaries and one ``os.replace`` wins, as before."""
    import fcntl

    graph.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path(graph), "a") as fh:
        with contextlib.suppress(BlockingIOError):
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield  # closing the file releases the lock (a killed process's with it)


def being_built(graph: Path) -> bool:
    """Whether another process holds ``graph``'s lock (``building``) now."""
    import fcntl

    try:
        fh = open(lock_path(graph))  # noqa: SIM115 - closed below, which drops a lock taken here
    except OSError:
        return False
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        return False


def _graph(model: MiniLM):
    """The BERT encoder and mean pooling as an ONNX model: inputs ``ids`` (int64, B x N) and ``mask`` (float,
    B x N, 1 = real token); output ``pooled`` (B x 384, not normalised)."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    w, nodes, inits = model.w, [], []
    d = w["embeddings.word_embeddings.weight"].shape[1]
    hd = d // model.heads

    def const(name: str, value) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def op(kind: str, inputs: list[str], name: str, **attrs) -> str:
        nodes.append(helper.make_node(kind, inputs, [name], name=name, **attrs))
        return name

    def linear(x: str, prefix: str, out: str) -> str:
        mm = op("MatMul", [x, const(prefix + ".wT", np.ascontiguousarray(w[prefix + ".weight"].T))], out + "_mm")
        return op("Add", [mm, const(prefix + ".b", w[prefix + ".bias"])], out)

    def norm(x: str, prefix: str, out: str) -> str:
        return op("LayerNormalization", [x, const(prefix + ".g", w[prefix + ".weight"]),
                                         const(prefix + ".beta", w[prefix + ".bias"])], out, axis=-1, epsilon=1e-12)

    n = op("Slice", ["ids_shape", const("one", np.array([1])), const("two", np.array([2]))], "n")
    nodes.insert(0, helper.make_node("Shape", ["ids"], ["ids_shape"], name="ids_shape"))
    words = op("Gather", [const("word_emb", w["embeddings.word_embeddings.weight"]), "ids"], "words")
    pos = op("Slice", [const("pos_emb", w["embeddings.position_embeddings.weight"]), const("zero", np.array([0])), n,
                       "zero"], "pos")
    x = op("Add", [op("Add", [words, pos], "wp"), const("type_emb", w["embeddings.token_type_embeddings.weight"][0])],
           "emb")
    x = norm(x, "embeddings.LayerNorm", "x0")
    bias = op("Mul", [op("Sub", [const("f1", np.float32(1.0)), op("Unsqueeze", ["mask", const("ax12", np.array([1, 2]))],
                                                                   "mask4")], "inv"), const("neg", np.float32(-1e9))],
              "mask_bias")
    split_heads = const("split_heads", np.array([0, 0, model.heads, hd]))
    merge_heads = const("merge_heads", np.array([0, 0, d]))
    scale = const("scale", np.float32(1.0 / np.sqrt(hd)))
    for i in range(model.layers):
        p = f"encoder.layer.{i}."
        q, k, v = (op("Reshape", [linear(x, p + f"attention.self.{m}", f"l{i}{m}"), split_heads], f"l{i}{m}_h")
                   for m in ("query", "key", "value"))
        q = op("Transpose", [q], f"l{i}q_t", perm=[0, 2, 1, 3])
        k = op("Transpose", [k], f"l{i}k_t", perm=[0, 2, 3, 1])
        v = op("Transpose", [v], f"l{i}v_t", perm=[0, 2, 1, 3])
        att = op("Add", [op("Mul", [op("MatMul", [q, k], f"l{i}qk"), scale], f"l{i}qk_s"), bias], f"l{i}att")
        att = op("Softmax", [att], f"l{i}prob", axis=-1)
        ctx = op("Reshape", [op("Transpose", [op("MatMul", [att, v], f"l{i}ctx"), ], f"l{i}ctx_t", perm=[0, 2, 1, 3]),
                             merge_heads], f"l{i}ctx_m")
        ctx = linear(ctx, p + "attention.output.dense", f"l{i}ao")
        x = norm(op("Add", [x, ctx], f"l{i}res1"), p + "attention.output.LayerNorm", f"l{i}x1")
        h = linear(x, p + "intermediate.dense", f"l{i}ff1")
        erf = op("Erf", [op("Mul", [h, const(f"l{i}isq2", np.float32(1 / np.sqrt(2.0)))], f"l{i}hs")], f"l{i}erf")
        h = op("Mul", [op("Mul", [h, op("Add", [erf, const(f"l{i}one", np.float32(1.0))], f"l{i}erf1")], f"l{i}g0"),
                       const(f"l{i}half", np.float32(0.5))], f"l{i}gelu")
        h = linear(h, p + "output.dense", f"l{i}ff2")
        x = norm(op("Add", [x, h], f"l{i}res2"), p + "output.LayerNorm", f"l{i}x2")
    m3 = op("Unsqueeze", ["mask", const("ax2", np.array([2]))], "mask3")
    total = op("ReduceSum", [op("Mul", [x, m3], "masked"), "one"], "total", keepdims=0)
    count = op("ReduceSum", ["mask", "one"], "count", keepdims=1)
    op("Div", [total, count], "pooled")
    graph = helper.make_graph(
        nodes, "minilm",
        [helper.make_tensor_value_info("ids", TensorProto.INT64, ["b", "n"]),
         helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["b", "n"])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["b", d])], initializer=inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="macrohard")


def build(model: MiniLM) -> Path:
    """Write the int8 graph into the cache (reused when present) and return its path; the fp32 graph it is
    quantised from is only a temporary file."""
    out = graph_path(model.path)
    if out.is_file():
        return out
    import onnx

    _numpy_first()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.parent.mkdir(parents=True, exist_ok=True)
    from macrohard.safety.embed import sweep_temporaries

    sweep_temporaries(out)  # a killed build's (rel39)
    fp32, tmp = out.with_suffix(f".{os.getpid()}.fp32.tmp"), out.with_suffix(f".{os.getpid()}.tmp")
    try:
        onnx.save(_graph(model), fp32)
        weight_mms = [f"l{i}{m}_mm" for i in range(model.layers)
                      for m in ("query", "key", "value", "ao", "ff1", "ff2")]  # never the activation x activation ones
        # per-channel int8 weights: cosine >= 0.99 to the fp32 model (tested), half its CPU time
        logging.disable(logging.WARNING)  # its advice to pre-process (shape inference) is for image models
        quantize_dynamic(fp32, tmp, weight_type=QuantType.QInt8, per_channel=True, nodes_to_quantize=weight_mms,
                         op_types_to_quantize=["MatMul"])
        os.replace(tmp, out)
    finally:
        logging.disable(logging.NOTSET)
        for f in (fp32, tmp):
            f.unlink(missing_ok=True)
    return out


def _numpy_first() -> None:
    """Import numpy in this thread before onnxruntime. onnxruntime's C extension imports numpy's core from inside
    onnxruntime's import: a thread importing numpy at that moment takes the import locks in the other order, Python
    declares a deadlock and hands both threads a half-made numpy (ImportError "partially initialized module
    'numpy._core._multiarray_umath'"). Seen (rel50) as the web app's run that "could not start" while the answer
    screen's warm-up made this session; measured, 3 of 40 processes with two such threads, 0 of 40 with this."""
    import numpy  # noqa: F401


class OnnxMiniLM:
    """An onnxruntime session over the cached graph, one thread; ``FileNotFoundError`` when it was not built."""

    def __init__(self, path: Path, threads: int = 1) -> None:
        _numpy_first()
        import onnxruntime as ort

        if not path.is_file():
            raise FileNotFoundError(path)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])

    def encode_ids(self, batch: list[list[int]]) -> np.ndarray:
        """L2-normalised mean-pooled embeddings of token-id lists (each with [CLS] and [SEP])."""
        import numpy as np

        from macrohard.safety.embed import pad_batch

        ids, mask = pad_batch(batch)
        (pooled,) = self.session.run(None, {"ids": ids, "mask": mask})
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
