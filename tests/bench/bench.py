#!/usr/bin/env python3
"""Benchmark suite of the kiosk: start-up, memory, idle cost, answer latency, load and report scale, font atlas, and the
same start-up/memory/idle figures for Chromium in --kiosk mode showing an equivalent static page, in alternating runs.

Prints a table and writes the figures as JSON (default build/bench/results.json). Not part of the test run:
    tests/bench/run.sh [--quick]
"""
import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
CLK_TCK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- processes


def children_of(pid):
    kids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                kids.append(int(entry))
        except OSError:
            pass
    return kids


def tree(pid):
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children_of(p))
    return out


def memory_kb(pid):
    """RSS and PSS (kB) summed over the process and its descendants (Chromium is many processes)."""
    rss = pss = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def cpu_seconds(pid):
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total / CLK_TCK


class Lines:
    """Collects a process's output lines with their arrival time."""

    def __init__(self, stream):
        self.lines = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream):
        for raw in iter(stream.readline, b""):
            with self.lock:
                self.lines.append((time.monotonic(), raw.decode("utf-8", "replace").rstrip("\n")))

    def wait_for(self, prefix, timeout=60.0, after=0.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                for t, line in self.lines:
                    if t >= after and prefix in line:
                        return t, line
            time.sleep(0.005)
        raise TimeoutError(f"no line containing {prefix!r}")

    def count(self, prefix, start, end):
        with self.lock:
            return sum(1 for t, line in self.lines if start <= t < end and line.startswith(prefix))

    def items(self):
        """The newest block of traced widgets: label -> centre."""
        with self.lock:
            lines = [l for _, l in self.lines]
        out, block = {}, None
        for line in lines:
            if line == "ITEMS BEGIN":
                block = {}
            elif line == "ITEMS END" and block is not None:
                out = block
            elif line.startswith("ITEM ") and block is not None:
                parts = line.split(" ", 5)
                x0, y0, x1, y1 = map(int, parts[1:5])
                block.setdefault(parts[5] if len(parts) > 5 else "", ((x0 + x1) // 2, (y0 + y1) // 2))
        return out


# ---------------------------------------------------------------- display and input


class Xvfb:
    def __init__(self, size="1920x1080"):
        for n in range(150, 199):
            if os.path.exists(f"/tmp/.X11-unix/X{n}") or os.path.exists(f"/tmp/.X{n}-lock"):
                continue
            self.proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(200):
                if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                    self.display = f":{n}"
                    return
                time.sleep(0.02)
            self.proc.kill()
        raise RuntimeError("cannot start Xvfb")

    def env(self):
        e = dict(os.environ)
        e["DISPLAY"] = self.display
        return e

    def click(self, x, y):
        env = self.env()
        subprocess.run(["xdotool", "mousemove", str(x), str(y)], env=env, check=True)
        time.sleep(0.08)
        subprocess.run(["xdotool", "click", "1"], env=env, check=True)
        time.sleep(0.25)

    def close(self):
        self.proc.terminate()
        self.proc.wait()


def tap(x11, out, label, timeout=5.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        items = out.items()
        hit = items.get(label) or next((c for l, c in items.items() if l.startswith(label)), None)
        if hit:
            x11.click(*hit)
            return
        time.sleep(0.05)
    raise RuntimeError(f"no widget {label!r}")


# ---------------------------------------------------------------- the kiosk


class Kiosk:
    """The kiosk under test. Start-up is timed with the shipped content (its whole atlas); the scripted course runs on the
    small fixture bank of the end-to-end tests."""

    def __init__(self, args, x11, db, extra=(), scenarios="tests/e2e/scenarios"):
        cmd = [args.kiosk, "--stats", "--trace-ui", "--allow-quit", "--db", db,
               "--content", os.path.join(SOURCE, "content"), "--scenarios", os.path.join(SOURCE, scenarios), *extra]
        self.stderr_path = db + ".stderr"
        self.t0 = time.monotonic()
        with open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=x11.env())
        self.out = Lines(self.proc.stdout)

    def ready(self):
        try:
            _, startup = self.out.wait_for("STARTUP ", 60)
            self.startup = dict(kv.split("=") for kv in startup.split()[1:])
            t, line = self.out.wait_for("KIOSK READY", 60)
        except TimeoutError:
            with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
                raise RuntimeError(f"the kiosk did not start (exit {self.proc.poll()}): {f.read()[-500:]}") from None
        fields = dict(kv.split("=") for kv in line.split()[2:])
        return (t - self.t0) * 1000.0, fields

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def sign_in_and_start(x11, k, course="orientation"):
    tap(x11, k.out, "画面にタッチして開始")
    for d in "9000":
        tap(x11, k.out, d)
    tap(x11, k.out, "決定")
    tap(x11, k.out, "政策経営部")
    tap(x11, k.out, f"開始##{course}")


def full_course(x11, k):
    """The fixture orientation course, every item answered with its first option."""
    sign_in_and_start(x11, k)
    for _ in range(3):
        k.out.wait_for("QUESTION", 10, after=time.monotonic() - 5)
        tap(x11, k.out, "回答する##submit")
        tap(x11, k.out, "確定する##confirm_yes")
        k.out.wait_for("SCREEN feedback", 10, after=time.monotonic() - 2)
        time.sleep(0.3)
        tap(x11, k.out, "次の問題へ##next" if "次の問題へ##next" in k.out.items() else "結果を見る##next")
    k.out.wait_for("SCREEN results", 10, after=time.monotonic() - 3)


# ---------------------------------------------------------------- Chromium


def chromium_binary():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Chromium:
    def __init__(self, x11, profile):
        page = "file://" + os.path.join(HERE, "question.html")
        cmd = [chromium_binary(), "--kiosk", "--no-sandbox", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-quic", "--disable-default-apps",
               "--disable-features=Translate,MediaRouter", "--user-data-dir=" + profile,
               "--enable-logging=stderr", "--v=0", page]
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=x11.env(),
                                     start_new_session=True)
        self.out = Lines(self.proc.stderr)

    def ready(self):
        t, _ = self.out.wait_for("FIRST_FRAME", 60)
        return (t - self.t0) * 1000.0

    def stop(self):
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(10)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


# ---------------------------------------------------------------- suites


def idle_window(pid, out, seconds):
    c0, t0 = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    t1 = time.monotonic()
    frames = out.count("FRAME ", t0, t1) if out else None
    return {"seconds": round(t1 - t0, 1), "frames": frames, "cpu_s": round(cpu_seconds(pid) - c0, 3)}


def bench_gui(args, results, tmp):
    x11 = Xvfb("1920x1080")
    try:
        have_chromium = chromium_binary() is not None
        kiosk_ready, kiosk_wall, chrome_ready, window_ms, fonts_ms = [], [], [], [], []
        for i in range(args.runs):  # alternating runs, same display
            db = os.path.join(tmp, f"start-{i}.db")
            k = Kiosk(args, x11, db, scenarios="scenarios")
            wall, fields = k.ready()
            kiosk_wall.append(wall)
            kiosk_ready.append(float(fields["first_frame_ms"]))
            window_ms.append(float(k.startup["window_ms"]))
            fonts_ms.append(float(k.startup["fonts_ready_ms"]))
            k.stop()
            if have_chromium:
                c = Chromium(x11, os.path.join(tmp, f"chromium-{i}"))
                chrome_ready.append(c.ready())
                c.stop()
        results["startup"] = {
            "runs": args.runs,
            "kiosk_first_frame_ms_median": round(statistics.median(kiosk_ready), 1),
            "kiosk_exec_to_ready_ms_median": round(statistics.median(kiosk_wall), 1),
            "chromium_exec_to_first_frame_ms_median": round(statistics.median(chrome_ready), 1) if chrome_ready else None,
            # The two halves of start-up, run at once: the window and GL context, and the content with the font atlas.
            "kiosk_window_open_ms_median": round(statistics.median(window_ms), 1),
            "kiosk_content_and_fonts_ready_ms_median": round(statistics.median(fonts_ms), 1),
        }

        # Memory and idle cost of the kiosk.
        k = Kiosk(args, x11, os.path.join(tmp, "idle.db"), ["--idle-seconds", "3600"])
        k.ready()
        time.sleep(1.0)
        rss, pss = memory_kb(k.proc.pid)
        mem = {"kiosk_attract_rss_kb": rss, "kiosk_attract_pss_kb": pss}
        idle = {"kiosk_attract": idle_window(k.proc.pid, k.out, args.idle)}
        sign_in_and_start(x11, k)
        k.out.wait_for("QUESTION", 10)
        time.sleep(1.0)
        idle["kiosk_question"] = idle_window(k.proc.pid, k.out, args.idle)
        k.stop()

        k = Kiosk(args, x11, os.path.join(tmp, "course.db"))
        k.ready()
        full_course(x11, k)
        time.sleep(1.0)
        rss, pss = memory_kb(k.proc.pid)
        mem.update({"kiosk_after_course_rss_kb": rss, "kiosk_after_course_pss_kb": pss})
        k.stop()

        warn = int(min(args.idle + 10, 600))  # the countdown outlasts the measured window
        k = Kiosk(args, x11, os.path.join(tmp, "countdown.db"), ["--idle-seconds", "5", "--warning-seconds", str(warn)])
        k.ready()
        sign_in_and_start(x11, k)
        k.out.wait_for("IDLE warning", 30)
        time.sleep(0.5)
        idle["kiosk_countdown"] = idle_window(k.proc.pid, k.out, min(args.idle, warn - 5))
        k.stop()

        if have_chromium:
            c = Chromium(x11, os.path.join(tmp, "chromium-idle"))
            c.ready()
            time.sleep(1.0)
            rss, pss = memory_kb(c.proc.pid)
            mem.update({"chromium_rss_kb": rss, "chromium_pss_kb": pss})
            idle["chromium_page"] = idle_window(c.proc.pid, None, args.idle)
            c.stop()
        results["memory"] = mem
        results["idle"] = idle
    finally:
        x11.close()


def run(cmd, **kw):
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    return (time.monotonic() - t0) * 1000.0, p


def bench_latency(args, results, tmp):
    db = os.path.join(tmp, "latency.db")
    answers, latencies = 0, []
    seed = 1
    while answers < args.answers:
        ms, p = run([args.kiosk, "simulate", "--db", db, "--course", "refresher", "--staff", f"{700000 + seed}",
                     "--answers", "random", "--seed", str(seed), "--count", "50", "--timing"])
        if p.returncode != 0:
            results["answer_latency"] = {"error": p.stderr.strip()[-300:]}
            return
        for line in p.stdout.splitlines():
            try:
                doc = json.loads(line)
            except ValueError:
                continue
            each = doc.get("commit_latency", {}).get("each_ms", [])
            latencies.extend(each)
            answers += len(each) or 12
        seed += 1
    latencies.sort()
    results["answer_latency"] = {
        "answers": len(latencies),
        "commit_ms_median": round(statistics.median(latencies), 3) if latencies else None,
        "commit_ms_p99": round(latencies[int(len(latencies) * 0.99) - 1], 3) if latencies else None,
    }


def bench_fonts(args, results, tmp):
    """The atlas of the shipped content, built on its own (at start-up it is built beside the window's creation)."""
    tool = os.path.join(os.path.dirname(args.kiosk), "bench_font_atlas")
    _, p = run([tool, SOURCE, "15"])
    if p.returncode != 0:
        results["font_atlas"] = {"error": p.stderr.strip()[-300:]}
        return
    doc = json.loads(p.stdout)
    results["font_atlas"] = {"glyphs": doc["scale_100"]["glyphs"], "atlas": doc["scale_100"]["atlas"],
                             "build_ms": round(doc["scale_100"]["build_ms_median"], 1),
                             "build_ms_200_percent": round(doc["scale_200"]["build_ms_median"], 1),
                             "atlas_200_percent": doc["scale_200"]["atlas"]}


def generate_bank(directory, count):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(SOURCE, "tests/e2e/scenarios/e2e-account-password.json"), encoding="utf-8") as f:
        template = f.read()
    for i in range(count):
        with open(os.path.join(directory, f"gen-{i:05d}.json"), "w", encoding="utf-8") as f:
            f.write(template.replace('"e2e-account-password"', f'"gen-{i:05d}"'))


def bench_scale(args, results, tmp):
    scale = {}
    for n in args.banks:
        d = os.path.join(tmp, f"bank-{n}")
        generate_bank(d, n)
        times = []
        for _ in range(3):
            ms, p = run([args.kiosk, "validate", d])
            times.append(ms)
        scale[f"validate_{n}_files_ms"] = round(statistics.median(times), 1)
        scale[f"validate_{n}_exit"] = p.returncode
    db = os.path.join(tmp, "ward.db")
    ms, p = run([args.kiosk, "seed-demo", "--db", db, "--staff", str(args.staff), "--departments", "30",
                 "--years", str(args.years), "--seed", "7"])
    scale["seed_demo_ms"] = round(ms, 0)
    if p.returncode != 0:
        scale["seed_demo_error"] = p.stderr.strip()[-300:]
        results["scale"] = scale
        return
    _, q = run(["sqlite3", db, "select count(*) from responses; select count(*) from attempts; select count(*) from learners;"])
    counts = q.stdout.split()
    scale["responses"], scale["attempts"], scale["staff"] = (int(c) for c in counts[:3])
    for name, cmd in [("report_completions_ms", ["report", "completions"]),
                      ("report_overdue_ms", ["report", "completions", "--overdue"]),
                      ("report_items_ms", ["report", "items"]),
                      ("report_heatmap_ms", ["report", "heatmap"]),
                      # the first verify walks every row and keeps the heads; the daily one starts from them
                      ("verify_first_ms", ["verify"]),
                      ("verify_ms", ["verify"]),
                      ("verify_full_ms", ["verify", "--full"])]:
        ms, p = run([args.kiosk, *cmd, "--db", db])
        scale[name] = round(ms, 1)
        if p.returncode not in (0,):
            scale[name.replace("_ms", "_exit")] = p.returncode
    ms, p = run(["sqlite3", db, "pragma quick_check"])
    scale["quick_check_ms"] = round(ms, 1)
    scale["db_mib"] = round(os.path.getsize(db) / 2**20, 1)
    results["scale"] = scale


def table(results):
    rows = []
    s = results.get("startup", {})
    m = results.get("memory", {})
    i = results.get("idle", {})

    def ratio(a, b):
        return f"{a / b:.3f}" if a and b else "–"

    rows.append(("start-up: exec → first frame (median ms)", s.get("kiosk_exec_to_ready_ms_median"),
                 s.get("chromium_exec_to_first_frame_ms_median"),
                 ratio(s.get("kiosk_exec_to_ready_ms_median"), s.get("chromium_exec_to_first_frame_ms_median"))))
    rows.append(("start-up: first frame as the kiosk measures it (ms)", s.get("kiosk_first_frame_ms_median"), "", ""))
    rows.append(("start-up: window and GL context open at (ms)", s.get("kiosk_window_open_ms_median"), "", ""))
    rows.append(("start-up: content loaded and fonts built at (ms)", s.get("kiosk_content_and_fonts_ready_ms_median"), "", ""))
    rows.append(("PSS at the question / attract screen (MiB)", round(m.get("kiosk_attract_pss_kb", 0) / 1024, 1),
                 round(m.get("chromium_pss_kb", 0) / 1024, 1) if m.get("chromium_pss_kb") else None,
                 ratio(m.get("kiosk_attract_pss_kb"), m.get("chromium_pss_kb"))))
    rows.append(("RSS (MiB)", round(m.get("kiosk_attract_rss_kb", 0) / 1024, 1),
                 round(m.get("chromium_rss_kb", 0) / 1024, 1) if m.get("chromium_rss_kb") else None,
                 ratio(m.get("kiosk_attract_rss_kb"), m.get("chromium_rss_kb"))))
    rows.append(("PSS after a full course (MiB)", round(m.get("kiosk_after_course_pss_kb", 0) / 1024, 1), "", ""))
    for key, label in (("kiosk_attract", "idle on the attract screen"), ("kiosk_question", "idle on a question"),
                       ("kiosk_countdown", "idle-warning countdown")):
        v = i.get(key, {})
        c = i.get("chromium_page", {})
        rows.append((f"{label}: frames / CPU s per {v.get('seconds', '?')} s", f"{v.get('frames')} / {v.get('cpu_s')}",
                     f"– / {c.get('cpu_s')}" if key != "kiosk_countdown" and c else "",
                     ratio(v.get("cpu_s"), c.get("cpu_s")) if key != "kiosk_countdown" and c else ""))
    a = results.get("answer_latency", {})
    rows.append((f"durable answer commit, median / p99 ms ({a.get('answers')} answers)",
                 f"{a.get('commit_ms_median')} / {a.get('commit_ms_p99')}", "", ""))
    sc = results.get("scale", {})
    for k, v in sc.items():
        rows.append((k, v, "", ""))
    fa = results.get("font_atlas", {})
    rows.append(("font atlas: glyphs, size, build ms", f"{fa.get('glyphs')}, {fa.get('atlas')}, {fa.get('build_ms')}", "", ""))
    rows.append(("font atlas at 200 %: size, build ms", f"{fa.get('atlas_200_percent')}, {fa.get('build_ms_200_percent')}", "", ""))
    w = max(len(r[0]) for r in rows)
    print(f"{'figure':<{w}} | {'kiosk':>22} | {'Chromium':>12} | kiosk/Chromium")
    print("-" * (w + 58))
    for r in rows:
        print(f"{r[0]:<{w}} | {str(r[1]):>22} | {str(r[2] if r[2] is not None else '–'):>12} | {r[3]}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kiosk", default=os.path.join(SOURCE, "build/bin/kiosk"))
    ap.add_argument("--out", default=os.path.join(SOURCE, "build/bench/results.json"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle", type=float, default=60.0, help="seconds of each idle window")
    ap.add_argument("--answers", type=int, default=10000)
    ap.add_argument("--banks", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--staff", type=int, default=5000)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--only", nargs="*", default=["gui", "fonts", "latency", "scale"])
    args = ap.parse_args()

    results = {"machine": {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
                           "kernel": platform.release(), "date": time.strftime("%Y-%m-%d")}}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    results["machine"]["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    tmp = tempfile.mkdtemp(prefix="kiosk-bench-")
    try:
        for part, fn in (("gui", bench_gui), ("fonts", bench_fonts), ("latency", bench_latency), ("scale", bench_scale)):
            if part in args.only:
                t0 = time.monotonic()
                try:
                    fn(args, results, tmp)
                except Exception as e:  # a failed part is reported, the others still run
                    results[f"{part}_error"] = str(e)
                print(f"[{part} done in {time.monotonic() - t0:.0f} s]", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(results, f, indent=2, ensure_ascii=False)
    table(results)
    print(f"\nfigures written to {args.out}")


if __name__ == "__main__":
    main()
