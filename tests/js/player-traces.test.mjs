// The JavaScript Player against the Python Player: the same timeline, the same actions at the
// same clock times, the same events due and the same state after each. The traces come from
// tests/player_traces.py (test_js_player.py writes them and names their folder in
// BACKSTRETCH_TRACES): every built-in routine in en, de and es, and every program's first session.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { loadTimeline, Player } from "../../src/backstretch/js/backstretch-player.js";

const folder = process.env.BACKSTRETCH_TRACES;
const names = folder ? readdirSync(folder).filter((name) => name.endsWith(".json")).sort() : [];
const ACTIONS = {
  start: (p) => p.start(), continue: (p) => p.continue(), answer: (p, v) => p.answer(v),
  next: (p) => p.next(), previous: (p) => p.previous(), next_chapter: (p) => p.nextChapter(),
  previous_chapter: (p) => p.previousChapter(), pause: (p) => p.pause(), resume: (p) => p.resume(),
  toggle: (p) => p.toggle(), speed: (p, v) => p.setSpeed(v), seek: (p, v) => p.seek(v), wait: () => {},
};

test("the traces are there (test_js_player.py writes them)", { skip: folder ? false : "BACKSTRETCH_TRACES is not set" }, () => {
  assert.ok(names.length >= 21, `${names.length} traces`);
});

for (const name of names) {
  test(`plays as the Python Player: ${name}`, () => {
    const { timeline, steps } = JSON.parse(readFileSync(`${folder}/${name}`, "utf8"));
    let now = 0;
    const player = new Player(loadTimeline(timeline), { clock: () => now });
    steps.forEach((step, index) => {
      now += step.advance;
      const [action, value] = step.action;
      ACTIONS[action](player, value);
      const fired = player.due().map((e) => e.id);
      const said = {
        fired,
        position: player.positionMs,
        waiting: player.waiting ? player.waiting.id : null,
        current: player.current ? player.current.id : null,
        finished: player.finished,
        paused: player.paused,
        playing: player.playing,
        answers: player.answers,
      };
      const { advance, action: _, ...expected } = step;
      assert.deepEqual(said, expected, `step ${index} (${JSON.stringify(step.action)})`);
    });
  });
}
