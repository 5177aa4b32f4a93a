"""How an exercise notices that its kernel has gone (send_outcomes/js/common.js ``watchKernel``), run in node.

In JupyterLab the widget manager marks a model disconnected when the kernel restarts, and the model then drops
every save without a word; a kernel that was shut down or hangs gives no event at all. These tests drive the
watcher with a stand-in model (the same get/on/off/send the anywidget model offers) and a short wait.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from send_outcomes.widgets.esm import bundle

DRIVER = r"""
const { watchKernel } = await import("./common.mjs");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function fakeModel(replies, sendFails) {
  const handlers = new Map();
  const sent = [];
  return {
    sent,
    get: (name) => (name === "kernel_replies" ? replies : undefined),
    on: (e, f) => handlers.set(e, [...(handlers.get(e) || []), f]),
    off: (e, f) => handlers.set(e, (handlers.get(e) || []).filter((g) => g !== f)),
    emit: (e, ...args) => (handlers.get(e) || []).forEach((f) => f(...args)),
    listeners: () => [...handlers.values()].reduce((n, fs) => n + fs.length, 0),
    send(msg) {
      if (sendFails) throw new Error("Cannot send on a closed comm");
      sent.push(msg);
    },
  };
}
const out = {};
function run(name, replies, sendFails) {
  const model = fakeModel(replies, sendFails);
  const states = [];
  const watch = watchKernel(model, (s) => states.push(s), 60);
  out[name] = { model, states, watch };
  return out[name];
}
// A restart (the manager marks the model disconnected) and a closed comm: gone at once.
const restart = run("restart", true, false);
restart.model.emit("comm_live_update");
const closed = run("closed", true, false);
closed.model.emit("comm:close");
// A kernel that answers in time: one question per save while one is waiting, never stopped.
const answers = run("answers", true, false);
answers.watch.saved();
answers.watch.saved();
answers.model.emit("msg:custom", { type: "so-pong", n: 1 });
answers.watch.saved();
answers.model.emit("msg:custom", { type: "so-pong", n: 2 });
// A kernel that is slow: silent after the wait, live again when the answer comes; a wrong answer is ignored.
const slow = run("slow", true, false);
slow.watch.saved();
await sleep(150);
slow.model.emit("msg:custom", { type: "so-pong", n: 99 });
slow.model.emit("msg:custom", { type: "something else", n: 1 });
const beforeAnswer = [...slow.states];
slow.model.emit("msg:custom", { type: "so-pong", n: 1 });
// A kernel that cannot be asked (shut down): silent at once.
const shut = run("shut", true, true);
shut.watch.saved();
// The static site's model: never asked.
const site = run("site", undefined, false);
site.watch.saved();
await sleep(150);
// stop() leaves no listener and no timer behind.
const stopped = run("stopped", true, false);
stopped.watch.saved();
stopped.watch.stop();
await sleep(150);
const seen = ([k, v]) => [k, { states: v.states, sent: v.model.sent }];
const result = Object.fromEntries(Object.entries(out).map(seen));
result.slowBeforeAnswer = beforeAnswer;
result.listenersAfterStop = stopped.model.listeners();
console.log(JSON.stringify(result));
"""


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run the exercise modules", pytrace=False)
    folder = tmp_path_factory.mktemp("watch")
    (folder / "common.mjs").write_text(bundle("common.js"), encoding="utf-8")
    (folder / "drive.mjs").write_text(DRIVER, encoding="utf-8")
    proc = subprocess.run(
        [node, "drive.mjs"], cwd=folder, capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return dict(json.loads(proc.stdout))


def test_a_restart_or_a_closed_comm_stops_the_exercise_at_once(result: dict[str, object]) -> None:
    assert result["restart"] == {"states": ["gone"], "sent": []}
    assert result["closed"] == {"states": ["gone"], "sent": []}


def test_a_kernel_that_answers_is_asked_once_per_waiting_question_and_never_stops_anything(
    result: dict[str, object],
) -> None:
    answers = result["answers"]
    assert answers == {
        "states": ["live", "live"],
        "sent": [{"type": "so-ping", "n": 1}, {"type": "so-ping", "n": 2}],
    }


def test_a_slow_kernel_stops_the_exercise_until_its_answer_comes(result: dict[str, object]) -> None:
    assert result["slowBeforeAnswer"] == ["silent"]
    assert result["slow"] == {"states": ["silent", "live"], "sent": [{"type": "so-ping", "n": 1}]}


def test_a_kernel_that_cannot_be_asked_stops_the_exercise_at_once(result: dict[str, object]) -> None:
    assert result["shut"] == {"states": ["silent"], "sent": []}


def test_the_static_sites_model_is_never_asked_and_stop_leaves_nothing(result: dict[str, object]) -> None:
    assert result["site"] == {"states": [], "sent": []}
    assert result["stopped"] == {"states": [], "sent": [{"type": "so-ping", "n": 1}]}
    assert result["listenersAfterStop"] == 0
