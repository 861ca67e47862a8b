"""rt57 (wave 56): what rt56 left open. A host MCP server's yarn / pnpm / corepack started by a path its code builds
when it runs (rt56 closed npx's), and a one-line file of delimited values as records.

Real parts: node, npm's corepack (its yarn and pnpm), a loopback listener standing for a registry, the guard."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

COREPACK = Path("/usr/lib/node_modules/corepack/dist")
needs_corepack = pytest.mark.skipif(shutil.which("node") is None or not (COREPACK / "yarn.js").exists(),
                                    reason="needs node and npm's corepack")


@pytest.fixture
def registry():
    """A loopback listener standing for the registry a downloaded folder names; it records each request."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


# a host server's code that starts a package runner by a path only known when it runs (no rewrite of its text sees it)
BUILT = {"yarn-in-pieces": "p=/usr/lib/node_modules/cor; node ${p}epack/dist/yarn.js --version",
         "pnpm-printf": "node $(printf /usr/lib/node_modules/corepack/dist/pn%s.js pm) --version",
         "corepack-yarn-eval": "eval /usr/bin/core''pack yarn --version",
         "yarn-shim-ifs": "IFS=:; x=/usr/lib/node_modules/corepack/shims/yarn:--version; $x",
         "corepack-env-only": "p=/usr/lib/node_modules/cor; node ${p}epack/dist/pnpm.js --version"}
THROUGH_ON_MAIN = {f"runner:{name}": True for name in BUILT}


@needs_corepack
@pytest.mark.parametrize("name", sorted(BUILT))
def test_yarn_pnpm_and_corepack_by_a_built_path_take_nothing_from_the_folder(tmp_path, registry, name):
    """The folder (a downloaded repository) names its own registry in ``.corepack.env``; corepack's yarn/pnpm
    fetch the package manager from it. On bee8a216 the folder's registry was asked (the shims on PATH see a runner
    started by name only); now the node hook refuses yarn, pnpm and corepack there, however they were started."""
    from macrohard.mcp.connection import host_command

    url, asked = registry
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / ".corepack.env").write_text(f"COREPACK_NPM_REGISTRY={url}\n")
    if name != "corepack-env-only":
        manager = "pnpm@9.0.0" if "pnpm" in name else "yarn@1.22.22"
        (folder / "package.json").write_text(f'{{"name": "x", "packageManager": "{manager}"}}\n')
    (tmp_path / "home").mkdir()
    command, env = host_command(["sh", "-c", BUILT[name]], {
        "PATH": os.environ["PATH"], "HOME": str(tmp_path / "home"), "COREPACK_HOME": str(tmp_path / "cp")})
    done = subprocess.run(command, env=env, cwd=folder, capture_output=True, timeout=120, text=True)
    assert asked == [], (asked, done.stderr[-500:])
    assert done.returncode == 126 and "refused to start" in done.stderr, done.stderr[-500:]


@needs_corepack
def test_twin_corepack_and_node_elsewhere_run_as_before(tmp_path, registry):
    """A folder with no runner settings: corepack answers as before, and node scripts are untouched."""
    from macrohard.mcp.connection import host_command

    (tmp_path / "home").mkdir()
    for code, out in (("p=/usr/bin/core; ${p}pack --version", "."), ("node -p 2+2", "4")):
        command, env = host_command(["sh", "-c", code], {"PATH": os.environ["PATH"], "HOME": str(tmp_path / "home")})
        done = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, timeout=60, text=True)
        assert done.returncode == 0 and out in done.stdout, (code, done.stdout, done.stderr[-300:])
