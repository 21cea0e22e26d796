"""Load test for `impasse workshop serve` (run by workshop_serve.sh; loopback only).

300 simulated phones, each from its own loopback address (127.0.1.x / 127.0.2.x, so each has
its own rate-limit bucket as a phone in the room would), join, vote and change their votes
while the presenter opens and closes voting. Each phone remembers its last accepted vote; at
the end the server's tally must equal those, option by option.
Usage: workshop_load.py PORT ROOM TOKEN
"""
import http.client, json, os, sys, threading, time

port, room, token = int(sys.argv[1]), sys.argv[2], sys.argv[3]
VOTERS, CHANGES = int(os.environ.get("LOAD_PHONES", "300")), 3  # bench/audience_load.sh sets it
latencies, lock, errors = [], threading.Lock(), []


def request(src, method, path, body=None, headers=None):
    h = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body)
        h["Content-Type"] = "application/json"
    for attempt in range(5):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(src, 0))
        t = time.monotonic()
        try:
            c.request(method, path, data, h)
            r = c.getresponse()
            payload = r.read()
            with lock:
                latencies.append(time.monotonic() - t)
            return r.status, r.getheader("Set-Cookie"), payload
        except OSError as e:
            last = e
            time.sleep(0.05)
        finally:
            c.close()
    raise last


def presenter(path):
    s, _, p = request("127.0.0.1", "POST", "/api/presenter/" + path, {},
                      {"Authorization": "Bearer " + token})
    assert s == 200, (path, s, p)
    return json.loads(p)


options = [o["id"] for o in presenter("close")["moment"]["options"]]
last_vote = [None] * VOTERS
done = threading.Event()


def phone(i):
    src = "127.0.%d.%d" % (1 + i // 250, 1 + i % 250)
    s, cookie, _ = request(src, "GET", "/api/state?room=" + room)
    if s != 200 or not cookie:
        errors.append("join %d: %s" % (i, s))
        return
    hdr = {"Cookie": cookie.split(";")[0]}
    for k in range(CHANGES):
        want = options[(i + k) % len(options)]
        for _ in range(200):  # retried while the presenter has voting closed
            s, _, p = request(src, "POST", "/api/vote", {"room": room, "option": want}, hdr)
            if s == 200:
                last_vote[i] = want
                break
            if s != 409:
                errors.append("vote %d: %s %s" % (i, s, p[:80]))
                return
            time.sleep(0.02)


def toggler():
    while not done.is_set():
        presenter("open")
        time.sleep(0.03)
        presenter("close")
        time.sleep(0.01)
    presenter("open")


start = time.monotonic()
t = threading.Thread(target=toggler)
t.start()
phones = [threading.Thread(target=phone, args=(i,)) for i in range(VOTERS)]
for p in phones:
    p.start()
for p in phones:
    p.join()
done.set()
t.join()
final = presenter("close")
elapsed = time.monotonic() - start

counts = {c["id"]: c["votes"] for c in final["results"]["counts"]}
want = {o: sum(1 for v in last_vote if v == o) for o in options}
latencies.sort()
p50 = latencies[len(latencies) // 2]
p95 = latencies[int(len(latencies) * 0.95)]
print("load: %d phones, %d requests in %.1f s; latency p50 %.1f ms p95 %.1f ms max %.1f ms"
      % (VOTERS, len(latencies), elapsed, p50 * 1e3, p95 * 1e3, latencies[-1] * 1e3))
print("load: tally %s, expected %s, total %d" % (counts, want, final["results"]["votes"]))
ok = True
if errors:
    print("FAIL: " + "; ".join(errors[:5])); ok = False
if None in last_vote:
    print("FAIL: %d phones never got a vote in" % last_vote.count(None)); ok = False
if counts != want or final["results"]["votes"] != VOTERS:
    print("FAIL: the tally is not every phone's last vote, once"); ok = False
# Latency is reported, not asserted (a sanitized build is many times slower); scripts/bench
# measures it. That every request was answered within the socket timeout is asserted above.
sys.exit(0 if ok else 1)
