// What an app written in TypeScript does with the module: type-checked against
// backstretch-player.d.ts by tests/test_js_player.py (tsc --strict), never run.
import {
  type Answer,
  type Catalogs,
  type TimelineEvent,
  loadTimeline,
  Player,
  renderMessage,
  TimelineError,
} from "../../src/backstretch/js/backstretch-player.js";

export function play(text: string, catalogs: Catalogs, say: (words: string) => void): Player {
  let player: Player;
  try {
    player = new Player(loadTimeline(text, { catalogs }), { clock: () => Date.now() });
  } catch (error) {
    if (error instanceof TimelineError) for (const p of error.problems) say(`${p.path}: ${p.message}`);
    throw error;
  }
  player.start();
  const shown: TimelineEvent[] = player.due();
  for (const event of shown) {
    say(event.message ? renderMessage(event.message, player.timeline.language, catalogs) : event.text);
    if (event.role === "countdown" && event.tick !== null) say(String(event.tick));
  }
  const held = player.waiting;
  if (held !== null && held.kind === "check_in") {
    const answer: Answer = held.role === "effort" ? "right" : 0;
    player.answer(answer);
  } else if (held !== null) player.continue();
  player.nextChapter();
  player.setSpeed(2);
  const where: number = player.positionMs;
  say(`${where} of ${player.timeline.total_ms}`);
  return player;
}
