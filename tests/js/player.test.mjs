// The JavaScript player module on its own: rendering from the published catalogs, filling the
// author's templates, the loader's limits and errors, and the Player with an injected clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  answerProblem, fillTemplate, loadTimeline, Player, renderMessage, TimelineError,
} from "../../src/backstretch/js/backstretch-player.js";

const read = (name) => readFileSync(fileURLToPath(new URL(`../../conformance/timeline/valid/${name}`, import.meta.url)), "utf8");
const practice = loadTimeline(read("practice.json"));
const playing = (timeline) => {
  const clock = { now: 0 };
  const player = new Player(timeline, { clock: () => clock.now });
  return { clock, player, ids: () => player.due().map((e) => e.id) };
};

test("messages render in each language, sides and conditions in its words", () => {
  assert.equal(renderMessage({ key: "switch", params: { side: "left" } }, "de"), "Wechsel zur linken Seite");
  assert.equal(renderMessage({ key: "switch", params: { side: "right" } }, "es"), "Cambia al lado derecho");
  const left = { key: "summary_left_out", params: { name: "Kindhaltung", conditions: ["recent-surgery", "my-own"] } };
  assert.equal(renderMessage(left, "de"), "Kindhaltung ausgelassen (Grund: kürzliche Operation, my-own)");
  const longer = { key: "summary_longer", params: { total: 3723000, change: 60000, natural: 3663000 } };
  assert.equal(renderMessage(longer, "en"), "Fitted to 1:02:03: 1:00 longer than the level's own 1:01:03");
  assert.equal(renderMessage({ key: "halfway", params: {} }, "fr"), "Halfway");  // no catalog: English
});

test("templates fill sides, their forms and rounds", () => {
  assert.equal(fillTemplate("Lift your {side} leg, not the {other}", "left", null, "de"), "Lift your links leg, not the rechts");
  assert.equal(fillTemplate("Streck das {side|linke|rechte} Knie", "right", null, "de"), "Streck das rechte Knie");
  assert.equal(fillTemplate("Round {round} of {rounds}", null, { index: 2, count: 3 }), "Round 2 of 3");
});

test("a document that is not JSON, or too long, is refused with its path", () => {
  assert.throws(() => loadTimeline("{"), (error) => error instanceof TimelineError && error.problems[0].path === "$");
  const data = JSON.parse(read("minimal.json"));
  assert.throws(() => loadTimeline(data, { limits: { maxEvents: 1, maxTotalMs: 1e9 } }),
    (error) => error.problems[0].path === "$.events");
});

test("the player starts, plays each event once in order, and finishes", () => {
  const { clock, player, ids } = playing(loadTimeline(read("minimal.json")));
  assert.deepEqual(ids(), []);
  player.start();
  assert.deepEqual(ids(), ["title"]);
  clock.now = 2999;
  assert.deepEqual([ids(), player.finished], [[], false]);
  clock.now = 5000;
  assert.deepEqual([ids(), player.positionMs, player.finished], [["end"], 3000, true]);
});

test("a check-in waits for its answer; what follows waits with it", () => {
  const { clock, player, ids } = playing(practice);
  player.start();
  clock.now = 30000;
  assert.deepEqual(ids(), ["safety", "title", "session0", "ask-pain-before"]);
  assert.equal(player.waiting.id, "ask-pain-before");
  assert.equal(player.positionMs, 19000);
  assert.throws(() => player.answer(11), /from 0 to 10/);
  player.answer(3);
  assert.deepEqual(player.answers, { "ask-pain-before": 3 });
  clock.now = 30001;
  assert.deepEqual(ids(), ["calm-breath/announce"]);
});

test("enough at another round goes on after the Repeat", () => {
  const { clock, player, ids } = playing(practice);
  player.seek(57000);
  ids();
  clock.now = 7000;
  assert.equal(player.waiting.role, "another_round");
  player.answer("enough");
  assert.equal(player.positionMs, 67000);
  assert.deepEqual(ids(), ["circuit1/r0/march/announce"]);
});

test("next and previous go by segment; previous within two seconds goes back one", () => {
  const { clock, player } = playing(practice);
  player.seek(23000);
  player.next();
  assert.equal(player.positionMs, 30000);
  clock.now = 1000;
  player.previous();
  assert.equal(player.positionMs, 22000);
  clock.now = 5000;
  player.previous();
  assert.equal(player.positionMs, 22000);
  clock.now = 7000;  // exactly two seconds in: back one, as within them
  player.previous();
  assert.equal(player.positionMs, 19000);
});

test("an app's own catalog renders a language the library has none for", () => {
  const en = JSON.parse(readFileSync(fileURLToPath(new URL("../../src/backstretch/js/catalogs/en.json", import.meta.url)), "utf8"));
  const fr = { ...en, language: "fr", messages: { ...en.messages, halfway: "À mi-chemin" } };
  assert.equal(renderMessage({ key: "halfway", params: {} }, "fr", { fr, en }), "À mi-chemin");
  assert.equal(renderMessage({ key: "rest", params: {} }, "fr", { fr, en }), "Rest");
});

test("next and previous go by chapter too", () => {
  const { clock, player } = playing(practice);
  player.seek(0);
  player.nextChapter();
  assert.equal(player.positionMs, 19000);
  player.nextChapter();
  assert.equal(player.positionMs, 37000);
  clock.now = 5000;
  player.previousChapter();
  assert.equal(player.positionMs, 37000);
  player.previousChapter();
  assert.equal(player.positionMs, 19000);
  player.previousChapter();
  assert.equal(player.positionMs, 0);
});

test("pause holds the position while the clock runs; speed moves it faster", () => {
  const { clock, player } = playing(practice);
  player.seek(20000);
  player.pause();
  clock.now = 9000;
  assert.equal(player.positionMs, 20000);
  player.resume();
  player.setSpeed(2);
  clock.now = 10000;
  assert.equal(player.positionMs, 22000);
  assert.throws(() => player.setSpeed(0), /above 0/);
});

test("answers are checked by their role", () => {
  const effort = practice.events.find((e) => e.role === "effort");
  const counted = practice.events.find((e) => e.role === "reps_counted");
  assert.equal(answerProblem(effort, "right"), "");
  assert.match(answerProblem(effort, "fine"), /easy, right, hard/);
  assert.equal(answerProblem(counted, 2), "");
  assert.match(answerProblem(counted, 3), /from 0 to 2/);
});

test("a loaded timeline answers queries", () => {
  assert.equal(practice.at(0).id, "safety");
  assert.equal(practice.at(practice.total_ms), null);
  assert.equal(practice.chapterAt(40000).stretch_id, "leg-raise");
  assert.equal(practice.stretch("march").name, "March");
  assert.equal(practice.language, "en");
  assert.throws(() => { practice.title = "x"; }, TypeError);
});
