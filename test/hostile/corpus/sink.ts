/** Collects cases and numbers them per class, in the order they are generated. */
import type { Rng } from '../rng';
import type { Bases } from './doc';
import type { CaseClass, CliCase, FileCase, HostileCase, SpecialFileCase, WsCase } from './types';

/** What the files may name: the bait the sandbox sets up and watches (nothing may touch it). */
export interface CorpusEnv {
  /** A fake node program; it writes a marker file if it is ever run. */
  readonly baitDaemon: string;
  /** A cookie file with a secret in it. */
  readonly baitCookie: string;
  /** Any other secret file outside the workspace. */
  readonly baitSecret: string;
  /** A loopback HTTP server that records every connection. */
  readonly captureUrl: string;
}

type Without<T> = T extends unknown ? Omit<T, 'id'> : never;

export class Sink {
  constructor(
    readonly rng: Rng,
    readonly bases: Bases,
    readonly env: CorpusEnv,
    readonly cases: HostileCase[] = [],
    private readonly counts = new Map<CaseClass, number>(),
  ) {}

  /** The same collection with its own RNG, so one generator's draws never shift another's cases. */
  withRng(rng: Rng): Sink {
    return new Sink(rng, this.bases, this.env, this.cases, this.counts);
  }

  private id(cls: CaseClass): string {
    const n = (this.counts.get(cls) ?? 0) + 1;
    this.counts.set(cls, n);
    return `c${cls}-${String(n).padStart(2, '0')}`;
  }

  add(item: Without<HostileCase>): void {
    this.cases.push({ ...item, id: this.id(item.cls) });
  }

  file(item: Omit<FileCase, 'id' | 'kind'>): void {
    this.add({ kind: 'file', ...item });
  }

  special(item: Omit<SpecialFileCase, 'id' | 'kind'>): void {
    this.add({ kind: 'special', ...item });
  }

  cli(item: Omit<CliCase, 'id' | 'kind'>): void {
    this.add({ kind: 'cli', ...item });
  }

  ws(item: Omit<WsCase, 'id' | 'kind'>): void {
    this.add({ kind: 'ws', ...item });
  }
}
