"""Bad input to ``send-outcomes plan``: a clear message, exit 2, no traceback, bounded time and memory.

Each case runs the command in a child process that measures it (peak memory from the kernel's own count,
wall time), so a hang or a memory blow-up fails the test rather than the machine.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from send_outcomes.plans.examples import EXAMPLES

SECONDS = 10  # a few seconds each on a loaded 2-core machine; the bench has the real times
MEGABYTES = 400
_MEASURE = (
    "import resource, subprocess, sys, time, json\n"
    "t = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout={seconds})\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024\n"
    "print(json.dumps({'rc': r.returncode, 'err': r.stderr, 'out': r.stdout, 'mb': peak,"
    " 's': time.perf_counter() - t}))\n"
).replace("{seconds}", str(SECONDS))


def run_measured(path: str | Path) -> dict:
    exe = [sys.executable, "-m", "send_outcomes.cli", "plan", str(path)]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *exe], capture_output=True, text=True, timeout=SECONDS + 20
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def assert_refused(path: str | Path, *words: str) -> str:
    r = run_measured(path)
    assert r["rc"] == 2, r
    assert "Traceback" not in r["err"] and r["out"] == ""
    assert r["err"].startswith("send-outcomes plan: ")
    for w in words:
        assert w in r["err"], r["err"]
    assert r["mb"] < MEGABYTES, r
    assert r["s"] < SECONDS, r
    return r["err"]


def _docx_with(tmp_path: Path, name: str, extra: dict[str, bytes]) -> Path:
    src = zipfile.ZipFile(EXAMPLES / "ola-brook.docx")
    out = tmp_path / name
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in extra:
                data = extra.pop(info.filename)
            z.writestr(info.filename, data)
        for fname, data in extra.items():
            z.writestr(fname, data)
    return out


def test_yaml_alias_bomb(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for k in range(1, 10):
        prev, cur = chr(96 + k), chr(97 + k)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    assert_refused(path, "alias")


@pytest.mark.parametrize("ext", ["yaml", "json"])
def test_nesting_100000_deep(tmp_path, ext):
    path = tmp_path / f"deep.{ext}"
    path.write_text("[" * 100_000 + "]" * 100_000)
    assert_refused(path, "nested")


def test_dev_zero():
    assert_refused("/dev/zero", "too large")


def test_200_megabyte_file(tmp_path):
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as f:
        f.truncate(200_000_000)  # sparse: no disk used, but 200 MB to anyone reading it
    assert_refused(path, "too large")


def test_zip_bomb_disguised_as_docx(tmp_path):
    path = tmp_path / "plan.docx"
    chunk = b"\0" * 1_000_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as f:
            for _ in range(150):
                f.write(chunk)
    assert path.stat().st_size < 1_000_000
    assert_refused(path, "zip bomb")


def test_too_many_parts_in_a_docx(tmp_path):
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as z:
        for n in range(1_500):
            z.writestr(f"x/{n}", b"")
    assert_refused(path, "parts inside")


def test_password_protected_word_file(tmp_path):
    path = tmp_path / "protected.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)  # an OLE container, as Word writes
    assert_refused(path, "password")


def test_docx_with_macros(tmp_path):
    assert_refused(_docx_with(tmp_path, "macro.docx", {"word/vbaProject.bin": b"\0" * 100}), "macros")


def test_docx_with_external_links(tmp_path):
    rels = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'attachedTemplate" Target="http://127.0.0.1:9/evil.dotm" TargetMode="External"/></Relationships>'
    )
    path = _docx_with(tmp_path, "linked.docx", {"word/_rels/settings.xml.rels": rels})
    assert_refused(path, "outside the file", "nothing was fetched")


def test_hyperlinks_are_only_text(tmp_path):
    """An ordinary hyperlink (TargetMode External, type hyperlink) is kept as text and never followed."""
    src = zipfile.ZipFile(EXAMPLES / "ola-brook.docx")
    rels = src.read("word/_rels/document.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'hyperlink" Target="http://127.0.0.1:9/x" TargetMode="External"/></Relationships>',
    )
    path = _docx_with(tmp_path, "hyper.docx", {"word/_rels/document.xml.rels": rels})
    assert run_measured(path)["rc"] == 1


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for page in PdfReader(EXAMPLES / "ola-brook.pdf").pages:
        w.add_page(page)
    w.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as f:
        w.write(f)
    assert_refused(path, "password")


def test_image_only_pdf(tmp_path):
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.rect(50, 50, 400, 600, fill=1)  # a scanned page is a picture, with no text in it
    c.showPage()
    c.save()
    path = tmp_path / "scan.pdf"
    path.write_bytes(buf.getvalue())
    assert_refused(path, "no text layer")


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrash", ("PDF",)),
        ("broken.docx", b"PK\x03\x04 not really a zip", ("not a Word",)),
        ("notes.txt", b"\xff\xfe\x00junk", ("UTF-8",)),
        ("missing.pdf", None, ("no such file",)),
    ],
)
def test_damaged_and_missing_files(tmp_path, name, data, words):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    assert_refused(path, *words)


@pytest.mark.parametrize("name", ["ola-brook.docx", "kofi-nwosu.pdf", "maisie-rowe.txt"])
def test_damaged_copies_never_raise_anything_but_a_read_error(tmp_path, name):
    """Bytes changed at random (seeded): every copy is read or refused with a message, never a crash."""
    import random

    from send_outcomes.plans import ReadError, check, read_plan

    data = (EXAMPLES / name).read_bytes()
    rng = random.Random(name)
    for n in range(25):
        broken = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            broken[rng.randrange(len(broken))] = rng.randrange(256)
        path = tmp_path / f"{n}-{name}"
        path.write_bytes(bytes(broken))
        try:
            check(read_plan(path))
        except ReadError as err:
            assert str(err).startswith(str(path)), err


@pytest.mark.parametrize("data", [b"", b"Dear parent,\nPlease find the plan attached.\n"])
def test_a_file_with_no_plan_in_it_is_not_reported_as_sound(tmp_path, data):
    path = tmp_path / "letter.txt"
    path.write_bytes(data)
    assert_refused(path, "nothing was checked")
