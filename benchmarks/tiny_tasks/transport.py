"""In-process llama.cpp vs llama.cpp's OpenAI-compatible server, for the embedded model's steps.

    .venv/bin/python benchmarks/tiny_tasks/transport.py [--calls 4]

Both answer the same chat (the local backend's prompt for a first step) under the same JSON-schema
grammar, greedy. Prints the start-up cost (model load; server process start + load until it answers)
and the median time per call, side by side. This measurement chose in-process for ``--model local``.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from typing import Any

import httpx

TASKS = [
    "Create a file named a.txt containing the text one two",
    "Rename x.md to y.md",
    "Count the lines in big.csv and write the number to n.txt",
    "Delete the .bak files in the old directory",
]


def _chats() -> list[tuple[list[dict[str, str]], dict[str, Any]]]:
    from macrohard.models.local import LocalModel, action_schema
    from macrohard.models.local_examples import task_paths

    kinds = ["bash", "write_file", "finish"]
    out = []
    for task in TASKS:
        chat = LocalModel._chat(LocalModel.__new__(LocalModel), kinds, task, [])
        out.append((chat, action_schema(["bash", "write_file"], task_paths(task))))
    return out


def in_process(calls: int) -> tuple[float, list[float]]:
    import json

    from llama_cpp import LlamaGrammar

    from macrohard.models.local import model_path
    from macrohard.models.local_cpu import load_llama

    t0 = time.perf_counter()
    llm: Any = load_llama(model_path("smollm2"), n_ctx=2048, verbose=False)
    load = time.perf_counter() - t0
    times = []
    for i in range(calls):
        chat, schema = _chats()[i % len(TASKS)]
        grammar = LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)
        t0 = time.perf_counter()
        llm.create_chat_completion(messages=chat, grammar=grammar, temperature=0.0, max_tokens=200)
        times.append(time.perf_counter() - t0)
    return load, times


def server(calls: int) -> tuple[float, list[float]]:
    from macrohard.models.local import model_path
    from macrohard.models.local_cpu import server_command

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/v1"
    t0 = time.perf_counter()
    proc = subprocess.Popen([*server_command(model_path("smollm2")), "--model", str(model_path("smollm2")),
                             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(timeout=300) as client:
            while True:
                try:
                    if client.get(f"{base}/models", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.05)
            start = time.perf_counter() - t0
            times = []
            for i in range(calls):
                chat, schema = _chats()[i % len(TASKS)]
                body = {"model": "smollm2", "messages": chat, "temperature": 0.0, "max_tokens": 200,
                        "response_format": {"type": "json_object", "schema": schema}}
                t0 = time.perf_counter()
                resp = client.post(f"{base}/chat/completions", json=body)
                resp.raise_for_status()
                times.append(time.perf_counter() - t0)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return start, times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=4)
    args = parser.parse_args()
    load_ip, t_ip = in_process(args.calls)
    load_srv, t_srv = server(args.calls)
    m_ip, m_srv = statistics.median(t_ip), statistics.median(t_srv)
    print(f"{'':<12}{'start-up s':>12}{'median call s':>15}  calls")
    print(f"{'in-process':<12}{load_ip:>12.2f}{m_ip:>15.2f}  {' '.join(f'{t:.2f}' for t in t_ip)}")
    print(f"{'server':<12}{load_srv:>12.2f}{m_srv:>15.2f}  {' '.join(f'{t:.2f}' for t in t_srv)}")
    print(f"server / in-process: start-up x{load_srv / load_ip:.1f}, per call x{m_srv / m_ip:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
