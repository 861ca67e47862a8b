"""llama.cpp's raw speed on this machine with the default agent model: load, prompt and generation (issue 18).

    .venv/bin/python benchmarks/llama_speed.py [--extra auto|on|off] [--threads N] [--repeat 3] [--json]

Loads the model as ``models.local`` does (2 threads on 2 cores, its context size), then, ``--repeat`` times, reads
a fixed prompt (the start of README.md, ~1,200 tokens) from an empty cache and generates 64 tokens greedily. Prints
tokens per second, and the CPU seconds the process spent (all its threads) on each: on a shared machine wall time
says more about the other work than about llama.cpp, and with ``--threads 1`` no thread waits for another, so the
CPU seconds are the work itself. ``--extra`` decides llama.cpp's extra buffer types (repacked weights: AMX tiles,
AVX interleaved blocks); ``auto`` asks ``models.local_cpu``'s probe, as the agent does. Which buffer types the
weights went to is read from llama.cpp's own log. ``LLAMA_CPP_LIB_PATH`` (llama-cpp-python's own setting) points it
at another build's libraries.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def _buffer_types(log: str) -> list[str]:
    """The model buffers llama.cpp reported at load ("AMX model buffer size = ...")."""
    return sorted({line.split("load_tensors:")[1].split("model buffer")[0].strip()
                   for line in log.splitlines() if "model buffer size" in line and "load_tensors:" in line})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="qwen-1.5b")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--extra", choices=("auto", "on", "off"), default="auto")
    parser.add_argument("--threads", type=int, default=0, help="llama.cpp's threads (default: as models.local)")
    parser.add_argument("--chars", type=int, default=4200, help="prompt: this many characters of README.md")
    parser.add_argument("--gen", type=int, default=64, help="tokens to generate")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    from llama_cpp import Llama

    from macrohard.models.local_cpu import extra_buffers_ok, without_extra_buffers
    from macrohard.models.local_specs import SPECS, find_weights

    spec = SPECS[args.model]
    path = find_weights(spec)
    extra = extra_buffers_ok(path) if args.extra == "auto" else args.extra == "on"
    threads = args.threads or max(1, min(4, len(os.sched_getaffinity(0))))

    def build() -> Llama:
        return Llama(model_path=str(path), n_ctx=spec.n_ctx, n_threads=threads, n_threads_batch=threads,
                     verbose=True, seed=0)

    # llama.cpp logs to fd 2: catch it in a file to read which buffer types the weights went to
    with tempfile.TemporaryFile(mode="w+") as log:
        saved = os.dup(2)
        os.dup2(log.fileno(), 2)
        try:
            t0 = time.perf_counter()
            llm = build() if extra else without_extra_buffers(build)
            load_s = time.perf_counter() - t0
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        log.seek(0)
        buffers = _buffer_types(log.read())
    llm.verbose = False
    tokens = llm.tokenize(README[:args.chars].encode())
    prompt_tps, gen_tps, prompt_cpu, gen_cpu, texts = [], [], [], [], []
    for _ in range(args.repeat):
        llm.reset()
        llm._ctx.kv_cache_clear()  # an empty cache: every prompt token is read again
        t0, c0 = time.perf_counter(), time.process_time()
        llm.eval(tokens)
        prompt_tps.append(len(tokens) / (time.perf_counter() - t0))
        prompt_cpu.append(time.process_time() - c0)
        out = []
        t0, c0 = time.perf_counter(), time.process_time()
        for tok in llm.generate([], temp=0.0, reset=False):
            out.append(tok)
            if len(out) == args.gen:
                break
        gen_tps.append(len(out) / (time.perf_counter() - t0))
        gen_cpu.append(time.process_time() - c0)
        texts.append(llm.detokenize(out).decode(errors="replace"))
    row = {"extra_buffers": extra, "buffers": buffers, "threads": threads, "load_s": round(load_s, 2),
           "prompt_tokens": len(tokens), "prompt_tps": round(statistics.median(prompt_tps), 1),
           "gen_tps": round(statistics.median(gen_tps), 2),
           "prompt_cpu_s": round(statistics.median(prompt_cpu), 2), "gen_cpu_s": round(statistics.median(gen_cpu), 2), "same_text": len(set(texts)) == 1,
           "text": texts[0][:60], "load": os.getloadavg()[0]}
    if args.json:
        print(json.dumps(row))
    else:
        print(f"extra buffers {'on' if extra else 'off'} ({', '.join(buffers)}), {threads} threads: load "
              f"{row['load_s']} s, prompt {row['prompt_tps']} tok/s ({len(tokens)} tokens), generation "
              f"{row['gen_tps']} tok/s; CPU seconds: prompt {row['prompt_cpu_s']}, {args.gen} tokens {row['gen_cpu_s']}; "
              f"load average {row['load']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
