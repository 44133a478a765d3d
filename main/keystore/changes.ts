/**
 * How the keystore's state changes (keystore.ts asks, this module makes it so):
 *  - one operation at a time, so each change starts from the state the previous one left;
 *  - a change is persisted before it becomes current and before its caller is answered;
 *  - a growth (a new key, a handover: a channel makes them by the thousand) is appended in place
 *    to lists this keystore made itself, instead of copying the state (state.ts, grownInPlace);
 *  - with the file store, the changes asked for while a write is under way share the next write;
 *  - with the in-memory store, which writes nothing, a change asked for while nothing else runs is
 *    made at once (no queue, no awaits: a channel update makes four of them).
 */
import { ok, type Result } from '../../shared/contract/result';
import { grownCopy, grownInPlace, type Growth, type KeystoreState } from './state';
import type { StateStore } from './stateStores';

/**
 * What a change makes: a whole new state, or a growth (a new key, a handover) that is appended to
 * the current state in place once it is persisted, so a busy channel does not copy the state.
 */
export type Change<T> = Result<
  { readonly value: T } & ({ readonly state: KeystoreState } | { readonly growth: Growth })
>;
export type NewState<T> = Result<{ readonly state: KeystoreState; readonly value: T }>;

interface WaitingChange {
  readonly change: (state: KeystoreState) => Change<unknown>;
  readonly answer: (result: Result<unknown>) => void;
  /** A bug thrown while making the change (as it would reach a caller of #applyOne). */
  readonly fail: (error: unknown) => void;
}

/** The default beforeWrite: nothing to keep. */
const NO_HOOK = (): Promise<void> => Promise.resolve();

export class StateChanges {
  /** Called before each write (the host keeps the file as it was before a request's first write). */
  beforeWrite: () => Promise<void> = NO_HOOK;
  #state: KeystoreState;
  /** Operations queued by `exclusive` and not yet settled. */
  #running = 0;
  /** Lists of the current state made here and never handed out: growth appends to them in place. */
  readonly #ownLists = new WeakSet<object>();
  #queue: Promise<unknown> = Promise.resolve();
  /** Changes waiting for the file store's next write, until that write starts (see apply). */
  #batch: WaitingChange[] | undefined;

  #revision = 0;

  constructor(
    readonly store: StateStore,
    state: KeystoreState,
  ) {
    this.#state = state;
  }

  /** The current state: every change in it is on disk (for the file store). Read-only to callers. */
  get state(): KeystoreState {
    return this.#state;
  }

  /** How many changes the state has had: a growth appends in place, so the state's identity does not tell. */
  get revision(): number {
    return this.#revision;
  }

  #become(state: KeystoreState): void {
    this.#state = state;
    this.#revision++;
  }

  /**
   * Runs one operation at a time, so each change starts from the state the previous one left.
   * It closes the open batch of changes: a change asked for after this operation waits for it.
   */
  exclusive<T>(run: () => Promise<T>): Promise<T> {
    this.#batch = undefined;
    this.#running++;
    const result = this.#queue.then(run, run);
    const settled = (): void => {
      this.#running--;
    };
    this.#queue = result.then(settled, settled);
    return result;
  }

  /**
   * Computes the change, persists the state after it, and only then makes that state current and
   * answers. With the file store, changes asked for while a write is under way are made together
   * in the next write (see #applyBatch); the in-memory store writes nothing, so it takes them one
   * at a time and appends each growth in place.
   */
  apply<T>(change: (state: KeystoreState) => Change<T>): Promise<Result<T>> {
    if (this.store.writesNothing && this.#running === 0 && this.beforeWrite === NO_HOOK) return this.#applyNow(change);
    if (!this.store.batchesWrites) return this.exclusive(() => this.#applyOne(change));
    return new Promise<Result<T>>((resolve, reject) => {
      let batch = this.#batch;
      if (!batch) {
        const opened: WaitingChange[] = [];
        void this.exclusive(() => this.#applyBatch(opened));
        this.#batch = batch = opened;
      }
      batch.push({ change, answer: resolve as (result: Result<unknown>) => void, fail: reject });
    });
  }

  /**
   * One change made at once, for a store that writes nothing while no other operation runs: what
   * #applyOne would do a few microtasks later, with the same answer (a bug thrown while making
   * the change rejects, as there).
   */
  #applyNow<T>(change: (state: KeystoreState) => Change<T>): Promise<Result<T>> {
    // The executor runs at once; a throw in it rejects the promise.
    return new Promise<Result<T>>((resolve) => {
      const next = change(this.#state);
      if (!next.ok) return resolve(next);
      const made = next.value;
      this.#become('state' in made ? made.state : grownInPlace(this.#state, made.growth, this.#ownLists));
      resolve(ok(made.value));
    });
  }

  /** One change: a growth is appended in place only after its write, so a failed write leaves nothing behind. */
  async #applyOne<T>(change: (state: KeystoreState) => Change<T>): Promise<Result<T>> {
    const before = this.#state;
    const next = change(before);
    if (!next.ok) return next;
    await this.beforeWrite();
    const made = next.value;
    const written = await this.store.write(() => ('state' in made ? made.state : grownCopy(before, made.growth)));
    if (!written.ok) return written;
    this.#become('state' in made ? made.state : grownInPlace(before, made.growth, this.#ownLists));
    return ok(made.value);
  }

  /** The changes that were waiting, as one write when there are several; answers them only after it. */
  async #applyBatch(batch: readonly WaitingChange[]): Promise<void> {
    if (this.#batch === batch) this.#batch = undefined;
    try {
      const answers = batch.length === 1 ? [await this.#applyOne(batch[0]!.change)] : await this.#applyTogether(batch);
      answers.forEach((answer, i) => batch[i]!.answer(answer));
    } catch (error) {
      for (const waiting of batch) waiting.fail(error);
    }
  }

  /**
   * Several changes, in the order they were asked for, each computed on the state the ones before
   * it left (copies: the file store writes the whole state anyway), in one write. If the write
   * fails, every change in it fails and the state stays as it was.
   */
  async #applyTogether(batch: readonly WaitingChange[]): Promise<Result<unknown>[]> {
    let state = this.#state;
    const outcomes = batch.map(({ change }) => {
      const next = change(state);
      if (next.ok) state = 'state' in next.value ? next.value.state : grownCopy(state, next.value.growth);
      return next;
    });
    let written: Result<void> = ok(undefined);
    if (outcomes.some((o) => o.ok)) {
      await this.beforeWrite();
      const after = state;
      written = await this.store.write(() => after);
      if (written.ok) this.#become(after);
    }
    return outcomes.map((outcome) => (!outcome.ok ? outcome : written.ok ? ok(outcome.value.value) : written));
  }
}
