// backstretch-player: load, check, play and translate backstretch timelines in JavaScript.
//
// A plain ES module with no dependencies, for browsers, Node and React Native. It reads a
// timeline document (format 2, docs/timeline.md) and checks it by the loader's checklist, so a
// loaded timeline can be trusted like a compiled one; plays it against a clock you give it, with
// the same rules as Python's backstretch.player.Player; and renders the library's messages in
// any language it has a catalog for (the published catalogs: `backstretch messages --lang de`).
//
//   import { loadTimeline, Player, renderMessage } from "backstretch-player";
//   const timeline = loadTimeline(await (await fetch("timeline.json")).text());
//   const player = new Player(timeline, { clock: () => performance.now() });
//   player.start();
//   setInterval(() => { for (const event of player.due()) show(event.text); }, 100);
//
// Types: backstretch-player.d.ts. Tests: tests/js in the backstretch repository, against the
// conformance suite and the Python Player on every built-in routine.

import { CATALOGS } from "./catalogs.js";

/** The timeline format version this module reads. */
export const FORMAT_VERSION = 2;
/** How far into a segment previous() restarts it rather than going to the one before (ms). */
export const RESTART_WITHIN_MS = 2000;
/** The most milliseconds a time may be: 2**53 - 1, the most a JavaScript number holds exactly. */
export const MAX_MS = Number.MAX_SAFE_INTEGER;
/** The default limits of a loaded timeline: its events, and how long it lasts (6 hours). */
export const LIMITS = Object.freeze({ maxEvents: 100000, maxTotalMs: 6 * 3600 * 1000 });

/** Each kind and its roles; the first is the one a kind with a single role has. */
export const ROLES = Object.freeze({
  title: ["title"],
  announce: ["announce", "props", "intro", "outro", "session"],
  caution: ["caution", "safety_note"],
  modification: ["modification"],
  step: ["step"],
  hold: ["hold"],
  breath: ["inhale", "hold_in", "exhale", "hold_out"],
  switch: ["switch"],
  rep: ["rep"],
  rest: ["rest", "rest_between"],
  break: ["break"],
  check_in: ["pain_before", "pain_after", "effort", "reps_counted", "another_round"],
  cue: ["countdown", "halfway", "hold_cue", "switch_prompt", "next_up"],
  skip: ["left_out", "replaced", "ruled_out"],
  end: ["end"],
});

const SESSION_KEYS = Object.keys(CATALOGS.en.messages).filter(
  (key) => key.startsWith("session") || key.startsWith("progress_"));
/** The message keys an event of each role may carry (the key-to-role table of docs/timeline.md). */
export const ROLE_MESSAGES = Object.freeze({
  title: [], intro: [], outro: [], caution: [], step: [], break: [], hold_cue: [],
  announce: ["announce_targets", "announce_purpose", "announce_targets_purpose"],
  props: ["props"],
  session: SESSION_KEYS,
  safety_note: ["safety_note", "safety_note_breathing"],
  modification: ["modification_when", "modification_props", "modification_when_props"],
  hold: ["hold", "hold_breath", "hold_breaths"],
  inhale: ["inhale"], hold_in: ["hold_in"], exhale: ["exhale"], hold_out: ["hold_out"],
  switch: ["switch"],
  rep: ["rep"],
  rest: ["rest", "closing_rest"],
  rest_between: ["rest"],
  countdown: ["countdown"],
  halfway: ["halfway"],
  switch_prompt: ["switch_prompt"],
  next_up: ["next_up"],
  left_out: ["left_out"],
  replaced: ["replaced", "swapped"],
  ruled_out: ["ruled_out", "swapped_too"],
  pain_before: ["check_in_pain_before"],
  pain_after: ["check_in_pain_after"],
  effort: ["check_in_effort"],
  reps_counted: ["check_in_reps"],
  another_round: ["check_in_another_round"],
  end: ["end"],
});
/** The roles a compiled timeline (one with options) always gives a message. */
export const ALWAYS_SAID = Object.freeze(["props", "session", "rep", "countdown", "halfway",
  "switch_prompt", "next_up", "left_out", "replaced", "ruled_out", "pain_before", "pain_after",
  "effort", "reps_counted", "another_round", "end"]);
/** What a check-in's answer is, by its role. */
export const ANSWERS = Object.freeze({
  pain_before: "pain", pain_after: "pain", effort: "effort", reps_counted: "count", another_round: "round",
});
export const EFFORTS = Object.freeze(["easy", "right", "hard"]);
export const ROUND_ANSWERS = Object.freeze(["more", "enough"]);

const MARKER_KINDS = new Set(["cue", "skip", "end"]);
const OPEN_KINDS = new Set(["step", "hold", "rep", "rest"]);
const PART_KINDS = new Set(["hold", "cue"]);
const TARGET_ROLES = new Set(["next_up", "replaced"]);
const TIMED_CUES = new Set(["countdown", "halfway", "switch_prompt", "next_up"]);
const CUE_OPTIONS = { halfway: "halfway", hold_cue: "hold_cues", switch_prompt: "switch_prompt", next_up: "next_up" };
const SKIP_ROLES = new Set(["left_out", "replaced", "ruled_out"]);
const NAMED_ROLES = new Set(["title", "announce", "caution", "modification"]);
const WORK_KINDS = new Set(["step", "hold", "rep", "breath"]);
const LEVELS = ["gentle", "standard", "deep"];
const EVENT_KEYS = ["id", "start_ms", "duration_ms", "end_ms", "kind", "role", "text", "side", "stretch",
  "stretch_id", "target", "tick", "rounds", "rep", "part", "message", "template", "open", "until", "breaths"];
const ROOT_KEYS = ["version", "type", "title", "total_ms", "options", "stretches", "chapters", "events"];
const STRETCH_KEYS = ["id", "name", "purpose", "targets", "props", "cautions", "modifications"];
const CHAPTER_KEYS = ["title", "stretch_id", "start_ms", "duration_ms", "end_ms", "round"];
const OPTION_TYPES = {
  level: "level", conditions: "texts", fit_to_ms: "optional_ms", language: "language", safety_note: "bool",
  countdown: "count", countdown_min_ms: "ms", halfway: "bool", halfway_min_ms: "ms", hold_cues: "bool",
  breath_every_ms: "optional_ms", next_up: "bool", next_up_lead_ms: "ms", switch_prompt: "bool",
  switch_lead_ms: "ms", affected: "side", breath_ms: "positive_ms", unfitted_ms: "optional_ms",
  swapped: "texts", cues_left_out: "count",
};
// Control characters (but tab and newline), lone surrogates, U+FFFE, U+FFFF, and bidirectional
// embeddings, overrides and isolates: no text may hold them.
const FORBIDDEN = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A document that breaks the rules: every problem, each at its `$.path`. */
export class TimelineError extends Error {
  constructor(problems) {
    super(`${problems.length} problem${problems.length === 1 ? "" : "s"} in the timeline:\n`
      + problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
    this.name = "TimelineError";
    this.problems = problems;
  }
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isText = (v) => typeof v === "string" && !FORBIDDEN.test(v);
const isName = (v) => isText(v) && v.trim() !== "";
const isMs = (v) => Number.isInteger(v) && v >= 0 && v <= MAX_MS;
const isInt = (v) => Number.isInteger(v);
const shown = (v) => (typeof v === "string" ? `text (${JSON.stringify(v)})` : JSON.stringify(v));
const article = (word) => `${"aeiou".includes(word[0]) ? "an" : "a"} ${word}`;
const sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

// Rendering.

const clockReading = (ms) => {
  const whole = Math.floor(ms / 1000), rest = ms % 1000;
  const h = Math.floor(whole / 3600), m = Math.floor((whole % 3600) / 60), s = whole % 60;
  const clock = h ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}` : `${m}:${String(s).padStart(2, "0")}`;
  return rest ? `${clock}.${String(rest).padStart(3, "0")}` : clock;
};

/** The catalog of `language` among `catalogs` (English where it has none, as the library does). */
export function catalogFor(language, catalogs = CATALOGS) {
  return catalogs[language] || catalogs.en || CATALOGS.en;
}

/**
 * A message ({key, params}) in `language`: its template filled with its parameters, sides and
 * condition names in the language's words, lists joined, durations as clock readings.
 */
export function renderMessage(message, language = "en", catalogs = CATALOGS) {
  const catalog = catalogFor(language, catalogs);
  const kinds = CATALOGS.en.params[message.key] || {};
  const words = {};
  for (const [name, value] of Object.entries(message.params)) {
    const kind = kinds[name];
    if (Array.isArray(value)) {
      const items = kind === "conditions" ? value.map((c) => catalog.conditions[c] ?? c) : value;
      words[name] = items.join(catalog.list_separator);
    } else if (kind === "duration") words[name] = clockReading(value);
    else if (kind === "side") words[name] = (catalog.message_sides[message.key] || catalog.sides)[value];
    else words[name] = String(value);
  }
  return catalog.messages[message.key].replace(/\{(\w+)\}/g, (whole, name) => words[name]);
}

const SIDES = /\{(side|other)(?:\|([^{}|]*)\|([^{}|]*))?\}/g;

/** The author's text with `{side}`, `{other}` (and their forms) and `{round}`, `{rounds}` filled. */
export function fillTemplate(text, side, round, language = "en", catalogs = CATALOGS) {
  if (!text.includes("{")) return text;
  if (side) {
    const words = catalogFor(language, catalogs).sides;
    text = text.replace(SIDES, (whole, which, left, right) => {
      const meant = which === "side" ? side : side === "left" ? "right" : "left";
      return left === undefined ? words[meant] : meant === "left" ? left : right;
    });
  }
  if (round) text = text.replaceAll("{rounds}", String(round.count)).replaceAll("{round}", String(round.index));
  return text;
}

// The timeline.

/** A checked timeline: the document's values, with the queries a player needs. */
export class Timeline {
  constructor(data) {
    Object.assign(this, data);
    this.segments = this.events.filter((e) => e.duration_ms > 0);
    this.markers = this.events.filter((e) => e.duration_ms === 0);
    this.language = this.options ? this.options.language : "en";
    this._byId = new Map(this.stretches.map((s) => [s.id, s]));
    this._openEnds = this.segments.filter((e) => e.open).map((e) => e.end_ms);
    Object.freeze(this);
  }
  /** The segment playing at `ms` (half-open), or null at or after the end. */
  at(ms) {
    const i = firstAfter(this.segments, ms) - 1;
    return i >= 0 && ms < this.segments[i].end_ms ? this.segments[i] : null;
  }
  /** The stretches entry of `id`. */
  stretch(id) { return this._byId.get(id); }
  /** The chapter playing at `ms`, or null. */
  chapterAt(ms) { return this.chapters.find((c) => c.start_ms <= ms && ms < c.end_ms) || null; }
  /**
   * Where the innermost Repeat around `event` ends (for "enough" at an another_round check-in):
   * the start of the first segment after it not in a later round of that Repeat, or total_ms.
   */
  repeatEndMs(event) {
    const depth = event.rounds.length;
    if (depth === 0) throw new Error(`${event.id} is in no Repeat: it has no rounds`);
    const here = event.rounds[depth - 1].index;
    const same = (a, b) => a.index === b.index && a.count === b.count;
    for (const s of this.segments.slice(firstAtOrAfter(this.segments, event.end_ms))) {
      if (s.rounds.length < depth || !event.rounds.slice(0, depth - 1).every((r, i) => same(r, s.rounds[i]))
        || s.rounds[depth - 1].index <= here) return s.start_ms;
    }
    return this.total_ms;
  }
}

const firstAfter = (list, ms) => {
  let lo = 0, hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid].start_ms <= ms) lo = mid + 1; else hi = mid; }
  return lo;
};
const firstAtOrAfter = (list, ms) => {
  let lo = 0, hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid].start_ms < ms) lo = mid + 1; else hi = mid; }
  return lo;
};

// Loading: the checklist of docs/timeline.md, in three passes (each field's shape; the rules of
// the whole timeline; what a compile gives), each pass only over a document the one before passed.

/**
 * Load a timeline document (JSON text, or the value JSON.parse gave) and check it by the
 * checklist. Throws a TimelineError listing every problem at its `$.path`.
 * Options: `catalogs` (by language; the bundled en, de, es by default) to check texts against
 * their messages, `limits` ({maxEvents, maxTotalMs}).
 */
export function loadTimeline(source, { catalogs = CATALOGS, limits = LIMITS } = {}) {
  let data = source;
  if (typeof source === "string") {
    try { data = JSON.parse(source); } catch (error) {
      throw new TimelineError([{ path: "$", message: `not JSON: ${error.message}` }]);
    }
  }
  const problems = checkTimeline(data, { catalogs, limits });
  if (problems.length) throw new TimelineError(problems);
  return new Timeline(data);
}

/** Every problem of a timeline document, as {path, message} (empty: it can be trusted). */
export function checkTimeline(data, { catalogs = CATALOGS, limits = LIMITS } = {}) {
  const found = [];
  const bad = (path, message) => { found.push({ path, message }); };
  if (!isObject(data)) return [{ path: "$", message: `a timeline document is an object, got ${shown(data)}` }];
  const version = data.version;
  if (!isInt(version) || version < 1) {
    return [{ path: "$.version", message: `must be the format version, a whole number like ${FORMAT_VERSION}` }];
  }
  if (version === 1) return [{ path: "$.version", message: "a version 1 timeline is not read: compile its routine again" }];
  if (version > FORMAT_VERSION) {
    return [{ path: "$.version", message: `format version ${version} is newer than this module reads (${FORMAT_VERSION})` }];
  }
  if (data.type !== "timeline") return [{ path: "$.type", message: `must be "timeline", got ${shown(data.type)}` }];
  if (!record(data, "$", ROOT_KEYS, bad)) return found;
  if (Array.isArray(data.events) && data.events.length > limits.maxEvents) {
    return [{ path: "$.events", message: `the timeline has ${data.events.length} events; the limit is ${limits.maxEvents}` }];
  }
  if (isInt(data.total_ms) && data.total_ms > limits.maxTotalMs) {
    return [{ path: "$.total_ms", message: `the timeline lasts longer than the limit (${limits.maxTotalMs} ms)` }];
  }
  if (!isText(data.title)) bad("$.title", "must be a text");
  if (!isMs(data.total_ms)) bad("$.total_ms", "must be whole milliseconds >= 0");
  if (data.options !== null) shapeOfOptions(data.options, bad);
  list(data.stretches, "$.stretches", bad, shapeOfStretch);
  list(data.chapters, "$.chapters", bad, shapeOfChapter);
  list(data.events, "$.events", bad, shapeOfEvent);
  if (found.length) return found;
  rulesOfTheWhole(data, bad);
  if (found.length) return found;
  new Agreement(data, catalogs, bad).run();
  return found;
}

function record(value, path, keys, bad) {
  if (!isObject(value)) { bad(path, `must be an object, got ${shown(value)}`); return false; }
  let ok = true;
  for (const key of Object.keys(value)) if (!keys.includes(key)) { bad(`${path}.${key}`, "unknown key"); ok = false; }
  for (const key of keys) if (!(key in value)) { bad(`${path}.${key}`, "required key missing"); ok = false; }
  return ok;
}

function list(value, path, bad, each) {
  if (!Array.isArray(value)) { bad(path, "must be a list"); return; }
  value.forEach((item, i) => each(item, `${path}[${i}]`, bad));
}

function texts(value, path, bad) {
  if (!Array.isArray(value)) { bad(path, "must be a list of texts"); return; }
  value.forEach((item, i) => { if (!isText(item)) bad(`${path}[${i}]`, "must be a text"); });
}

function position(value, path, bad, optional = false) {
  if (optional && value === null) return;
  if (!record(value, path, ["index", "count"], bad)) return;
  let ok = true;
  for (const name of ["index", "count"]) {
    if (!isInt(value[name])) { bad(`${path}.${name}`, "must be a whole number"); ok = false; }
    else if (value[name] < 1) { bad(`${path}.${name}`, `must be 1 or more, got ${value[name]}`); ok = false; }
  }
  if (ok && value.index > value.count) bad(`${path}.index`, `must not be past the count (${value.count}), got ${value.index}`);
}

function shapeOfOptions(options, bad) {
  if (!record(options, "$.options", Object.keys(OPTION_TYPES), bad)) return;
  for (const [name, must] of Object.entries(OPTION_TYPES)) {
    const v = options[name], path = `$.options.${name}`;
    const ok = must === "level" ? LEVELS.includes(v)
      : must === "texts" ? Array.isArray(v) && v.every((x) => typeof x === "string")
      : must === "language" ? typeof v === "string" && LANGUAGE_TAG.test(v)
      : must === "side" ? v === null || v === "left" || v === "right"
      : must === "bool" ? typeof v === "boolean"
      : must === "count" ? isInt(v) && v >= 0
      : must === "positive_ms" ? isMs(v) && v > 0
      : must === "optional_ms" ? v === null || isMs(v)
      : isMs(v);
    if (!ok) bad(path, `must be ${must.replace("_", " ")}, got ${shown(v)}`);
  }
}

function shapeOfStretch(entry, path, bad) {
  if (!record(entry, path, STRETCH_KEYS, bad)) return;
  for (const key of ["id", "name"]) if (!isName(entry[key])) bad(`${path}.${key}`, "must be a non-empty text");
  if (!isText(entry.purpose)) bad(`${path}.purpose`, "must be a text");
  texts(entry.targets, `${path}.targets`, bad);
  texts(entry.props, `${path}.props`, bad);
  list(entry.cautions, `${path}.cautions`, bad, (c, where) => {
    if (!record(c, where, ["text", "conditions"], bad)) return;
    if (!isName(c.text)) bad(`${where}.text`, "must be a non-empty text");
    texts(c.conditions, `${where}.conditions`, bad);
  });
  list(entry.modifications, `${path}.modifications`, bad, (m, where) => {
    if (!record(m, where, ["text", "when", "props"], bad)) return;
    if (!isName(m.text)) bad(`${where}.text`, "must be a non-empty text");
    if (!isText(m.when)) bad(`${where}.when`, "must be a text");
    texts(m.props, `${where}.props`, bad);
  });
}

function shapeOfChapter(chapter, path, bad) {
  if (!record(chapter, path, CHAPTER_KEYS, bad)) return;
  for (const key of ["title", "stretch_id"]) if (!isName(chapter[key])) bad(`${path}.${key}`, "must be a non-empty text");
  let ok = true;
  for (const key of ["start_ms", "duration_ms", "end_ms"]) {
    if (!isMs(chapter[key])) { bad(`${path}.${key}`, "must be whole milliseconds >= 0"); ok = false; }
  }
  position(chapter.round, `${path}.round`, bad, true);
  if (!ok) return;
  if (chapter.end_ms !== chapter.start_ms + chapter.duration_ms) {
    bad(`${path}.end_ms`, `must be start_ms + duration_ms (${chapter.start_ms + chapter.duration_ms})`);
  } else if (chapter.duration_ms === 0) bad(`${path}.duration_ms`, "a chapter lasts at least 1 ms");
}

function shapeOfMessage(message, path, bad) {
  if (message === null) return;
  if (!record(message, path, ["key", "params"], bad)) return;
  const kinds = CATALOGS.en.params[message.key];
  if (typeof message.key !== "string" || kinds === undefined) {
    bad(`${path}.key`, `must be a key of the message table, got ${shown(message.key)}`);
    return;
  }
  if (!isObject(message.params)) { bad(`${path}.params`, "must be an object"); return; }
  for (const name of Object.keys(kinds)) {
    if (!(name in message.params)) bad(`${path}.params`, `misses '${name}', which '${message.key}' needs`);
  }
  for (const [name, value] of Object.entries(message.params)) {
    const kind = kinds[name];
    if (kind === undefined) { bad(`${path}.params.${name}`, `is not a parameter of '${message.key}'`); continue; }
    const ok = kind === "text" ? isText(value)
      : kind === "texts" || kind === "conditions" ? Array.isArray(value) && value.every(isText)
      : kind === "side" ? value === "left" || value === "right"
      : kind === "number" ? isInt(value)
      : isMs(value);
    if (!ok) bad(`${path}.params.${name}`, `must be ${article(kind)}, got ${shown(value)}`);
  }
}

function shapeOfEvent(e, path, bad) {
  if (!record(e, path, EVENT_KEYS, bad)) return;
  const at = (field, message) => bad(`${path}.${field}`, message);
  if (!isName(e.id)) at("id", "must be a non-empty text");
  let times = true;
  for (const key of ["start_ms", "duration_ms", "end_ms"]) {
    if (!isMs(e[key])) { at(key, "must be whole milliseconds >= 0"); times = false; }
  }
  const kindOk = typeof e.kind === "string" && e.kind in ROLES;
  if (!kindOk) at("kind", `must be one of ${Object.keys(ROLES).join(", ")}`);
  else {
    if (!ROLES[e.kind].includes(e.role)) at("role", `${article(e.kind)} event's role is one of ${ROLES[e.kind].join(", ")}`);
    if (isMs(e.duration_ms)) {
      if (MARKER_KINDS.has(e.kind) && e.duration_ms !== 0) at("duration_ms", `${article(e.kind)} is a marker and lasts 0 ms`);
      if (!MARKER_KINDS.has(e.kind) && e.duration_ms === 0) at("duration_ms", `${article(e.kind)} is a segment and lasts at least 1 ms`);
    }
  }
  if (!isText(e.text)) at("text", "must be a text");
  if (!(e.side === null || e.side === "left" || e.side === "right")) at("side", 'must be "left", "right" or null');
  if ((e.stretch === null) !== (e.stretch_id === null)) at("stretch_id", "an event has both a stretch name and a stretch_id, or neither");
  else for (const key of ["stretch", "stretch_id"]) if (e[key] !== null && !isName(e[key])) at(key, "must be a non-empty text or null");
  if (TARGET_ROLES.has(e.role)) { if (!isName(e.target)) at("target", `${article(e.role)} names the stretch it refers to`); }
  else if (e.target !== null) at("target", "only next_up and replaced events have a target");
  if (e.role === "countdown") { if (!isInt(e.tick) || e.tick < 1) at("tick", "a countdown says a whole number >= 1"); }
  else if (e.tick !== null) at("tick", "only a countdown has a tick");
  if (!Array.isArray(e.rounds)) at("rounds", "must be a list of positions");
  else e.rounds.forEach((p, i) => position(p, `${path}.rounds[${i}]`, bad));
  if (e.kind === "rep") { if (e.rep === null) at("rep", "a rep has its position"); else position(e.rep, `${path}.rep`, bad); }
  else if (e.rep !== null) at("rep", "only a rep has a rep position");
  if (e.part !== null) { if (PART_KINDS.has(e.kind)) position(e.part, `${path}.part`, bad); else at("part", "only a hold or its cues have a part"); }
  shapeOfMessage(e.message, `${path}.message`, bad);
  if (e.template !== null && !isText(e.template)) at("template", "must be a text or null");
  if (typeof e.open !== "boolean") at("open", "must be true or false");
  else if (e.kind === "check_in") { if (!e.open) at("open", "is false, but a check-in is open: it waits for an answer"); }
  else if (e.open && e.until === null) at("open", "is true, but until is null: say what the person waits for");
  else if (!e.open && e.until !== null) at("open", "is false, but until is set: a self-paced part is open");
  if (e.until !== null) {
    if (!isName(e.until)) at("until", "must be a non-empty text or null");
    else if (kindOk && !OPEN_KINDS.has(e.kind)) at("until", `only a step, hold, rep or rest can be self-paced, not ${article(e.kind)}`);
  }
  if (e.breaths !== null) {
    if (!isInt(e.breaths) || e.breaths < 1) at("breaths", "must be a whole number >= 1 or null");
    else if (e.kind !== "hold") at("breaths", `only a hold is counted in breaths, not ${article(e.kind)}`);
  }
  if (times && e.end_ms !== e.start_ms + e.duration_ms) at("end_ms", `must be start_ms + duration_ms (${e.start_ms + e.duration_ms})`);
}

/** Positions of one kind count 1..n over consecutive segments (rounds may stay). */
class Sequence {
  constructor(name, stay) { this.name = name; this.stay = stay; this.last = null; }
  step(p) {
    const last = this.last;
    this.last = p;
    const same = last && last.index === p.index && last.count === p.count;
    if (last === null || last.index === last.count) {
      if (p.index === 1 || (this.stay && same)) return null;
      return `${this.name} must count 1..n in order; expected 1 of n`;
    }
    if (p.count !== last.count) return `${this.name} changes its count from ${last.count} to ${p.count} midway`;
    if (p.index === last.index + 1 || (this.stay && same)) return null;
    return `${this.name} must count 1..n in order; expected ${last.index + 1} of n`;
  }
  unfinished() {
    return this.last && this.last.index !== this.last.count ? `${this.name} stops before reaching its count` : null;
  }
}

function rulesOfTheWhole(data, bad) {
  const { events, total_ms: total } = data;
  const byId = new Map();
  data.stretches.forEach((s, i) => {
    if (byId.has(s.id)) bad(`$.stretches[${i}].id`, `'${s.id}' is the id of an earlier entry`);
    else byId.set(s.id, s);
  });
  const ids = new Set();
  const rounds = [], reps = new Map(), parts = new Sequence("part", false);
  let position = 0, previousStart = 0, previousMarker = false, ends = 0;
  const breathMs = data.options ? data.options.breath_ms : null;
  events.forEach((e, i) => {
    const path = `$.events[${i}]`, marker = e.duration_ms === 0;
    if (e.start_ms < previousStart || (e.start_ms === previousStart && previousMarker && !marker)) {
      bad(`${path}.start_ms`, "events must be sorted by start_ms, at equal times a segment before markers");
    }
    previousStart = e.start_ms; previousMarker = marker;
    if (ids.has(e.id)) bad(`${path}.id`, `'${e.id}' is the id of an earlier event`);
    ids.add(e.id);
    if (e.stretch_id !== null) {
      const entry = byId.get(e.stretch_id);
      if (!entry) bad(`${path}.stretch_id`, `'${e.stretch_id}' names no entry of stretches`);
      else if (entry.name !== e.stretch) bad(`${path}.stretch`, `must be '${entry.name}', the name of stretch '${e.stretch_id}'`);
    }
    if (e.target !== null && !byId.has(e.target)) bad(`${path}.target`, `'${e.target}' names no entry of stretches`);
    if (marker) {
      if (e.start_ms > total) bad(`${path}.start_ms`, `a marker must lie within the timeline (0 to ${total})`);
      if (e.kind === "end") {
        ends += 1;
        if (i !== events.length - 1 || e.start_ms !== total) bad(path, `the end marker must be the last event, at total_ms (${total})`);
      }
      return;
    }
    if (e.start_ms !== position) {
      bad(`${path}.start_ms`, `segments must follow each other; expected ${position} (${e.start_ms > position ? "a gap" : "an overlap"})`);
    }
    position = e.end_ms;
    if (e.breaths !== null && breathMs !== null && e.breaths * breathMs !== e.duration_ms) {
      bad(`${path}.breaths`, `${e.breaths} breaths of ${breathMs} ms (options.breath_ms) last ${e.breaths * breathMs} ms, not ${e.duration_ms}`);
    }
    e.rounds.forEach((p, depth) => {
      if (depth === rounds.length) rounds.push(new Sequence(`round (depth ${depth + 1})`, true));
      const problem = rounds[depth].step(p);
      if (problem) bad(`${path}.rounds[${depth}]`, problem);
    });
    if (e.rep !== null) {
      if (!reps.has(e.side)) reps.set(e.side, new Sequence("rep", false));
      const problem = reps.get(e.side).step(e.rep);
      if (problem) bad(`${path}.rep`, problem);
    }
    if (e.part !== null) { const problem = parts.step(e.part); if (problem) bad(`${path}.part`, problem); }
  });
  for (const sequence of [...rounds, ...reps.values(), parts]) {
    const problem = sequence.unfinished();
    if (problem) bad("$.events", problem);
  }
  if (position !== total) bad("$.total_ms", `must be where the last segment ends (${position}), got ${total}`);
  if (ends === 0) bad("$.events", `the last event must be the end marker, at ${total}`);
  else if (ends > 1) bad("$.events", `there must be one end marker, not ${ends}`);
  const starts = new Set(events.filter((e) => e.duration_ms > 0).map((e) => e.start_ms));
  let chapterEnd = 0;
  data.chapters.forEach((c, i) => {
    const path = `$.chapters[${i}]`;
    if (c.start_ms < chapterEnd || c.end_ms > total) bad(path, `chapters must follow each other in order, within the timeline (0 to ${total})`);
    chapterEnd = Math.max(chapterEnd, c.end_ms);
    for (const name of ["start_ms", "end_ms"]) {
      if (!(c[name] === position || starts.has(c[name]))) bad(`${path}.${name}`, "must be on a segment boundary");
    }
    const named = byId.get(c.stretch_id);
    if (!named) bad(`${path}.stretch_id`, `'${c.stretch_id}' names no entry of stretches`);
    else if (named.name !== c.title) bad(`${path}.title`, `must be '${named.name}', the name of stretch '${c.stretch_id}'`);
  });
}

/** What a compile gives beyond the shape: texts, messages, cues and options that agree. */
class Agreement {
  constructor(data, catalogs, bad) {
    this.data = data;
    this.options = data.options;
    this.language = data.options ? data.options.language : "en";
    this.catalogs = catalogs;
    this.found = bad;
    this.segments = data.events.filter((e) => e.duration_ms > 0);
    this.byId = new Map(data.stretches.map((s) => [s.id, s]));
  }
  bad(index, field, message) { this.found(`$.events[${index}]${field ? `.${field}` : ""}`, message); }
  segmentAt(ms) {
    const i = firstAfter(this.segments, ms) - 1;
    return i >= 0 && ms < this.segments[i].end_ms ? this.segments[i] : null;
  }
  param(index, message, name, expected, what) {
    const value = message.params[name];
    const same = Array.isArray(expected) ? Array.isArray(value) && sameList(value, expected) : value === expected;
    if (!same) this.bad(index, `message.params.${name}`, `must be ${what} (${JSON.stringify(expected)}), got ${JSON.stringify(value)}`);
  }
  filled(template, e) {
    const round = e.rounds.length ? e.rounds[e.rounds.length - 1] : null;
    const said = e.message === null ? e.text : e.message.key === "rep" ? e.message.params.text : null;
    const first = fillTemplate(template, e.side, round, this.language, this.catalogs);
    if (first === said) return first;
    for (const language of Object.keys(this.catalogs)) {
      const other = fillTemplate(template, e.side, round, language, this.catalogs);
      if (other === said) return other;
    }
    return first;
  }
  template(index, e) {
    const filled = this.filled(e.template, e);
    if (filled === e.template) this.bad(index, "template", "has nothing the event's side or round fills in");
    else if (e.message === null) { if (e.text !== filled) this.bad(index, "text", `must be its template filled in (${JSON.stringify(filled)})`); }
    else if (e.message.key === "rep") this.param(index, e.message, "text", filled, "its template filled in");
    else this.bad(index, "template", `'${e.message.key}' has no author's text to fill`);
  }
  message(index, e) {
    const { message, role } = e;
    const entry = this.byId.get(e.stretch_id);
    if (message === null) {
      if (this.options && ALWAYS_SAID.includes(role)) {
        this.bad(index, "message", `is null, but a compiled timeline gives ${article(role)} event its message`);
      }
      if (e.template !== null) this.template(index, e);
      if (role === "title" && e.text !== this.data.title) this.bad(index, "text", "must be the timeline's title");
      else if (entry && role === "announce" && e.text !== entry.name) this.bad(index, "text", "must be its stretch's name");
      else if (entry && role === "caution" && !entry.cautions.some((c) => c.text === e.text)) this.bad(index, "text", "must be one of its stretch's cautions");
      else if (entry && role === "modification" && !entry.modifications.some((m) => m.text === e.text)) this.bad(index, "text", "must be one of its stretch's modifications");
      return;
    }
    const key = message.key, p = message.params;
    if (!ROLE_MESSAGES[role].includes(key)) { this.bad(index, "message.key", `'${key}' is no message of ${article(role)} event`); return; }
    if (key === "countdown") this.param(index, message, "tick", e.tick, "the event's tick");
    else if (key === "rep") {
      this.param(index, message, "index", e.rep.index, "the index of the event's rep");
      this.param(index, message, "count", e.rep.count, "the count of the event's rep");
    } else if (key === "switch" || key === "switch_prompt") this.param(index, message, "side", e.side, "the event's side");
    else if ((key === "next_up" || key === "replaced" || key === "swapped") && e.target !== null) {
      this.param(index, message, key === "next_up" ? "name" : "alternative", this.byId.get(e.target).name, "the name of its target");
    } else if (key === "end") this.param(index, message, "title", this.data.title, "the timeline's title");
    else if (key === "hold" || key === "hold_breath" || key === "hold_breaths") {
      const expected = e.breaths === null ? "hold" : e.breaths === 1 ? "hold_breath" : "hold_breaths";
      if (key !== expected) this.bad(index, "message.key", `must be '${expected}' for this hold, got '${key}'`);
      else if (key === "hold_breaths") this.param(index, message, "count", e.breaths, "the event's breaths");
    } else if (key.startsWith("announce_") && entry) {
      this.param(index, message, "name", entry.name, "its stretch's name");
      if ("targets" in p) this.param(index, message, "targets", entry.targets, "its stretch's targets");
      if ("purpose" in p) this.param(index, message, "purpose", entry.purpose, "its stretch's purpose");
    } else if (key === "props" && entry) this.param(index, message, "props", entry.props, "its stretch's props");
    else if (key.startsWith("modification_") && entry) {
      const one = entry.modifications.some((m) => p.text === m.text && (p.when ?? m.when) === m.when
        && sameList(p.props ?? m.props, m.props));
      if (!one) this.bad(index, "message.params", "must be one of the modifications of its stretch");
    } else if (key === "check_in_reps") {
      const last = this.segments[firstAtOrAfter(this.segments, e.start_ms) - 1];
      if (!last || last.rep === null) this.bad(index, "", "a counted set's check-in follows the set's last rep");
      else this.param(index, message, "most", last.rep.count, "the count of the set before");
    } else if (key === "check_in_another_round") {
      const r = e.rounds[e.rounds.length - 1];
      if (!r || r.index === r.count) this.bad(index, "rounds", "another round is asked after a round of a Repeat that is not its last");
      else this.param(index, message, "rounds", r.count, "the count of its rounds");
    }
    if (e.template !== null) this.template(index, e);
    const expected = renderMessage(message, this.language, this.catalogs);
    if (e.text !== expected) this.bad(index, "text", `must be its message in ${this.language} (${JSON.stringify(expected)})`);
  }
  /** For each event, the nearest `pick` gives at it or after it (one backward pass, once). */
  following(what, pick) {
    this.next = this.next || {};
    if (!this.next[what]) {
      const { events } = this.data, found = new Array(events.length);
      let last = null;
      for (let at = events.length - 1; at >= 0; at -= 1) { last = pick(events[at]) ?? last; found[at] = last; }
      this.next[what] = found;
    }
    return this.next[what];
  }
  inside(index, e, playing) {
    if (!playing) return false;
    let what;
    if (playing.open && (e.start_ms > playing.start_ms || TIMED_CUES.has(e.role))) what = `a self-paced ${playing.kind}`;
    else if (playing.kind === "breath" && e.start_ms > playing.start_ms) what = "a breath phase";
    else return false;
    this.bad(index, "start_ms", `falls inside ${what} (${playing.start_ms} to ${playing.end_ms}): no ${e.role} goes there`);
    return true;
  }
  cue(index, e, events) {
    const option = CUE_OPTIONS[e.role];
    if (this.options && option && !this.options[option]) this.bad(index, "", `${article(e.role)} cue, but options.${option} is false`);
    const playing = this.segmentAt(e.start_ms);
    if (this.inside(index, e, playing)) return;
    if (e.role === "countdown") {
      if (this.options && e.tick > this.options.countdown) this.bad(index, "tick", `must be at most options.countdown (${this.options.countdown})`);
      const at = e.start_ms + 1000 * e.tick;
      const hold = this.segments[firstAtOrAfter(this.segments, at)];
      if (!hold || hold.start_ms !== at || hold.kind !== "hold") this.bad(index, "start_ms", `tick ${e.tick} is said ${e.tick} s before a hold starts, but no hold starts at ${at}`);
    } else if (e.role === "halfway") {
      if (!(playing && playing.kind === "hold" && playing.breaths === null && playing.start_ms < e.start_ms)) this.bad(index, "start_ms", "a halfway cue falls inside a hold counted in time");
    } else if (e.role === "switch_prompt") {
      const sw = this.following("switch", (x) => (x.kind === "switch" ? x : null))[index];
      if (!sw) this.bad(index, "", "no switch follows this prompt");
      else if (sw.side !== e.side) this.bad(index, "side", `must be '${sw.side}', the side of the switch that follows`);
    } else if (e.role === "next_up") {
      const id = this.following("stretch", (x) => (x.role === "announce" ? x.stretch_id : null))[index];
      if (id !== e.target) this.bad(index, "target", id === null ? "no stretch is announced after this preview" : `must be '${id}', the stretch announced next`);
    }
  }
  run() {
    const { events } = this.data;
    const options = this.options;
    let previous = null;
    events.forEach((e, index) => {
      this.message(index, e);
      if (e.kind === "cue") this.cue(index, e, events);
      else if (SKIP_ROLES.has(e.role)) {
        this.inside(index, e, this.segmentAt(e.start_ms));
        if (options && e.message && ROLE_MESSAGES[e.role].includes(e.message.key)) {
          if (e.message.key === "swapped" || e.message.key === "swapped_too") {
            if (options.swapped.length === 0) this.bad(index, "message.key", "a swap note, but options.swapped is empty");
          } else {
            const undeclared = e.message.params.conditions.filter((c) => !options.conditions.includes(c));
            if (undeclared.length) this.bad(index, "message.params.conditions", `names ${undeclared.join(", ")}, which options.conditions does not declare`);
          }
        }
      } else if (e.role === "session") {
        if (previous !== "title" && previous !== "session") this.bad(index, "", "a session event follows the title (or another session event)");
      } else if (e.role === "safety_note") {
        if (index !== 0) this.bad(index, "", "the safety note opens the timeline: it is the first event");
        else if (options && !options.safety_note) this.bad(index, "", "a safety note, but options.safety_note is false");
      }
      if (e.duration_ms) previous = e.role;
    });
    // Within a stretch: its cautions come before its work; the side changes only at a switch.
    let started = false, side = null;
    events.forEach((e, index) => {
      if (e.role === "announce") { started = false; side = null; }
      else if (WORK_KINDS.has(e.kind)) started = true;
      else if ((e.kind === "caution" || e.kind === "modification") && e.stretch_id !== null && started) {
        this.bad(index, "", `${article(e.kind)} of a stretch comes before its first step, hold, rep or breath`);
      }
      if (e.side === null || !e.duration_ms) return;
      if (side !== null && e.side !== side && e.kind !== "switch" && e.kind !== "rep") {
        this.bad(index, "side", `changes the side from '${side}' to '${e.side}' without a switch`);
      }
      side = e.side;
    });
    if (options) {
      if (options.safety_note && events[0].role !== "safety_note") this.bad(0, "role", "options.safety_note is true, but no safety note opens it");
      for (const name of ["conditions", "swapped"]) {
        const sorted = [...new Set(options[name])].sort();
        if (!sameList(options[name], sorted)) this.found(`$.options.${name}`, "must be sorted, each once");
      }
      if ((options.fit_to_ms === null) !== (options.unfitted_ms === null)) {
        this.found("$.options.unfitted_ms", options.unfitted_ms === null ? "is null, but fit_to_ms is set" : "is set, but fit_to_ms is null");
      }
      if (options.fit_to_ms !== null && options.fit_to_ms !== this.data.total_ms) this.found("$.total_ms", `must be options.fit_to_ms (${options.fit_to_ms})`);
    }
    const played = [...new Set(events.filter((e) => e.stretch_id !== null).map((e) => e.stretch_id))];
    const listed = this.data.stretches.map((s) => s.id);
    listed.forEach((id, i) => { if (!played.includes(id)) this.found(`$.stretches[${i}]`, `no event plays '${id}'`); });
    const inPlay = listed.filter((id) => played.includes(id));
    const wrong = inPlay.findIndex((id, i) => id !== played[i]);
    if (wrong >= 0) this.found(`$.stretches[${listed.indexOf(inPlay[wrong])}].id`, `entries are in play order: expected '${played[wrong]}' here`);
  }
}

// Playing.

/** What is wrong with `value` as the answer to check-in `event` ("" when nothing is). */
export function answerProblem(event, value) {
  const kind = ANSWERS[event.role];
  const words = kind === "effort" ? EFFORTS : kind === "round" ? ROUND_ANSWERS : null;
  if (words) return words.includes(value) ? "" : `the answer is one of ${words.join(", ")}, got ${JSON.stringify(value)}`;
  const most = kind === "count" ? event.message.params.most : 10;
  return Number.isInteger(value) && value >= 0 && value <= most ? "" : `the answer is a whole number from 0 to ${most}, got ${JSON.stringify(value)}`;
}

// Where "next" goes: the start of the first item after `position`, or the end.
const onwards = (items, position, total) => {
  const i = firstAfter(items, position);
  return i < items.length ? items[i].start_ms : total;
};
// Where "previous" goes: the start of the item playing at `position` when more than
// RESTART_WITHIN_MS into it, else the start of the one before (or 0).
const back = (items, position) => {
  const i = firstAfter(items, position) - 1;
  if (i < 0) return 0;
  if (position - items[i].start_ms > RESTART_WITHIN_MS) return items[i].start_ms;
  return i > 0 ? items[i - 1].start_ms : 0;
};

/**
 * Plays a Timeline against a clock (a function returning milliseconds; only differences
 * matter), with the rules of Python's backstretch.player.Player: call due() whenever convenient
 * and it returns each event once, in order, as the position passes its start. The position is
 * computed from the clock against an anchor, never by adding up ticks. A self-paced segment
 * (`open`) holds the position at its end until continue() (or next(), or a seek); a check-in
 * waits for answer().
 */
export class Player {
  constructor(timeline, { clock = () => Date.now() } = {}) {
    if (!(timeline instanceof Timeline)) timeline = loadTimeline(timeline);
    this.timeline = timeline;
    this._clock = clock;
    this._speed = 1;
    this._started = false;
    this._paused = false;
    this._anchorClock = 0;
    this._anchorPosition = 0;
    this._cursor = 0;
    this._pending = [];
    this._answers = {};
    this._wall = null;
  }
  _exact() {
    if (!this._started || this._paused) return this._anchorPosition;
    const position = this._anchorPosition + (this._clock() - this._anchorClock) * this._speed;
    return this._wall === null ? position : Math.min(position, this._wall);
  }
  /** Where playback is, in ms from the start (0 before start, at most total_ms). */
  get positionMs() { return Math.min(this.timeline.total_ms, Math.floor(this._exact())); }
  /** The self-paced segment (or check-in) whose end the position is held at, or null. */
  get waiting() {
    if (this._wall === null || !this._started || this._exact() < this._wall) return null;
    return this.timeline.at(this._wall - 1);
  }
  get started() { return this._started; }
  get playing() { return this._started && !this._paused && !this.finished; }
  get paused() { return this._paused; }
  get speed() { return this._speed; }
  /** The position reached the end and every event up to it has been returned by due(). */
  get finished() {
    return this._started && this.positionMs >= this.timeline.total_ms && this._wall === null
      && this._cursor >= this.timeline.events.length && this._pending.length === 0;
  }
  /** The segment playing now, or waited at the end of (null before the start and at the end). */
  get current() { return this._started ? this.waiting || this.timeline.at(this.positionMs) : null; }
  /** The answers given to check-ins so far, by the check-in's event id (a copy). */
  get answers() { return { ...this._answers }; }

  /** Start from the beginning. */
  start() {
    this._started = true; this._paused = false; this._reanchor(0);
    this._cursor = 0; this._pending = []; this._wall = this._openEndAfter(0);
  }
  /** Go on past the end of the self-paced segment the player is waiting at. */
  continue() {
    if (this.waiting !== null) { this._reanchor(this._wall); this._wall = this._openEndAfter(this._wall); }
  }
  /** Answer the check-in the player waits at, and go on ("enough": on after the Repeat). */
  answer(value) {
    const asked = this.waiting;
    if (asked === null || asked.kind !== "check_in") throw new Error("there is nothing to answer: the player waits at no check-in");
    const problem = answerProblem(asked, value);
    if (problem) throw new Error(`${asked.id}: ${problem}`);
    this._answers[asked.id] = value;
    if (value === "enough") this.seek(this.timeline.repeatEndMs(asked));
    else this.continue();
  }
  pause() { if (this._started && !this._paused) { this._reanchor(this._clamped()); this._paused = true; } }
  resume() { if (this._started && this._paused) { this._paused = false; this._reanchor(this._anchorPosition); } }
  toggle() { if (this._paused) this.resume(); else this.pause(); }
  /** Play `speed` times faster (2 for double, 0.5 for half); the position holds. */
  setSpeed(speed) {
    if (typeof speed !== "number" || !Number.isFinite(speed) || speed <= 0) throw new Error(`speed must be a finite number above 0, got ${speed}`);
    if (this._started) this._reanchor(this._clamped());
    this._speed = speed;
  }
  /** Jump to `ms` (clamped to the timeline); a new pass starts there. */
  seek(ms) {
    if (!Number.isInteger(ms)) throw new Error(`seek() takes whole milliseconds, got ${ms}`);
    const target = Math.max(0, Math.min(ms, this.timeline.total_ms));
    if (!this._started) { this._started = true; this._paused = false; }
    this._reanchor(target);
    this._wall = this._openEndAfter(target);
    this._cursor = firstAtOrAfter(this.timeline.events, target);
    const playing = this.timeline.at(target);
    this._pending = playing !== null && playing.start_ms < target ? [playing] : [];
  }
  /** Jump to the start of the next segment (or the end). */
  next() { this.seek(onwards(this.timeline.segments, this._here(), this.timeline.total_ms)); }
  /** Restart the current segment, or, within its first two seconds, go to the one before. */
  previous() { this.seek(back(this.timeline.segments, this._here())); }
  /** Jump to the start of the next chapter (stretch), or the end. */
  nextChapter() { this.seek(onwards(this.timeline.chapters, this._here(), this.timeline.total_ms)); }
  /** Restart the current chapter, or, within its first two seconds, go to the one before (or
   * the start, before the first). */
  previousChapter() { this.seek(back(this.timeline.chapters, this._here())); }
  /** Every event whose start the position has reached since the last call, in order. */
  due() {
    if (!this._started) return [];
    const fired = this._pending;
    this._pending = [];
    const position = this._here(), events = this.timeline.events;
    while (this._cursor < events.length && events[this._cursor].start_ms <= position) fired.push(events[this._cursor++]);
    return fired;
  }
  _here() { return this.waiting !== null ? this.positionMs - 1 : this.positionMs; }
  _openEndAfter(ms) {
    const ends = this.timeline._openEnds;
    let lo = 0, hi = ends.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (ends[mid] <= ms) lo = mid + 1; else hi = mid; }
    return lo < ends.length ? ends[lo] : null;
  }
  _clamped() { return Math.min(this.timeline.total_ms, this._exact()); }
  _reanchor(position) { this._anchorClock = this._clock(); this._anchorPosition = position; }
}
