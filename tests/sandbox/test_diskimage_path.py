"""The workspace's ext4 layer is found on a PATH without the sbin folders (root's cron: /usr/bin:/bin; `su`).

The forty-fourth wave's fresh-clone suite ran with PATH=/usr/local/bin:/usr/bin:/bin: `mkfs.ext4` (in /usr/sbin) was
not found, the layer said "mkfs.ext4 is not installed (e2fsprogs)" though it was, and every workspace ran without
its size limit (10 tests of the disk limit failed)."""

from __future__ import annotations

import os

import pytest

from macrohard.envs import diskimage


@pytest.mark.skipif(not os.path.exists("/usr/sbin/mkfs.ext4") and not os.path.exists("/sbin/mkfs.ext4"),
                    reason="e2fsprogs is not installed")
def test_mkfs_is_found_in_sbin_when_path_lacks_it(monkeypatch) -> None:
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert diskimage.system_tool("mkfs.ext4") in ("/usr/sbin/mkfs.ext4", "/sbin/mkfs.ext4")
    if os.geteuid() == 0 and os.path.exists("/dev/loop-control"):
        assert diskimage.available() == ""  # before: "mkfs.ext4 is not installed (e2fsprogs)"


def test_a_tool_that_is_nowhere_is_none(monkeypatch) -> None:
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert diskimage.system_tool("mkfs.no-such-fs") is None
