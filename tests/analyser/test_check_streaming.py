"""``send-outcomes check`` reads and writes line by line: bounded memory, early output, endless NULs refused.

Memory is measured in a fresh Python process that runs the command and reports the peak resident size of
its children (``RUSAGE_CHILDREN``), so nothing else this test session started is counted.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

CLI = [sys.executable, "-m", "send_outcomes.cli", "check"]
STATEMENT = "By the end of Year 6, Amir will walk to the shop with a friend and buy a snack."
MEASURE = """
import resource, subprocess, sys
with open(sys.argv[1], "rb") as f:
    run = subprocess.run(sys.argv[2:], stdin=f, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
lines = run.stdout.count(b"\\n")
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(run.returncode, lines, peak_kb, run.stderr.decode()[-300:].replace("\\n", " "))
"""
LIMIT_MB = (
    200  # the whole interpreter with the analyser loaded is about 60 MB; 50 MB read at once is far more
)


def _measure(path, fmt: str, *extra: str) -> tuple[int, int, int, str]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), *CLI, *extra, "--format", fmt, "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout.split(" ", 3)
    return int(out[0]), int(out[1]), int(out[2]), out[3]


@pytest.fixture(scope="module")
def big_input(tmp_path_factory):
    """50 MB: a thousand statements between 50 lines of a megabyte each (cut at the analyser's limit)."""
    path = tmp_path_factory.mktemp("big") / "big.txt"
    with path.open("wb") as f:
        for _ in range(50):
            f.write((STATEMENT + "\n").encode() * 20)
            f.write(b"word " * (1_000_000 // 5) + b"\n")
    assert path.stat().st_size >= 50_000_000
    return path


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_fifty_megabytes_in_bounded_memory(big_input, fmt):
    code, lines, peak_kb, err = _measure(big_input, fmt)
    assert code == 0, err
    assert lines >= 1050 if fmt == "jsonl" else lines > 1050
    assert peak_kb < LIMIT_MB * 1024, f"peak {peak_kb / 1024:.0f} MB"
    assert "cut" in err


def test_fifty_megabytes_read_as_lists_in_bounded_memory(big_input):
    """Read as lists, at most a list's worth of statements is held at once, whatever the input's size."""
    code, lines, peak_kb, err = _measure(big_input, "jsonl", "--list")
    assert code == 0, err
    assert lines >= 1050
    assert peak_kb < LIMIT_MB * 1024, f"peak {peak_kb / 1024:.0f} MB"


def test_nul_stream_is_not_text_and_stops(tmp_path):
    """/dev/zero never ends and has no line breaks: it is refused at once, not read for ever."""
    run = subprocess.run([*CLI, "/dev/zero"], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 2
    assert "not text" in run.stderr and "NUL" in run.stderr


def test_output_starts_before_input_ends():
    proc = subprocess.Popen(
        [*CLI, "--format", "jsonl", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(proc.stdout.readline()))
    reader.start()
    proc.stdin.write((STATEMENT + "\n").encode())
    proc.stdin.flush()
    reader.join(timeout=60)
    try:
        assert got and json.loads(got[0])["kind"] == "outcome", "no result before the input ended"
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    assert proc.returncode == 0


def test_json_array_is_the_same_as_before(tmp_path):
    """Streamed, --format json prints exactly what json.dumps of the whole list of results prints."""
    from send_outcomes.analysis import analyse, analyse_all

    texts = [STATEMENT, "A differentiated curriculum", "Having a job and earning money", "Jo counts."]
    path = tmp_path / "four.txt"
    path.write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    run = subprocess.run([*CLI, "--format", "json", str(path)], capture_output=True, text=True, check=True)
    expected = json.dumps([analyse(t).to_dict() for t in texts], ensure_ascii=False, indent=2) + "\n"
    assert run.stdout == expected
    run = subprocess.run(
        [*CLI, "--list", "--format", "json", str(path)], capture_output=True, text=True, check=True
    )
    expected = json.dumps([a.to_dict() for a in analyse_all(texts)], ensure_ascii=False, indent=2) + "\n"
    assert run.stdout == expected
