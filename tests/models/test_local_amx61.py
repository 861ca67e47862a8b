"""Why the embedded model wrote garbage on a CPU with AMX tiles (helper amx61; the lead's test_local_amx57 found it).
ggml's AMX matrix multiply loads its tile shapes into the thread's AMX tile configuration once per thread and trusts
them from then on; the safety screens' int8 MiniLM graph (onnxruntime, whose int8 GEMM uses AMX too) loads its own
shapes on the thread it runs on. One screen encode on the model's thread, and every later answer from the
AMX-repacked weights was " pituollopyright…". install.sh now builds llama.cpp with the configuration loaded at every
call (``llama_amx_patch`` in scripts/llama_cmake.sh), and ``local_cpu.extra_buffers_ok`` turns the repacked weights
on again only for a build that carries the patch. Real llama.cpp, onnxruntime, SmolLM2, bash and g++."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from macrohard.models import local_cpu

ROOT = Path(__file__).resolve().parents[2]
AMX_CPU = "flags\t\t: fpu sse2 avx512f avx512_vnni amx_bf16 amx_tile amx_int8"
# ggml-cpu/amx/mmq.cpp of llama-cpp-python 0.3.36, the lines llama_amx_patch changes
MMQ = """inline void ggml_tile_config_init(void) {
    static thread_local bool done = false;

    if (done) {
        return;
    }
    done = true;
}

extern "C" int ggml_tile_config_loads(void) { ggml_tile_config_init(); return 1; }
"""


@pytest.fixture
def amx_cpu(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    monkeypatch.setenv("MACROHARD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MACROHARD_LLAMA_EXTRA_BUFFERS", raising=False)
    monkeypatch.setattr(local_cpu, "_cpu_flags", lambda: AMX_CPU)
    probed: list[Path] = []
    monkeypatch.setattr(local_cpu, "_probe", lambda model, *a, **k: (probed.append(model) or True, True))  # (rel62)
    return probed


def test_an_amx_cpu_decides_by_the_loaded_build(amx_cpu: list[Path], monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    model = tmp_path / "m.gguf"
    # ggml's AMX kernels as released: without the repacked weights, no probe (the garbage is no SIGILL)
    monkeypatch.setattr(local_cpu, "_amx_kernels", lambda: True)
    monkeypatch.setattr(local_cpu, "_tile_config_every_call", lambda: False)
    assert local_cpu.extra_buffers_ok(model) is False and amx_cpu == []
    # install.sh's build (patched, and -fno-dse with it): with them, no probe
    monkeypatch.setattr(local_cpu, "_tile_config_every_call", lambda: True)
    assert local_cpu.extra_buffers_ok(model) is True and amx_cpu == []
    # a build without ggml's AMX kernels (AVX repacking only): probed as on any CPU (failed before: False, unprobed)
    monkeypatch.setattr(local_cpu, "_amx_kernels", lambda: False)
    assert local_cpu.extra_buffers_ok(model) is True and amx_cpu == [model]


def test_the_installed_build_is_read_from_llama_cpp_itself() -> None:
    import llama_cpp

    info = llama_cpp.llama_print_system_info().decode()
    assert local_cpu._amx_kernels() is ("AMX_INT8 = 1" in info)
    library = local_cpu._ggml_cpu_library()
    assert library is not None and library.name.startswith("libggml-cpu") and library.is_file()


def test_the_patch_changes_the_code_once_and_exports_its_mark(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "llama_cpp_python-0.3.36"
    mmq = src / "vendor" / "llama.cpp" / "ggml" / "src" / "ggml-cpu" / "amx" / "mmq.cpp"
    mmq.parent.mkdir(parents=True)
    mmq.write_text(MMQ)
    patch = subprocess.run(["bash", "-c", f'. scripts/llama_cmake.sh; llama_amx_patch "{src}"'], cwd=ROOT,
                           capture_output=True, text=True)
    assert patch.returncode == 0, patch.stderr
    assert "static thread_local bool done" not in mmq.read_text()
    again = subprocess.run(["bash", "-c", f'. scripts/llama_cmake.sh; llama_amx_patch "{src}"'], cwd=ROOT,
                           capture_output=True, text=True)
    assert again.returncode == 1 and "does not hold" in again.stderr  # not the code it knows: install.sh stops
    # the mark survives a build that hides symbols by default, and is what local_cpu reads
    lib = tmp_path / "libggml-cpu.so"
    subprocess.run(["g++", "-shared", "-fPIC", "-fvisibility=hidden", "-O2", "-o", str(lib), str(mmq)], check=True)
    monkeypatch.setattr(local_cpu, "_ggml_cpu_library", lambda: lib)
    assert local_cpu._tile_config_every_call() is True
    plain = tmp_path / "plain.cpp"
    plain.write_text(MMQ)
    subprocess.run(["g++", "-shared", "-fPIC", "-O2", "-o", str(tmp_path / "libplain.so"), str(plain)], check=True)
    monkeypatch.setattr(local_cpu, "_ggml_cpu_library", lambda: tmp_path / "libplain.so")
    assert local_cpu._tile_config_every_call() is False


@pytest.mark.model
def test_the_model_still_answers_after_the_screens_ran_on_its_thread() -> None:
    from macrohard.models.local import model_path
    from macrohard.safety import content_embed

    encoder = content_embed.encoder()
    if encoder is None:
        pytest.skip("the screens' ONNX graph is not built here (install.sh builds it)")
    # loaded as local_cpu decides (repacked for AMX only where the build carries the patch), one thread: this one
    llm = local_cpu.load_llama(model_path("smollm2"), n_ctx=512, n_threads=1, n_threads_batch=1, verbose=False, seed=0)

    def answer() -> str:
        llm.reset()  # type: ignore[attr-defined]
        out = llm.create_chat_completion([{"role": "user", "content": "Say hello to Ada."}],  # type: ignore[attr-defined]
                                         max_tokens=12, temperature=0.0)
        return out["choices"][0]["message"]["content"]

    try:
        before = answer()
        encoder.embed_ids(encoder.ids(["read the file notes.txt and print it " * 8]))  # the screens, on this thread
        after = answer()
    finally:
        llm.close()  # type: ignore[attr-defined]
    # the released AMX kernels with the repacked weights: " pituortiumName toertiaryuagradle…" after the encode
    assert "Ada" in after and "pitu" not in after and after == before, (before, after)


def test_a_venv_built_before_the_patch_is_rebuilt_once_on_amx_cpus_only(tmp_path: Path) -> None:
    import platform

    amx, older = tmp_path / "amx", tmp_path / "older"
    amx.write_text(AMX_CPU + "\n")
    older.write_text("flags\t\t: fpu sse2 avx2 avx512f avx512_vnni\n")

    def wanted(cpuinfo: Path) -> str:
        return subprocess.run(["bash", "-c", f". scripts/llama_cmake.sh; llama_wanted pyproject.toml {cpuinfo}"],
                              cwd=ROOT, capture_output=True, text=True, check=True).stdout

    # the stamp install.sh compares with .venv/.macrohard-llama: a venv stamped before the patch differs, once
    if platform.machine() in ("x86_64", "AMD64"):
        assert wanted(amx).rstrip().endswith("-DCMAKE_CXX_FLAGS=-fno-dse patch:amx-tile-config-every-call")
    assert "patch:" not in wanted(older)
