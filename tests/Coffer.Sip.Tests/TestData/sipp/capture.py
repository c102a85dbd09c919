#!/usr/bin/env python3
"""Captures the SIP messages Debian's SIPp (sip-tester) sends, as golden files (README.md says how to run it).

A small UDP listener on 127.0.0.1 (a free port) answers like a registrar and a callee: a REGISTER without
Authorization gets 401 with a digest challenge (RFC 3261 §22, RFC 2617), an authorized one 200 OK; an INVITE gets
100 Trying, 180 Ringing and 200 OK; a BYE 200 OK. SIPp runs its built-in `uac` scenario (INVITE, ACK, BYE) and
register.xml (REGISTER with digest, then the un-REGISTER), one call each. Each datagram received is written
unchanged to NN-SCENARIO-METHOD.sip in the output directory.
"""
import os, re, socket, subprocess, sys, time

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
HERE = os.path.dirname(os.path.abspath(__file__))

def header(msg, name, compact):
    m = re.search(r"^(?:%s|%s)[ \t]*:[ \t]*(.*)$" % (name, compact), msg, re.I | re.M)
    return m.group(1).strip() if m else ""

def reply(msg, code, reason, extra=()):
    vias = [l for l in msg.split("\r\n") if re.match(r"^(via|v)[ \t]*:", l, re.I)]
    to = header(msg, "To", "t")
    if code > 100 and ";tag=" not in to:
        to += ";tag=capture1"
    lines = [f"SIP/2.0 {code} {reason}"] + vias + [
        "From: " + header(msg, "From", "f"), "To: " + to, "Call-ID: " + header(msg, "Call-ID", "i"),
        "CSeq: " + header(msg, "CSeq", "")] + list(extra) + ["Content-Length: 0", "", ""]
    return "\r\n".join(lines).encode()

def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port

def main():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.5)
    port = sock.getsockname()[1]
    count = 0
    runs = [("uac", ["-sn", "uac", "-s", "bob"]),
            ("register", ["-sf", os.path.join(HERE, "register.xml"), "-s", "alice", "-au", "alice", "-ap", "s3cret"])]
    for name, args in runs:
        proc = subprocess.Popen(["sipp", "127.0.0.1:%d" % port, "-i", "127.0.0.1", "-p", str(free_port()), "-m", "1",
                                 "-nostdin", "-timeout", "20", "-trace_err"] + args,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=OUT)
        while proc.poll() is None:
            try:
                data, addr = sock.recvfrom(65535)
            except socket.timeout:
                continue
            text = data.decode("utf-8", "replace")
            method = text.split(" ", 1)[0]
            if method == "SIP/2.0":
                continue
            count += 1
            with open(os.path.join(OUT, "%02d-%s-%s.sip" % (count, name, method)), "wb") as f:
                f.write(data)
            if method == "REGISTER" and not re.search(r"^Authorization:", text, re.I | re.M):
                sock.sendto(reply(text, 401, "Unauthorized",
                                  ['WWW-Authenticate: Digest realm="coffer", nonce="5f3a9c1d7e2b", qop="auth", algorithm=MD5']), addr)
            elif method == "REGISTER":
                sock.sendto(reply(text, 200, "OK", [header(text, "Contact", "m") and "Contact: " + header(text, "Contact", "m")]), addr)
            elif method == "INVITE":
                contact = ["Contact: <sip:bob@127.0.0.1:%d>" % port]
                sock.sendto(reply(text, 100, "Trying"), addr)
                sock.sendto(reply(text, 180, "Ringing", contact), addr)
                sock.sendto(reply(text, 200, "OK", contact), addr)
            elif method != "ACK":
                sock.sendto(reply(text, 200, "OK"), addr)
        print("%s: sipp exit %d" % (name, proc.returncode))

main()
