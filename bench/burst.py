#!/usr/bin/env python3
"""A burst of N simultaneous signups (one connection each) against a running
Kindred; prints latency percentiles and the wall time of the whole burst.

    bench/burst.py PORT COOKIES_FILE SESSIONS_FILE [N] [OFFSET]
"""
import asyncio
import sys
import time


async def one(port, cookie, session, gate):
    await gate.wait()
    start = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    body = f"session_id={session}"
    writer.write(
        (
            f"POST /api/sign_up_for_session HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Cookie: kindred_session={cookie}\r\nContent-Length: {len(body)}\r\n"
            f"Connection: close\r\n\r\n{body}"
        ).encode()
    )
    await writer.drain()
    data = await reader.read()
    writer.close()
    status = int(data.split(b" ", 2)[1]) if data else 0
    return status, time.perf_counter() - start


async def main():
    port = int(sys.argv[1])
    cookies = [l for l in open(sys.argv[2]).read().split("\n") if l]
    sessions = [l for l in open(sys.argv[3]).read().split("\n") if l]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    offset = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    gate = asyncio.Event()
    tasks = [
        asyncio.create_task(one(port, cookies[(offset + i) % len(cookies)], sessions[-1 - (i // len(cookies))], gate))
        for i in range(n)
    ]
    await asyncio.sleep(0.2)
    t0 = time.perf_counter()
    gate.set()
    results = await asyncio.gather(*tasks)
    wall = time.perf_counter() - t0
    lat = sorted(r[1] * 1000 for r in results)
    ok = sum(1 for r in results if r[0] == 200)
    pct = lambda p: lat[min(len(lat) - 1, int(len(lat) * p))]
    print(f"burst of {n}: {ok} answered 200 in {wall * 1000:.0f} ms wall; "
          f"latency p50 {pct(0.5):.0f} ms, p95 {pct(0.95):.0f} ms, p99 {pct(0.99):.0f} ms, max {lat[-1]:.0f} ms")


asyncio.run(main())
