from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from macrohard.models.local import model_path
from macrohard.models.local_cpu import server_command


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def smollm2_path() -> Path:
    return model_path("smollm2")


@pytest.fixture(scope="session")
def llama_server(smollm2_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """llama.cpp's own OpenAI-compatible server with the bundled SmolLM2, on a free loopback port.

    ``chatml-function-calling`` gives native tool calls (a grammar picks the tool, then its arguments'
    schema); a small context (2,048: the system prompt and tool schemas take ~900 tokens) bounds a reply, since the loop's requests carry no max_tokens."""
    port = _free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [*server_command(smollm2_path), "--model", str(smollm2_path), "--host", "127.0.0.1",
             "--port", str(port), "--n_ctx", "2048", "--chat_format", "chatml-function-calling", "--n_threads", str(min(2, os.cpu_count() or 1))],
            stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {proc.returncode}:\n{log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{base}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server did not answer within 90 s:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
