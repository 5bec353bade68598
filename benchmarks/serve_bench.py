"""Face decisions per second through the whole server against the bare engine, in one run.

    python benchmarks/serve_bench.py [--seconds 15] [--database-url URL] [--concurrency N]

1. The bare engine: the same face work a verification needs — decode → detect → align → quality →
   embed → liveness on the capture, and the head-turn frames judged (decode and detect each frame,
   embed frame 0) — one after another in this process (the rate a perfect server could reach).
2. ``fvs serve`` in a child process (SQLite in a temp folder by default, or ``--database-url``) with
   a 24-hour pharmacy and citizens enrolled with the same face: tablets POST
   ``/verifications/face`` (each a new citizen, so every answer is a real claim), 1 and then 8 at a
   time, while a probe GETs ``/healthz`` every 50 ms.
3. Peak memory of decoding the worst photos (in fresh processes).

Targets (issue 9): 8 clients ≥ 0.9 × the bare rate; ``/healthz`` p99 < 100 ms under load; no 5xx.
"""
from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from models import FaceEngine  # noqa: E402
from models.active_liveness import verify_turn  # noqa: E402
from models.liveness import LivenessModel  # noqa: E402
from tests import face_poses  # noqa: E402
from tests.dbutil import fresh_database  # noqa: E402
from tests.live.world import LIVENESS_DIR, MODEL_DIR, UNIT, ServerProcess, build_world  # noqa: E402

PEOPLE = REPO.parent / "shared" / "faces" / "people"
ENROLLED = PEOPLE / "obama" / "obama1.jpg"
console = Console()


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def bare_rate(seconds: float) -> tuple[float, float]:
    """Sequential decisions/s of the engine and liveness model alone, and the median ms."""
    engine, liveness = FaceEngine.load(MODEL_DIR), LivenessModel.load(LIVENESS_DIR)
    engine.warmup()
    liveness.warmup()
    data, frames = face_poses.capture(), face_poses.answer(["left", "right"])
    times: list[float] = []
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        t = time.perf_counter()
        image = engine.decode(data)
        result = engine.analyze_image(image)
        liveness.score(image, tuple(float(v) for v in result.box))
        decoded = [engine.decode(f) for f in frames]
        landmarks = [engine.detect(f)[0].landmarks for f in decoded]
        engine.compare(engine.analyze_image(decoded[0], enforce_quality=False), result)
        verify_turn(landmarks[:2], "left")
        verify_turn(landmarks[1:], "right")
        times.append(time.perf_counter() - t)
    return len(times) / (time.perf_counter() - started), statistics.median(times) * 1000


class Load:
    """``clients`` tablets verifying new citizens for ``seconds``, and a /healthz probe."""

    def __init__(self, server: ServerProcess, token: str, pids: itertools.count, clients: int, seconds: float):
        self.server, self.token, self.pids, self.clients, self.seconds = server, token, pids, clients, seconds
        self.latencies: list[float] = []
        self.health: list[float] = []
        self.statuses: dict[int, int] = {}
        self.lock = threading.Lock()
        self.capture = face_poses.capture()

    def tablet(self, deadline: float) -> None:
        with httpx.Client(timeout=60.0) as client:
            auth = {"Authorization": f"Bearer {self.token}"}
            while time.perf_counter() < deadline:
                pid = next(self.pids)
                fix_time = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
                t = time.perf_counter()
                asked = client.post(f"{self.server.base}/api/v1/verifications/face/challenges",
                                    json={"hcode": UNIT.hcode}, headers=auth).json()
                files = [("photo", ("p.jpg", self.capture, "image/jpeg"))]
                files += [("frames", (f"f{i}.jpg", f, "image/jpeg"))
                          for i, f in enumerate(face_poses.answer(asked["steps"]))]
                r = client.post(f"{self.server.base}/api/v1/verifications/face",
                                headers={**auth, "Idempotency-Key": str(uuid.uuid4())}, files=files,
                                data={"pid": pid, "hcode": UNIT.hcode, "profession": "PHARMACIST",
                                      "service_type": "PG0070001", "phone": "0812345678", "latitude": "13.7564",
                                      "longitude": "100.5019", "accuracy_m": "10", "fix_time": fix_time,
                                      "device_id": f"tablet-{threading.get_ident()}",
                                      "challenge_id": asked["challenge_id"]})
                elapsed = time.perf_counter() - t
                with self.lock:
                    self.statuses[r.status_code] = self.statuses.get(r.status_code, 0) + 1
                    if r.status_code == 201:
                        self.latencies.append(elapsed)

    def probe(self, deadline: float) -> None:
        with httpx.Client(timeout=10.0) as client:
            while time.perf_counter() < deadline:
                t = time.perf_counter()
                client.get(f"{self.server.base}/healthz")
                self.health.append(time.perf_counter() - t)
                time.sleep(0.05)

    def run(self) -> float:
        deadline = time.perf_counter() + self.seconds
        threads = [threading.Thread(target=self.tablet, args=(deadline,)) for _ in range(self.clients)]
        threads.append(threading.Thread(target=self.probe, args=(deadline,)))
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return len(self.latencies) / (time.perf_counter() - started)


DECODE_PROBE = """
import sys
from models.decode import decode_image
from models.errors import FaceError


def kib(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])


data = open(sys.argv[1], "rb").read()
with open("/proc/self/clear_refs", "w") as f:  # reset the peak (VmHWM) to the present size
    f.write("5")
before = kib("VmRSS")
try:
    out = decode_image(data)
    outcome = f"decoded to {out.shape[1]}x{out.shape[0]}"
except FaceError as exc:
    outcome = exc.code
print(outcome, kib("VmHWM"), kib("VmHWM") - before)
"""


def decode_memory(width: int, height: int, mode: str) -> tuple[str, int, int]:
    """Decode a PNG of that size in a fresh process: the outcome, the process's peak RSS during
    the decode, and how much the decode added to the process (MiB)."""
    import io

    from PIL import Image

    with tempfile.NamedTemporaryFile(suffix=".png") as f:
        buf = io.BytesIO()
        Image.new(mode, (width, height), 200 if mode != "RGB" else (200, 120, 40)).save(buf, format="PNG")
        f.write(buf.getvalue())
        f.flush()
        out = subprocess.run([sys.executable, "-c", DECODE_PROBE, f.name], cwd=REPO, capture_output=True,
                             text=True, check=True).stdout.split()
    return " ".join(out[:-2]), int(out[-2]) // 1024, int(out[-1]) // 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=15.0, help="Length of each load phase")
    ap.add_argument("--database-url", default=None, help="Default: SQLite in a temp folder")
    ap.add_argument("--concurrency", type=int, default=None, help="FVS_FACE_CONCURRENCY of the server")
    args = ap.parse_args()

    console.print("bare engine …")
    bare, bare_ms = bare_rate(args.seconds)
    vector = FaceEngine.load(MODEL_DIR).analyze(ENROLLED.read_bytes()).embedding
    citizens = int(bare * args.seconds * 3) + 200
    with tempfile.TemporaryDirectory() as tmp, fresh_database(Path(tmp)) if args.database_url is None \
            else _given(args.database_url) as url:
        console.print(f"enrolling {citizens} citizens on {url.split('@')[-1]} …")
        world = build_world(url, adults=citizens, face_vector=vector)
        env = {"FVS_FACE_CONCURRENCY": str(args.concurrency)} if args.concurrency else {}
        server = ServerProcess(url, log=Path(tmp) / "server.log", **env)
        server.start()
        pids = iter(world.adults)
        rows = []
        try:
            for clients in (1, 8):
                console.print(f"{clients} client(s) for {args.seconds:.0f} s …")
                load = Load(server, world.device_token, pids, clients, args.seconds)
                rate = load.run()
                rows.append((clients, rate, load))
        finally:
            server.stop()
            world.engine.dispose()

    table = Table(title="Face decisions through the server vs the bare engine (same run, same machine)")
    for col in ("load", "decisions/s", "× bare", "p50 ms", "p99 ms", "/healthz p99 ms", "answers"):
        table.add_column(col, justify="right")
    table.add_row("bare engine, sequential", f"{bare:.1f}", "1.00", f"{bare_ms:.0f}", "", "", "")
    for clients, rate, load in rows:
        ms = [v * 1000 for v in load.latencies]
        table.add_row(f"server, {clients} client{'s' if clients > 1 else ''}", f"{rate:.1f}", f"{rate / bare:.2f}",
                      f"{pct(ms, 50):.0f}", f"{pct(ms, 99):.0f}", f"{pct([h * 1000 for h in load.health], 99):.1f}",
                      " ".join(f"{k}×{v}" for k, v in sorted(load.statuses.items())))
    console.print(table)

    mem = Table(title="Memory of one decode in a fresh process (the face core imported)")
    for col in ("photo", "outcome", "process peak MiB", "added by the decode MiB"):
        mem.add_column(col)
    for label, w, h, mode in (("6300×6300 16-bit PNG", 6300, 6300, "I;16"), ("4000×3000 RGB PNG (12 MP)", 4000, 3000, "RGB"),
                              ("3464×3464 16-bit PNG", 3464, 3464, "I;16")):
        outcome, peak, added = decode_memory(w, h, mode)
        mem.add_row(label, outcome, str(peak), str(added))
    console.print(mem)


class _given:
    def __init__(self, url: str):
        self.url = url

    def __enter__(self) -> str:
        return self.url

    def __exit__(self, *exc) -> None:
        return None


if __name__ == "__main__":
    main()
