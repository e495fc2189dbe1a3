#!/usr/bin/env bash
# The weekly review by e-mail through a real SMTP server (issue 24 §1): aiosmtpd (PyPI) on
# loopback with STARTTLS (the test certificate of Tests/KizashiAppTests/Fixtures/smtp), the demo
# workspace, `kizashi digest send --smtp … --smtp-ca …`; the received message must decode to the
# review `kizashi digest` prints. Used by .ci/run; needs python3 with venv and network for pip.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
sink_pid=""
trap '[ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null; rm -rf "$work"' EXIT
bin=$(swift build --show-bin-path)/kizashi
[ -x "$bin" ] || swift build --product kizashi

python3 -m venv "$work/venv" >/dev/null
"$work/venv/bin/pip" install -q aiosmtpd >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
certs=Tests/KizashiAppTests/Fixtures/smtp
# The maildir is created by the handler (tmp/, new/, cur/).
# Mailbox handler: each message a file of the maildir; STARTTLS offered and required.
"$work/venv/bin/python" -m aiosmtpd -n -l "127.0.0.1:$port" --tlscert "$certs/localhost-cert.pem" \
    --tlskey "$certs/localhost-key.pem" -c aiosmtpd.handlers.Mailbox "$work/mail" &
sink_pid=$!
for _ in $(seq 1 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null && break; sleep 0.2; done

"$bin" demo --scale small --seed 7 --as-of 2026-10-31 --out "$work/pkg" >/dev/null
"$bin" import "$work/pkg" --db "$work/w.sqlite" --quiet >/dev/null
"$bin" settings set digest.email_to "ops@example.co.jp" --db "$work/w.sqlite" >/dev/null
"$bin" settings set digest.webhooks none --db "$work/w.sqlite" >/dev/null
"$bin" settings set digest.lang en --db "$work/w.sqlite" >/dev/null
"$bin" digest send --db "$work/w.sqlite" --as-of 2026-10-05 --smtp-ca "$certs/localhost-cert.pem" \
    --smtp "smtp://localhost:$port?from=kizashi@example.co.jp" > "$work/send.txt"
grep -q "ops@example.co.jp  sent" "$work/send.txt" || { echo "digest-mail: not sent" >&2; cat "$work/send.txt" >&2; exit 1; }
"$bin" digest --db "$work/w.sqlite" --as-of 2026-10-05 --lang en --format markdown > "$work/expected.md"
python3 - "$work/mail" "$work/expected.md" <<'PY'
import email, email.policy, pathlib, sys
files = [p for p in pathlib.Path(sys.argv[1]).rglob("*") if p.is_file() and p.parent.name == "new"]
assert len(files) == 1, f"expected one message, found {len(files)}"
msg = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
body = msg.get_content().replace("\r\n", "\n")
expected = pathlib.Path(sys.argv[2]).read_text()
assert body == expected, "the mailed review differs from `kizashi digest`"
assert msg["To"] == "ops@example.co.jp" and msg["From"] == "kizashi@example.co.jp", (msg["To"], msg["From"])
print("digest-mail: subject:", msg["Subject"])
PY
"$bin" digest log --db "$work/w.sqlite" | grep -q "^manual  ops@example.co.jp  sent" || { echo "digest-mail: log" >&2; exit 1; }
echo "digest-mail: the review went through STARTTLS to a real SMTP server, byte for byte the CLI's"
