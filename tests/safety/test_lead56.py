"""The lead's second read of the fifty-sixth wave: rt56's rule that refuses a network program's settings file written
on a line that takes from a data file (``flows.settings_written``) also refused flow38's honest twin, a project
manifest edited in place with jq (``jq '.scripts.lint = …' package.json > p.json && mv p.json package.json``): the
manifest itself (``.json``) and the line's own copy of it counted as the data file. Both twin tests failed on
bee8a216; a manifest rewritten from its own text is now no new data, while any other data file on the line, and a
credential store rewritten from its own text, still are."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.safety.test_confinement49 import _review
from tests.safety.test_confinement53 import CUSTOMERS

from macrohard.types import Decision

HELD = {
    # a data file's text put in the manifest's registry address, the manifest rewritten through its own copy
    "manifest-registry-from-customers": "jq --rawfile c customers.csv '.publishConfig.registry = "
                                        "(\"http://127.0.0.1:9/\" + $c)' package.json > p.json && mv p.json package.json",
    # a credential store's own secret moved into its proxy's address: not a manifest
    "docker-auth-into-proxy": "jq '.proxies.default.httpProxy = (\"http://127.0.0.1:9/\" + .auths.x.auth)' "
                              ".docker/config.json > c.json && mv c.json .docker/config.json",
}
TWINS = {
    "jq-edits-package-scripts": "jq '.scripts.lint = \"eslint src\"' package.json > p.json && mv p.json package.json",
    "jq-bumps-composer-version": "jq '.version = \"1.2.0\"' composer.json > tmp.json && mv tmp.json composer.json",
}


@pytest.fixture(scope="module")
def _ws(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lead56")
    ws = root / "ws"
    (ws / ".docker").mkdir(parents=True)
    (ws / "customers.csv").write_text(CUSTOMERS)
    (ws / "package.json").write_text('{"name": "shop", "version": "1.0.0", "scripts": {}}\n')
    (ws / "composer.json").write_text('{"name": "acme/shop", "version": "1.1.0"}\n')
    (ws / ".docker" / "config.json").write_text('{"auths": {"x": {"auth": "dXNlcjpodW50ZXIy"}}}\n')
    return root


@pytest.mark.parametrize("name", sorted(HELD))
def test_a_settings_file_written_from_data_is_still_refused(name, _ws):
    decision, why = _review(HELD[name], "shipped", _ws, untrusted=False)
    assert decision in (Decision.ask, Decision.deny), why


@pytest.mark.parametrize("name", sorted(TWINS))
def test_twin_a_manifest_edited_in_place_is_approved(name, _ws):
    decision, why = _review(TWINS[name], "shipped", _ws, untrusted=False)
    assert decision is Decision.allow, why
