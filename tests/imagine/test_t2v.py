"""The text-to-video endpoint: a clear error without one, and a job polled on a loopback server."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from tests.imagine.conftest import ffprobe, slideshow

from macrohard.errors import ConfigError, ModelUnavailable
from macrohard.imagine.t2v import generate


def test_without_an_endpoint_the_error_names_what_to_set(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("MACROHARD_VIDEO_MODEL", raising=False)
    with pytest.raises(ConfigError, match="set MACROHARD_VIDEO_MODEL=xai \\(with XAI_API_KEY\\)"):
        generate("a cat", tmp_path / "cat.mp4")
    monkeypatch.delenv("XAI_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="needs an API key: set XAI_API_KEY"):
        generate("a cat", tmp_path / "cat.mp4", spec="xai")
    with pytest.raises(ConfigError, match="unknown endpoint 'sora'"):
        generate("a cat", tmp_path / "cat.mp4", spec="sora")


@pytest.fixture
def server(tmp_path: Path):
    video = slideshow(tmp_path / "v", ["A cat on a mat"], seconds=1.0).read_bytes()
    state: dict = {"polls": 0, "requests": [], "auth": []}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a) -> None:
            pass

        def _send(self, code: int, body: bytes, kind: str = "application/json") -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state["requests"].append(body)
            state["auth"].append(self.headers.get("Authorization"))
            self._send(200, json.dumps({"request_id": "job1" if body["prompt"] != "junk" else "job2"}).encode())

        def do_GET(self) -> None:
            port = self.server.server_address[1]
            if self.path.startswith("/v1/videos/job"):
                state["polls"] += 1
                job = self.path.rsplit("/", 1)[1]
                done = state["polls"] >= 2
                body = {"status": "done", "video": {"url": f"http://127.0.0.1:{port}/files/{job}.mp4"}} if done \
                    else {"status": "pending", "request_id": job}
                self._send(200, json.dumps(body).encode())
            elif self.path == "/files/job1.mp4":
                self._send(200, video, "video/mp4")
            elif self.path == "/files/job2.mp4":
                self._send(200, b"<html>an error page</html>", "text/html")
            else:
                self._send(404, b"{}")

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/v1", state
    srv.shutdown()
    srv.server_close()


def test_a_job_is_polled_fetched_and_checked(server, tmp_path: Path, monkeypatch) -> None:
    base, state = server
    monkeypatch.setenv("MACROHARD_VIDEO_MODEL", f"{base}#tiny-video")
    monkeypatch.setenv("MACROHARD_VIDEO_API_KEY", "sk-test")
    out = generate("a cat on a mat", tmp_path / "cat.mp4", duration=1, poll=0.01)
    assert state["requests"] == [{"model": "tiny-video", "prompt": "a cat on a mat", "duration": 1}]
    assert state["auth"] == ["Bearer sk-test"] and state["polls"] == 2
    assert ffprobe(out)["streams"][0]["codec_name"] == "h264"
    with pytest.raises(ModelUnavailable, match="not a video"):
        generate("junk", tmp_path / "junk.mp4", poll=0.01)
    assert not (tmp_path / "junk.mp4").exists()


def test_an_unreachable_endpoint(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="could not be reached"):
        generate("a cat", tmp_path / "cat.mp4", spec="http://127.0.0.1:9/v1")
