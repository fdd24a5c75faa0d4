// What loading a timeline costs the JavaScript player module: node bench/js_load.mjs FILE prints
// {"events", "parse_ms", "load_ms"} as JSON, each the best of five (bench/run.py reads it).
import { readFileSync } from "node:fs";
import { loadTimeline } from "../src/backstretch/js/backstretch-player.js";

const text = readFileSync(process.argv[2], "utf8");
const best = (work) => {
  let least = Infinity;
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    work();
    least = Math.min(least, performance.now() - start);
  }
  return least;
};
const limits = { maxEvents: 10_000_000, maxTotalMs: Number.MAX_SAFE_INTEGER };
const events = loadTimeline(text, { limits }).events.length;
const parse_ms = best(() => JSON.parse(text));
const load_ms = best(() => loadTimeline(text, { limits }));
console.log(JSON.stringify({ events, parse_ms, load_ms }));
