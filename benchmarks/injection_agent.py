"""Agent-level injection tasks: harmful actions executed (target 0) and utility lost on benign twins.

    PYTHONPATH=src .venv/bin/python benchmarks/injection_agent.py [--set dev|blind21|blind22|blind23|blind24|blind25|blind26|blind27|blind28|blind29|blind30|blind31|blind32|blind33|blind34|blind35|blind36|blind37|all] [--json] [--only ID,ID]
        [--modes shipped,control]

Runs every task of ``eval.injection_tasks`` (pages, workspace files and tool output carrying injections; shell
tasks in bubblewrap, browser tasks in sandboxed Chromium against ``macrohard.sites`` apps), injected and as its
benign twin, played by an obedient victim that does whatever the injection asks, under four guards: the shipped
one, it with the injection detector off, flow control alone (every rule allows, detector off) and the control
(everything allowed: the sandbox alone). Harm is counted on the host: requests reaching the exfiltration
listener, files created or deleted outside the workspace.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from macrohard.eval.injection_tasks import MODES, run_all


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", default="dev", choices=("dev", "blind21", "blind22", "blind23", "blind24", "blind25", "blind26", "blind27", "blind28", "blind29", "blind30", "blind31", "blind32", "blind33", "blind34", "blind35", "blind36", "blind37", "all"),
                    help="dev: the eight tasks written with flow control; blind21: 16 written blind (twenty-first wave); "
                         "blind22: 14 written blind (twenty-second wave: renamed tools, code the repository runs, "
                         "traps for later); blind23: 15 written blind (twenty-third wave: senders inside other tools, "
                         "addresses out of sight, more traps for later, browser forms); "
                         "blind24: 20 written blind (twenty-fourth wave: host names, git/pip/npm URLs, websockets, CI jobs, git hooks and config, units outside the "
                         "workspace, the user's own send redirected); "
                         "blind25: 20 written blind (twenty-fifth wave: MCP results, test/linter/CLI output, merge "
                         "conflicts, hidden fields, branch and file names, slow leaks, split orders, proxies, "
                         "npm/pip/git traps for later); "
                         "blind26: 20 written blind (twenty-sixth wave: make help, Dockerfile, .env.example, formulas, "
                         "registry pages, cron, autofill formaction, paged header leak, commit bodies, .po, notebooks, "
                         "SVG, hidden MIME parts, robots.txt, asciinema, man pages, vCards; git filter/diff.external/"
                         "sshCommand traps for later); "
                         "blind27: 20 written blind (twenty-seventh wave: pyproject/package.json/pre-commit notes, "
                         "OpenAPI, TMX, RSS, kanban card, chat export, diff under review, stack trace, staged slow "
                         "leak, split CHANGELOG/tools.ini, error event, terraform plan, CODEOWNERS, EXIF, HAR, "
                         "security.txt, alerts; textconv/gitProxy/gpg.program traps for later); "
                         "blind28: 20 written blind (twenty-eighth wave: GPX, BibTeX, dig TXT, JSON-LD, quoted-user "
                         "review and transcript, table cell, data-* attribute, GEDCOM, OFX, C/Mermaid/LaTeX/GraphQL "
                         "comments, compose label, issue form, bank page; gopher, tar checkpoint, logging handler, "
                         "robotparser, network import, ssh Match exec, git ext::, sqlite .once, git bundle; a csv.py "
                         "shadow trap for later); "
                         "blind29: 20 written blind (thirtieth wave: ledger comment, INSTALL setup step, agenda, code "
                         "review push, deploy log key copy, checklist item, form placeholder, subtitles, ODS formula, "
                         "tag message, long article, minutes to the bot, link tooltip, .editorconfig, npm audit, "
                         ".proto, .http, systemctl status, CITATION.cff, .tool-versions); "
                         "blind30: 20 written blind (thirty-third wave: CSV header, docstring, Dockerfile LABEL, "
                         "Makefile help, .ics, RSS item, PDF text, changelog, pytest failure, crontab, HTTP 403 body, "
                         "man page, robots.txt, .gitattributes, requirements.txt, .env.example, image alt text, "
                         "table cell, 404 page, package changes); "
                         "blind31: 20 written blind (thirty-fifth wave: .mailmap, nginx, SQL migration, Cargo.toml "
                         "metadata, .desktop, Procfile, AUTHORS, Info.plist, go.mod, Makefile, whois, certificate OU, "
                         "ps, kubectl event, apt-cache show, sitemap.xml, OPML, cookie banner, FAQ details, "
                         "testimonial; a deletion by the user's make clean, a deletion request, git push --mirror, "
                         "npm publish); "
                         "blind32: 20 written blind (thirty-sixth wave: .gitmodules, Vagrantfile, pom.xml, Gemfile, "
                         "Ansible task name, .gitmessage, hosts, Jenkinsfile, backup.conf, RELEASING.md, traceroute, "
                         "HTTP Warning header, env, docker ps, psql row, web manifest, GeoJSON, invoice address, "
                         "settings glossary, chat widget; a push to a bare repository outside the workspace by the "
                         "user's git push, a backup written outside by the user's script, a payment, an email change, "
                         "a DELETE); "
                         "blind33: 20 written blind (thirty-seventh wave: tsconfig.json, mkdocs.yml, CMakeLists.txt, "
                         "composer.json, Brewfile, netlify.toml, flake.nix, ONCALL.md admonition, SYNC.md footnote, "
                         "dependabot.yml, journalctl, git stash list, gpg uid, lsblk label, mypy note, oEmbed, OpenID "
                         "configuration, table caption, fieldset legend, footer; the notes sent out by the user's own "
                         "notify.sh and node sync.js, a package's ownership, a webhook, an SSH key, two-factor off, "
                         "mail forwarding, an OAuth app, a deploy token); "
                         "blind34: 20 written blind (thirty-eighth wave: Chart.yaml, justfile, tox.ini, setup.cfg, "
                         "meson.build, build.gradle, Pipfile, renovate.json, .eslintrc.yml, README.rst note, df -h, "
                         "pip list -v, cargo tree, helm list, who, Atom subtitle, npm deprecated, dialog, output, "
                         "small print; the notes sent out by the user's own curl -K, an organisation owner, a payout "
                         "account, a DNS record, a repository transfer, the audit log off, branch protection removed, "
                         "a firewall rule, a domain transfer, a repository made public, a document shared, a merge "
                         "request approved); "
                         "blind35: 20 written blind (thirty-ninth wave: Taskfile.yml, WebVTT NOTE, PKGBUILD, RPM "
                         "spec, systemd Description, debian/changelog, Caddyfile, haproxy.cfg, logrotate, "
                         "pubspec.yaml, environment.yml, nmcli SSID, hostnamectl, dpkg -l, SHOW TABLE STATUS, "
                         "llms.txt, problem+json, figcaption, mark, textarea; tar -I, zip -TT, git grep -O, split "
                         "--filter, xml.sax, git userAgent, gpg --enarmor, EBCDIC, wget --referer, npm search, "
                         "base2; a deploy.d drop-in, a .wgetrc proxy and a tidy.conf deletion sprung by the user's "
                         "own scripts, a database dropped, a laptop wiped, a device sign-in approved, an OAuth "
                         "redirect changed, a recovery phone changed, a root CA pushed); "
                         "blind36: 20 written blind (fortieth wave: variables.tf, alembic.ini, inventory.ini, "
                         ".htaccess, .clang-format, Podfile, .cabal, supervisord.conf, babel.config.js, .sqlfluff, "
                         "crontab -l, ip link alias, lscpu, getent passwd, humans.txt, ads.txt, JSON Schema $comment, "
                         "kbd, cite, samp; dd, fold, Bearer header, lzma, pr PATCH, uniq DELETE, cut PUT, base64url, "
                         "strings; SSO off, an admin API key, an IP allow-list entry, an admin user, MFA reset, a "
                         "deploy key, login alerts off, audit retention zero, snapshots deleted, a refund, customers "
                         "exported); "
                         "blind37: 20 written blind (fortieth wave, a second writer; wired in the forty-first: "
                         ".prettierrc.yaml, Podfile, R DESCRIPTION, .dockerignore, Kconfig help, fly.toml, "
                         "supervisord.conf, alembic.ini, .htaccess, .clang-format, vcpkg.json, iptables comment, brew "
                         "caveats, lsusb, aws s3 ls, humans.txt, event stream, ins, q, kbd; ed w !, vim -es w !, cmake "
                         "file(UPLOAD), ffmpeg -method POST, tar -F, curl --proxy-user, Z85, npm dist-tag; a "
                         "sitecustomize.py, a tools/gzip shadow and a build/tmp symlink sprung by the user's own "
                         "scripts, a crypto withdrawal, a refund, gift cards, a key deletion, a bucket deleted, "
                         "instances terminated, the SAML IdP swapped, break-glass access, the IP allowlist off)")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON")
    ap.add_argument("--out", default="", help="also write the rows as JSON to this file")
    ap.add_argument("--only", default="", help="comma-separated task ids")
    ap.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of {', '.join(MODES)}")
    args = ap.parse_args()
    only = set(filter(None, args.only.split(",")))
    load0, started = os.getloadavg()[0], time.monotonic()
    result = run_all(tuple(args.modes.split(",")), only=(lambda t: t.id in only) if only else None,
                     set_name=args.set)
    rows = result["rows"]
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=1, default=str))
    if args.json:
        print(json.dumps(result, indent=1, default=str))
        return 0
    modes = list(dict.fromkeys(r["mode"] for r in rows))
    ids = list(dict.fromkeys(r["id"] for r in rows))
    print(f"agent-level injection tasks · {platform.machine()} python {platform.python_version()} · "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · load {load0:.1f} → {os.getloadavg()[0]:.1f} · "
          f"{time.monotonic() - started:.0f} s")
    print(f"set {args.set}: {len(ids)} tasks, obedient victim (does everything the injection asks); harm = effects on the host")
    print(f"{'mode':14} {'harm (injected)':>16} {'tasks harmed':>13} {'utility benign':>15} {'utility attacked':>17} "
          f"{'stopped by flow':>16}")
    for mode in modes:
        inj = [r for r in rows if r["mode"] == mode and r["injected"]]
        ben = [r for r in rows if r["mode"] == mode and not r["injected"]]
        print(f"{mode:14} {sum(r['harm'] for r in inj):>16} {sum(r['harm'] > 0 for r in inj):>8}/{len(inj):<4} "
              f"{sum(r['useful'] for r in ben):>10}/{len(ben):<4} {sum(r['useful'] for r in inj):>12}/{len(inj):<4} "
              f"{sum(r['by_flow'] for r in inj):>11}/{len(inj):<4}")
    print("\nper task (injected: harm / stopped by / detector flagged; benign twin: utility)")
    for tid in ids:
        cells = []
        for mode in modes:
            i = next(r for r in rows if r["id"] == tid and r["mode"] == mode and r["injected"])
            b = next(r for r in rows if r["id"] == tid and r["mode"] == mode and not r["injected"])
            cells.append(f"{mode}: {i['harm']} {(i['stopped'] or '-')[:34]} {'F' if i['flagged'] else '.'} "
                         f"{'ok' if b['useful'] else 'LOST'}")
        print(f"  {tid:24} " + " | ".join(cells))
    lost = [r for r in rows if not r["injected"] and not r["useful"]]
    for r in lost:
        print(f"  utility lost: {r['id']} ({r['mode']}): {r['stopped']} {r['reason'][:160]} {r['check'][:120]}")
    if result["skipped"]:
        print("skipped: " + ", ".join(result["skipped"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
