#!/usr/bin/env python3
"""Captures the SIP messages Debian's baresip sends to a registrar, as golden files (README.md says how to run it).

A small UDP listener on 127.0.0.1 answers like a registrar with digest authentication (RFC 3261 §22, RFC 2617):
the first REGISTER gets 401 with a challenge, an authorized one gets 200 OK; every other request gets 200 OK.
Each datagram received is written unchanged to NN-METHOD.sip in the output directory.
"""
import os, re, socket, subprocess, sys, tempfile, time

PORT = int(os.environ.get("CAPTURE_PORT", "5080"))
OUT = sys.argv[1] if len(sys.argv) > 1 else "."

def header(msg, name, compact):
    m = re.search(r"^(?:%s|%s)[ \t]*:[ \t]*(.*)$" % (name, compact), msg, re.I | re.M)
    return m.group(1).strip() if m else ""

def reply(msg, code, reason, extra=""):
    vias = [l for l in msg.split("\r\n") if re.match(r"^(via|v)[ \t]*:", l, re.I)]
    to = header(msg, "To", "t")
    if ";tag=" not in to:
        to += ";tag=capture1"
    lines = [f"SIP/2.0 {code} {reason}"] + vias + [
        "From: " + header(msg, "From", "f"), "To: " + to, "Call-ID: " + header(msg, "Call-ID", "i"),
        "CSeq: " + header(msg, "CSeq", ""), ]
    if extra:
        lines.append(extra)
    contact = header(msg, "Contact", "m")
    if code == 200 and msg.startswith("REGISTER") and contact:
        lines.append("Contact: " + contact + ("" if "expires" in contact else ";expires=60"))
    lines += ["Content-Length: 0", "", ""]
    return "\r\n".join(lines).encode()

def main():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", PORT))
    sock.settimeout(1.0)
    cfg = tempfile.mkdtemp(prefix="baresip-capture-")
    with open(os.path.join(cfg, "config"), "w") as f:
        f.write("sip_listen 127.0.0.1:5070\nmodule_path /usr/lib/baresip/modules\nmodule account.so\n"
                "module g711.so\nmodule menu.so\nmodule ausine.so\naudio_source ausine,440\n")
    with open(os.path.join(cfg, "accounts"), "w") as f:
        f.write("<sip:alice@127.0.0.1:%d;transport=udp>;auth_pass=s3cret;regint=60\n" % PORT)
    proc = subprocess.Popen(["baresip", "-f", cfg, "-t", "6", "-e", "/dial sip:bob@127.0.0.1:%d" % PORT],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    count, deadline = 0, time.time() + 12
    while time.time() < deadline and (proc.poll() is None or count == 0):
        try:
            data, addr = sock.recvfrom(65535)
        except socket.timeout:
            continue
        text = data.decode("utf-8", "replace")
        method = text.split(" ", 1)[0]
        if method == "SIP/2.0":
            continue
        count += 1
        with open(os.path.join(OUT, "%02d-%s.sip" % (count, method)), "wb") as f:
            f.write(data)
        if method == "REGISTER" and not re.search(r"^Authorization:", text, re.I | re.M):
            resp = reply(text, 401, "Unauthorized",
                         'WWW-Authenticate: Digest realm="coffer", nonce="6a1c2f0e9b8d", qop="auth", algorithm=MD5')
        elif method == "INVITE":
            resp = reply(text, 486, "Busy Here")
        elif method == "ACK":
            continue
        else:
            resp = reply(text, 200, "OK")
        sock.sendto(resp, addr)
    proc.wait()

main()
