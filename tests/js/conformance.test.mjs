// The JavaScript player module against the conformance suite: it accepts every valid document
// and refuses every invalid one with a problem at the path EXPECTED.json gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkTimeline, loadTimeline, TimelineError } from "../../src/backstretch/js/backstretch-player.js";

const suite = fileURLToPath(new URL("../../conformance/timeline/", import.meta.url));
const valid = readdirSync(`${suite}valid`).filter((name) => name.endsWith(".json"));
const expected = JSON.parse(readFileSync(`${suite}invalid/EXPECTED.json`, "utf8"));

test("the suite is all here", () => {
  assert.ok(valid.length >= 6);
  assert.ok(Object.keys(expected).length >= 100);
});

for (const name of valid) {
  test(`valid: ${name}`, () => {
    const timeline = loadTimeline(readFileSync(`${suite}valid/${name}`, "utf8"));
    assert.equal(timeline.events.at(-1).kind, "end");
  });
}

for (const [name, { path, reason }] of Object.entries(expected)) {
  test(`invalid: ${name} (${reason})`, () => {
    const text = readFileSync(`${suite}invalid/${name}`, "utf8");
    const problems = checkTimeline(JSON.parse(text));
    assert.ok(problems.some((p) => p.path === path), `expected a problem at ${path}, got ${JSON.stringify(problems)}`);
    assert.throws(() => loadTimeline(text), TimelineError);
  });
}
