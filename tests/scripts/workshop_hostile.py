"""Hostile clients against `impasse workshop serve` (run by workshop_hostile.sh; loopback only).

Each attack runs while a phone (a fresh 127.x address each time) joins and votes; every such
vote must answer within a second. Memory attacks must leave the server's resident memory
(VmRSS, and its peak VmHWM, from /proc/PID/status) small.
Usage: workshop_hostile.py PID PORT ROOM TOKEN
"""
import http.client, json, socket, sys, threading, time

pid, port, room, token = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
failures = []
phones = [0]


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)


def mem(field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024  # MiB
    return -1


def request(src, method, path, body=None, headers=None, host=None):
    h = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body)
        h["Content-Type"] = "application/json"
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(src, 0))
    try:
        if host is not None:
            c.putrequest(method, path, skip_host=True)
            c.putheader("Host", host)
            for k, v in h.items():
                c.putheader(k, v)
            if data is not None:
                c.putheader("Content-Length", str(len(data)))
            c.endheaders(data.encode() if data is not None else None)
        else:
            c.request(method, path, data, h)
        r = c.getresponse()
        return r.status, r.getheader("Set-Cookie"), r.read()
    finally:
        c.close()


def presenter(path, body=None):
    s, _, p = request("127.0.0.1", "POST", "/api/presenter/" + path, body or {},
                      {"Authorization": "Bearer " + token})
    assert s == 200, (path, s, p)
    return json.loads(p)


def phone_votes():
    """A new phone joins and votes; returns seconds taken (inf when it failed)."""
    phones[0] += 1
    src = "127.0.%d.%d" % (100 + phones[0] // 250, 1 + phones[0] % 250)
    t = time.monotonic()
    try:
        s, cookie, _ = request(src, "GET", "/api/state?room=" + room)
        if s != 200 or not cookie:
            return float("inf")
        s, _, _ = request(src, "POST", "/api/vote", {"room": room, "option": "A"},
                          {"Cookie": cookie.split(";")[0]})
        return time.monotonic() - t if s == 200 else float("inf")
    except OSError:
        return float("inf")


def votes_during(seconds):
    worst, n = 0.0, 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        worst = max(worst, phone_votes())
        n += 1
        time.sleep(0.25)
    return worst, n


def closed_within(s, seconds):
    """Reads until the server closes `s`; True when it did within `seconds`."""
    s.settimeout(0.2)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if not s.recv(65536):
                return True
        except socket.timeout:
            continue
        except OSError:
            return True
    return False


def connect(src):
    return socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(src, 0))


presenter("open")
rss0 = mem("VmRSS")
print("server: VmRSS %d MiB at the start" % rss0)

# 1. Sixteen tricklers: one header byte every 2 s. Each is cut by the total deadline (5 s),
#    however steadily it sends; phones are served meanwhile.
stop = threading.Event()
cut = []


def trickle(i):
    s = connect("127.0.5.1")
    start = time.monotonic()
    line = b"GET /api/state?room=" + room.encode() + b" HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100
    try:
        for b in line:
            if stop.is_set():
                return
            s.sendall(bytes([b]))
            if closed_within(s, 2.0):
                break
        cut.append(time.monotonic() - start)
    except OSError:
        cut.append(time.monotonic() - start)
    finally:
        s.close()


ts = [threading.Thread(target=trickle, args=(i,)) for i in range(16)]
for t in ts:
    t.start()
time.sleep(0.5)
worst, n = votes_during(6)
stop.set()
for t in ts:
    t.join()
check(worst < 1.0, "16 tricklers: %d phones voted, slowest %.3f s" % (n, worst))
check(len(cut) == 16 and max(cut) < 8.0,
      "16 tricklers each cut by the deadline (latest after %.1f s)" % (max(cut) if cut else -1))

# 2. Two hundred idle sockets (25 from each of 8 addresses): phones are served; MHD drops them.
idle = [connect("127.0.6.%d" % (1 + i // 25)) for i in range(200)]
worst, n = votes_during(2)
check(worst < 1.0, "200 idle sockets: %d phones voted, slowest %.3f s" % (n, worst))
dropped = sum(1 for s in idle if closed_within(s, 6.0))
check(dropped == 200, "200 idle sockets: %d dropped by the idle timeout" % dropped)
for s in idle:
    s.close()


# 3. Memory: each attack sends up to `total` bytes and stops when the server closes.
def flood(head, filler, total, src):
    s = connect(src)
    s.settimeout(5)
    sent = 0
    try:
        s.sendall(head)
        while sent < total:
            s.sendall(filler)
            sent += len(filler)
    except OSError:
        pass
    reply = b""
    try:
        reply = s.recv(200)
    except OSError:
        pass
    s.close()
    return sent, reply.split(b"\r\n")[0].decode("latin-1")


chunk = b"10000\r\n" + b"x" * 0x10000 + b"\r\n"
sent, reply = flood(b"POST /api/vote HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                    b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" % port,
                    chunk, 300 << 20, "127.0.7.1")
check(sent < (16 << 20), "chunked body: closed after %d KiB sent (%r)" % (sent >> 10, reply))
sent, reply = flood(b"GET /", b"a" * 65536, 64 << 20, "127.0.7.2")
check(sent < (16 << 20), "request line with no newline: closed after %d KiB (%r)" % (sent >> 10, reply))
sent, reply = flood(b"GET / HTTP/1.1\r\nX-Long: ", b"a" * 65536, 64 << 20, "127.0.7.3")
check(sent < (16 << 20), "header with no newline: closed after %d KiB (%r)" % (sent >> 10, reply))
lines = b"X-A: b\r\n" * 300000
sent, reply = flood(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % port, lines, 1, "127.0.7.4")
check(reply.startswith("HTTP/1.1 431") or reply == "",
      "300,000 header lines: refused (%r)" % reply)
time.sleep(0.5)
rss, hwm = mem("VmRSS"), mem("VmHWM")
check(rss - rss0 < 20 and hwm - rss0 < 40,
      "memory attacks: VmRSS %d MiB (was %d), peak %d MiB" % (rss, rss0, hwm))
worst = phone_votes()
check(worst < 1.0, "after the memory attacks a phone votes in %.3f s" % worst)

# 4. Voter ids: none without the room's code; sixty addresses hoarding leave room for phones.
s, cookie, _ = request("127.0.8.1", "GET", "/")
check(s == 200 and cookie is None, "GET / without the code: the page (%d), no voter id" % s)
s, cookie, _ = request("127.0.8.1", "GET", "/?room=ZZZZZZ")
check(s == 200 and cookie is None, "GET / with a wrong code: no voter id")
s, cookie, _ = request("127.0.8.1", "GET", "/?room=" + room)
check(s == 200 and cookie is not None, "GET / with the code: a voter id")
refused = 0
for a in range(60):
    for _ in range(12):
        s, cookie, _ = request("127.0.9.%d" % (a + 1), "GET", "/api/state?room=" + room)
        refused += s == 429
check(refused >= 60 * 4, "sixty hoarders: %d of 720 ids refused (cap per address)" % refused)
worst = phone_votes()
check(worst < 1.0, "after sixty hoarders a new phone joins and votes in %.3f s" % worst)

# 5. Host header: only the printed address (DNS rebinding sends the attacker's name).
s, _, p = request("127.0.8.2", "GET", "/api/state?room=" + room, host="evil.example:%d" % port)
check(s == 403 and b"bad_host" in p, "Host evil.example: %d %s" % (s, p[:40]))
s, _, p = request("127.0.8.2", "GET", "/api/state?room=" + room, host="localhost:%d" % port)
check(s == 403, "Host localhost (not printed): %d" % s)
s, _, _ = request("127.0.8.2", "GET", "/api/state?room=" + room, host="127.0.0.1:%d" % port)
check(s == 200, "Host 127.0.0.1:PORT (printed): %d" % s)

# 6. Answers of blanks only are empty.
presenter("allow-answers", {"allow": True})
s, cookie, _ = request("127.0.8.3", "GET", "/api/state?room=" + room)
for blank in ["\u00a0\u00a0", "\u200b", "\ufeff", " \u3000\u2003 "]:
    s, _, p = request("127.0.8.3", "POST", "/api/answer", {"room": room, "text": blank},
                      {"Cookie": cookie.split(";")[0]})
    check(s == 400 and b"answer_empty" in p, "answer %r: %d %s" % (blank, s, p[:30]))

print("server: VmRSS %d MiB, peak %d MiB at the end" % (mem("VmRSS"), mem("VmHWM")))
sys.exit(1 if failures else 0)
