// Catalog durations: `0s`, `500ms`, `30s`, `5m`, `2h`, `1d` (the schema's `duration` pattern).

const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const DURATION_PATTERN = '^[0-9]+(ms|s|m|h|d)$';
const durationRe = new RegExp(DURATION_PATTERN);

/** Milliseconds of a catalog duration, or undefined when the text is not one. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string' || !durationRe.test(text)) return undefined;
  const unit = /[a-z]+$/.exec(text)![0];
  return Number(text.slice(0, -unit.length)) * unitMs[unit];
}

/** A short human form: 0 s, 500 ms, 1 s, 15 min, 2 h. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0 s';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${+(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${+(ms / 60_000).toFixed(1)} min`;
  if (ms < 86_400_000) return `${+(ms / 3_600_000).toFixed(1)} h`;
  return `${+(ms / 86_400_000).toFixed(1)} d`;
}
