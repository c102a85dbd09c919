#!/usr/bin/env python3
"""Deterministic contacts for the sync benchmarks.

  cards.py phone N DIR            N vCard 3.0 files gen-NNNNN.vcf, one per contact, as a phone holds them
                                  (byte-identical to ../shared/interop/genvcards.py and TestVCards.Generated)
  cards.py as-sent N DIR          the same N contacts as SyncEvolution's Synthesis engine sends them in a slow sync
                                  (what Coffer receives and stores): input for `coffer-syncbench seed`
  cards.py change ROUND DIR N     15 changes on the phone: 5 edits, 5 adds, 5 deletes, distinct per ROUND (1, 2, ...)
"""
import os, sys, time


def phone_card(i):
    return ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:gen-%05d\r\nN:Gen%05d;Bob;;;\r\nFN:Bob Gen%05d\r\n"
            "TEL;TYPE=CELL:+4930%07d\r\nEMAIL;TYPE=INTERNET:bob%05d@example.org\r\n"
            "ORG:Example Corp;Dept %d\r\nNOTE:generated contact number %d\r\nEND:VCARD\r\n") % (i, i, i, i, i, i % 7, i)


# SyncEvolution 2.0.0's file backend drops UID, adds PRODID and a fixed REV, writes every field of its profile
# (empty ones too), and the XML parser on our side turns CRLF into LF (XML 1.0 §2.11). Checked by bench-b.sh,
# which compares this rendering with what a real slow sync stored before seeding anything.
def as_sent_card(i):
    return ("BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Synthesis AG//NONSGML SyncML Engine V3.4.0.47//EN\n"
            "REV:20100328T103410Z\nN:Gen%05d;Bob;;;\nFN:Bob Gen%05d\nX-EVOLUTION-FILE-AS:\nX-GENDER:\nNICKNAME:\n"
            "TITLE:\nORG:Example Corp;Dept %d;;\nROLE:\nTEL;TYPE=CELL:+4930%07d\nEMAIL;TYPE=INTERNET:bob%05d@example.org\n"
            "URL:\nX-MOZILLA-HTML:\nADR:;;;;;;\nBDAY:\nNOTE:generated contact number %d\nPHOTO:\nGEO:;\nEND:VCARD\n"
            ) % (i, i, i % 7, i, i, i)


def write_all(n, d, render):
    os.makedirs(d, exist_ok=True)
    for i in range(1, n + 1):
        with open(os.path.join(d, "gen-%05d.vcf" % i), "w", newline="") as f:
            f.write(render(i))


def change(rnd, d, n):
    # Spread over the whole store; the file backend sees an edit by its mtime, so move it forward explicitly.
    step = max(1, n // 16)
    picks = [1 + ((rnd * 7919 + k * step) % n) for k in range(10)]
    stamp = time.time() + 2
    for i in picks[:5]:
        p = os.path.join(d, "gen-%05d.vcf" % i)
        if os.path.exists(p):
            with open(p, "w", newline="") as f:
                f.write(phone_card(i).replace("NOTE:generated contact number", "NOTE:edited in round %d, contact" % rnd))
            os.utime(p, (stamp, stamp))
    for i in picks[5:]:
        p = os.path.join(d, "gen-%05d.vcf" % i)
        if os.path.exists(p):
            os.remove(p)
    for k in range(5):
        i = 900000 + rnd * 10 + k
        with open(os.path.join(d, "new-%d.vcf" % i), "w", newline="") as f:
            f.write(phone_card(i).replace("gen-", "new-"))


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "phone":
        write_all(int(sys.argv[2]), sys.argv[3], phone_card)
    elif cmd == "as-sent":
        write_all(int(sys.argv[2]), sys.argv[3], as_sent_card)
    elif cmd == "change":
        change(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(__doc__)
