"""How fast and how right the whole-plan checker is, on the example plans and on a 20-page plan.

Speed (medians): per example plan and format, the time to read and check it in this process (CPU time,
so other work on the shared machine does not count), the wall time of the whole command (``send-outcomes
plan FILE``, start-up included) and, in Chromium on the built site, the time the page takes from the file's
bytes to its report (the page's own measure) and from choosing the file to the report shown. A 20-page plan
is made from the examples' content (12 areas of need, repeated) to show the cost of a long plan.
Rightness: recall of the planted problems per code and false alarms on items meant to be sound, over every
example plan in every format. The browser part needs the built site (``make book``) and Chromium.
"""

from __future__ import annotations

import copy
import functools
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from send_outcomes.plans import check, read_plan
from send_outcomes.plans import examples as ex

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
FORMATS = ("docx", "pdf", "txt")
RUNS = 5


def cpu(fn) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def long_plan(folder: Path) -> list[Path]:
    """A plan of about 20 pages: the areas of the example plans, each repeated with its own numbers."""
    spec = copy.deepcopy(ex.specs()[0])
    areas = []
    for n in range(12):
        for s in ex.specs():
            for a in s["areas"]:
                if a["area"] and a["outcomes"] and a["provision"] and s["layout"] in ("lists", "area-tables"):
                    b = copy.deepcopy(a)
                    b["needs"] = [f"{t} (part {n + 1})" for t in b["needs"]]
                    areas.append(b)
    spec["areas"] = areas
    spec["id"] = "long-plan"
    els = ex.elements(spec)
    advice = ("p", "A paragraph of advice from a professional, of the kind Section K holds in full. " * 10)
    els = els[:-4] + [advice] * 90 + els[-4:]
    out = []
    for ext, write in (("docx", ex.write_docx), ("pdf", ex.write_pdf), ("txt", ex.write_text)):
        path = folder / f"long-plan.{ext}"
        write(els, path)
        out.append(path)
    return out


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def cli_seconds(path: Path) -> tuple[float, float]:
    """Median wall and CPU seconds of the whole command (start-up included). On a shared machine the wall
    time mostly measures the queue for a core; the CPU time is the command's own cost."""
    exe = Path(sys.executable).parent / "send-outcomes"
    walls, cpus = [], []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([str(exe), "plan", str(path)], capture_output=True, check=False)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def browser_seconds(files: list[Path]) -> dict[str, tuple[float, float]]:
    if not (SITE / "book" / "check-your-plan.html").exists():
        print("(no built site: run `make book` for the browser column)")
        return {}
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from conftest import CHROMIUM, CHROMIUM_ARGS

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(SITE))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out: dict[str, tuple[float, float]] = {}
    done = "() => ['done', 'error'].includes(document.querySelector('.so-plan').dataset.state)"
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = b.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/book/check-your-plan.html")
            page.wait_for_selector(".so-plan input[type=file]")
            for path in files:
                own, wall = [], []
                for _ in range(3):
                    page.evaluate("() => { delete document.querySelector('.so-plan').dataset.state; }")
                    t = time.perf_counter()
                    page.locator(".so-plan input[type=file]").set_input_files(str(path))
                    page.wait_for_function(done, timeout=60_000)
                    wall.append(time.perf_counter() - t)
                    own.append(float(page.locator(".so-plan").get_attribute("data-ms") or "nan") / 1000)
                out[path.name] = (statistics.median(own), statistics.median(wall))
            b.close()
    finally:
        server.shutdown()
    return out


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        files = [ex.EXAMPLES / f"{s['id']}.{e}" for s in ex.specs() for e in FORMATS]
        files += long_plan(Path(tmp))
        print(f"long-plan.pdf has {pages(Path(tmp) / 'long-plan.pdf')} pages")
        web = browser_seconds([f for f in files if f.suffix != ".txt"])
        print()
        print(f"| plan | read+check CPU s (median of {RUNS}) | CLI wall s | CLI CPU s (medians of 3) "
              "| page s (own) | page s (wall) |")
        print("|---|---:|---:|---:|---:|---:|")
        for f in files:
            t = statistics.median(cpu(lambda f=f: check(read_plan(f))) for _ in range(RUNS))
            w = web.get(f.name)
            page = f"{w[0]:.3f} | {w[1]:.3f}" if w else "- | -"
            wall, used = cli_seconds(f)
            print(f"| {f.name} | {t:.3f} | {wall:.2f} | {used:.2f} | {page} |")

    found: dict[str, int] = defaultdict(int)
    planted: dict[str, int] = defaultdict(int)
    alarms: dict[str, int] = defaultdict(int)
    sound = alarmed = 0
    for s in ex.specs():
        for e in FORMATS:
            plan = read_plan(ex.EXAMPLES / f"{s['id']}.{e}")
            r = ex.score(s, plan, check(plan))
            for w in r["planted"]:
                planted[w["code"]] += 1
            for w in r["found"]:
                found[w["code"]] += 1
            for a in r["false_alarms"]:
                alarms[a.code] += 1
            sound += r["sound"]
            alarmed += r["alarmed_items"]
    print()
    print("| code | planted (x3 formats) | found | recall | false alarms on sound items |")
    print("|---|---:|---:|---:|---:|")
    for code in sorted(set(planted) | set(alarms)):
        rec = found[code] / planted[code] if planted[code] else float("nan")
        print(f"| {code} | {planted[code]} | {found[code]} | {rec:.2f} | {alarms[code]} |")
    total = sum(planted.values())
    print(f"| all | {total} | {sum(found.values())} | {sum(found.values()) / total:.2f} | "
          f"{alarmed} of {sound} sound items ({alarmed / sound:.1%}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
