// Types of backstretch-player.js. The document's shape is docs/timeline.md (format 2).

export const FORMAT_VERSION: 2;
export const RESTART_WITHIN_MS: number;
export const MAX_MS: number;
export const LIMITS: Readonly<Limits>;
export const ROLES: Readonly<Record<Kind, readonly string[]>>;
export const ROLE_MESSAGES: Readonly<Record<string, readonly string[]>>;
export const ALWAYS_SAID: readonly string[];
export const ANSWERS: Readonly<Record<string, "pain" | "effort" | "count" | "round">>;
export const EFFORTS: readonly ["easy", "right", "hard"];
export const ROUND_ANSWERS: readonly ["more", "enough"];

export type Kind =
  | "title" | "announce" | "caution" | "modification" | "step" | "hold" | "breath" | "switch"
  | "rep" | "rest" | "break" | "check_in" | "cue" | "skip" | "end";
export type Side = "left" | "right";
export type Answer = number | "easy" | "right" | "hard" | "more" | "enough";

export interface Position { index: number; count: number; }
export interface Message { key: string; params: Record<string, string | number | string[]>; }

export interface TimelineEvent {
  id: string;
  start_ms: number;
  duration_ms: number;
  end_ms: number;
  kind: Kind;
  role: string;
  text: string;
  side: Side | null;
  stretch: string | null;
  stretch_id: string | null;
  target: string | null;
  tick: number | null;
  rounds: Position[];
  rep: Position | null;
  part: Position | null;
  message: Message | null;
  template: string | null;
  open: boolean;
  until: string | null;
  breaths: number | null;
}

export interface StretchInfo {
  id: string;
  name: string;
  purpose: string;
  targets: string[];
  props: string[];
  cautions: { text: string; conditions: string[] }[];
  modifications: { text: string; when: string; props: string[] }[];
}

export interface Chapter {
  title: string;
  stretch_id: string;
  start_ms: number;
  duration_ms: number;
  end_ms: number;
  round: Position | null;
}

export interface CompileOptions {
  level: "gentle" | "standard" | "deep";
  conditions: string[];
  fit_to_ms: number | null;
  language: string;
  safety_note: boolean;
  countdown: number;
  countdown_min_ms: number;
  halfway: boolean;
  halfway_min_ms: number;
  hold_cues: boolean;
  breath_every_ms: number | null;
  next_up: boolean;
  next_up_lead_ms: number;
  switch_prompt: boolean;
  switch_lead_ms: number;
  affected: Side | null;
  breath_ms: number;
  unfitted_ms: number | null;
  swapped: string[];
  cues_left_out: number;
}

/** A published catalog: `backstretch messages --lang de`, or catalogs/<language>.json. */
export interface Catalog {
  type: "backstretch-messages";
  version: 1;
  language: string;
  messages: Record<string, string>;
  params: Record<string, Record<string, "text" | "texts" | "side" | "conditions" | "number" | "duration">>;
  sides: Record<Side, string>;
  message_sides: Record<string, Record<Side, string>>;
  conditions: Record<string, string>;
  words: Record<string, string>;
  list_separator: string;
}
export type Catalogs = Record<string, Catalog>;

export interface Limits { maxEvents: number; maxTotalMs: number; }
export interface Problem { path: string; message: string; }
export interface LoadOptions { catalogs?: Catalogs; limits?: Limits; }

export class TimelineError extends Error {
  problems: Problem[];
}

/** A checked timeline: the document's values (frozen), with the queries a player needs. */
export class Timeline {
  readonly version: 2;
  readonly type: "timeline";
  readonly title: string;
  readonly total_ms: number;
  readonly options: CompileOptions | null;
  readonly stretches: StretchInfo[];
  readonly chapters: Chapter[];
  readonly events: TimelineEvent[];
  readonly segments: TimelineEvent[];
  readonly markers: TimelineEvent[];
  /** options.language, or "en" for a timeline made by hand (options null). */
  readonly language: string;
  at(ms: number): TimelineEvent | null;
  stretch(id: string): StretchInfo | undefined;
  chapterAt(ms: number): Chapter | null;
  repeatEndMs(event: TimelineEvent): number;
}

/** Load and check a timeline document (JSON text or parsed); throws a TimelineError. */
export function loadTimeline(source: string | unknown, options?: LoadOptions): Timeline;
/** Every problem of a timeline document, each at its `$.path` (empty: it can be trusted). */
export function checkTimeline(data: unknown, options?: LoadOptions): Problem[];
export function catalogFor(language: string, catalogs?: Catalogs): Catalog;
export function renderMessage(message: Message, language?: string, catalogs?: Catalogs): string;
export function fillTemplate(
  text: string, side: Side | null, round: Position | null, language?: string, catalogs?: Catalogs,
): string;
export function answerProblem(event: TimelineEvent, value: unknown): string;

export interface PlayerOptions {
  /** Milliseconds; only differences between readings matter (Date.now by default). */
  clock?: () => number;
}

/** Plays a Timeline against a clock, with the rules of Python's backstretch.player.Player. */
export class Player {
  constructor(timeline: Timeline | string | unknown, options?: PlayerOptions);
  readonly timeline: Timeline;
  readonly positionMs: number;
  readonly waiting: TimelineEvent | null;
  readonly started: boolean;
  readonly playing: boolean;
  readonly paused: boolean;
  readonly finished: boolean;
  readonly speed: number;
  readonly current: TimelineEvent | null;
  readonly answers: Record<string, Answer>;
  start(): void;
  continue(): void;
  answer(value: Answer): void;
  pause(): void;
  resume(): void;
  toggle(): void;
  setSpeed(speed: number): void;
  seek(ms: number): void;
  next(): void;
  previous(): void;
  nextChapter(): void;
  previousChapter(): void;
  due(): TimelineEvent[];
}
