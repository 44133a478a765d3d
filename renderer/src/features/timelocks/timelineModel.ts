/**
 * Lays time locks out on their chain's clock: one axis in blocks (heights), one in time (median
 * time past). Positions only; whether a lock is open comes from the host (`open`).
 *
 * A relative lock starts where the coin it counts from confirmed. An absolute lock has no start
 * of its own; it is drawn from the moment this window first saw it, so the bar stays put and
 * the "now" marker moves as blocks are mined or time advances.
 */
import type { NodeStatus } from '../../../../shared/contract/views';
import type { ResolvedTimelock } from '../../../../shared/workspace/timelocks';

export type Domain = 'blocks' | 'time';

export interface LockRow {
  readonly key: string;
  readonly node: string;
  readonly nodeLabel: string;
  /** The transaction's status: a conflicted one will never use its lock, a confirmed one has. */
  readonly status: NodeStatus['kind'];
  readonly lock: ResolvedTimelock;
}

export interface PlacedRow extends LockRow {
  /** Fractions of the axis, 0..1. `end` is undefined while the lock waits for a confirmation. */
  readonly start: number;
  readonly end: number | undefined;
  readonly startValue: number;
  readonly endValue: number | undefined;
}

export interface Axis {
  readonly domain: Domain;
  readonly from: number;
  readonly to: number;
  readonly now: number;
  /** `now` as a fraction of the axis. */
  readonly nowAt: number;
  readonly rows: readonly PlacedRow[];
}

const domainOf = (lock: ResolvedTimelock): Domain =>
  lock.kind === 'absolute-height' || lock.kind === 'relative-blocks' ? 'blocks' : 'time';

/** Where the lock's countdown begins, when the host's data says. */
function knownStart(lock: ResolvedTimelock): number | undefined {
  if (lock.kind === 'relative-blocks' && lock.opensAtHeight !== undefined) return lock.opensAtHeight - lock.value;
  if (lock.kind === 'relative-time' && lock.opensAtTime !== undefined) return lock.opensAtTime - lock.value;
  return undefined;
}

function opensAt(lock: ResolvedTimelock): number | undefined {
  return domainOf(lock) === 'blocks' ? lock.opensAtHeight : lock.opensAtTime;
}

export function layoutAxis(
  domain: Domain,
  rows: readonly LockRow[],
  now: number,
  firstSeen: (key: string, now: number) => number,
): Axis | undefined {
  const mine = rows.filter((r) => domainOf(r.lock) === domain);
  if (mine.length === 0) return undefined;
  const spans = mine.map((r) => {
    const end = opensAt(r.lock);
    const start =
      knownStart(r.lock) ?? (r.lock.kind.startsWith('absolute') ? Math.min(firstSeen(r.key, now), end ?? now) : now);
    // A lock waiting for its coin to confirm would open `value` after now at the earliest.
    const provisionalEnd = end ?? (r.lock.kind.startsWith('relative') ? now + r.lock.value : undefined);
    return { row: r, start, end, provisionalEnd };
  });
  const from = Math.min(now, ...spans.map((s) => s.start));
  const ends = spans.map((s) => s.provisionalEnd ?? s.start);
  let to = Math.max(now, ...ends);
  if (to <= from) to = from + 1;
  // A little room after the last event so its label and the marker do not sit on the edge.
  to += (to - from) * 0.04;
  const at = (v: number): number => Math.min(1, Math.max(0, (v - from) / (to - from)));
  return {
    domain,
    from,
    to,
    now,
    nowAt: at(now),
    rows: spans.map((s) => ({
      ...s.row,
      start: at(s.start),
      end: s.end !== undefined ? at(s.end) : undefined,
      startValue: s.start,
      endValue: s.end,
    })),
  };
}
