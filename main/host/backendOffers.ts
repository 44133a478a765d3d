/**
 * The node programs a local backend may start: the ones on PATH, and the ones the person chose
 * (a file dialog in the desktop app, `--daemon PATH` on the command line). The page names an
 * offer by id; a path never comes from the page or from a scenario file.
 */
import type { ChainId } from '../../shared/chain/profiles';
import type { BackendOptions, DaemonOffer } from '../../shared/contract/methods';
import { errText, ok, type Result } from '../../shared/contract/result';
import { en, type MessageKey } from '../../shared/ui/i18n/en';
import { findDaemonBinary } from '../backends/localDaemon';
import type { DaemonBinary, DaemonKind, DaemonOffers } from './backendChoice';

/** Each coin's own daemon: preferred for its chain when both are offered. */
const OWN_DAEMON: Readonly<Record<ChainId, DaemonKind>> = { btc: 'bitcoind', ltc: 'litecoind' };

const HOW_TO_INSTALL: Readonly<Record<DaemonKind, MessageKey>> = {
  litecoind: 'host.install.litecoind',
  bitcoind: 'host.install.bitcoind',
};

export class BackendOffers implements DaemonOffers {
  private readonly daemons = new Map<string, DaemonOffer>();
  private discovered = false;

  constructor(private readonly canChoose: boolean = false) {}

  /** Looks for litecoind and bitcoind on PATH (once; the person may install one later, so `refresh` looks again). */
  async discover(refresh = false): Promise<void> {
    if (this.discovered && !refresh) return;
    this.discovered = true;
    for (const kind of ['litecoind', 'bitcoind'] as const) {
      const found = await findDaemonBinary(undefined, kind);
      if (found.ok && found.value.kind === kind)
        this.daemons.set(kind, { id: kind, kind, path: found.value.path, origin: 'path' });
    }
  }

  /** A program the person chose: checked to be executable; its kind read from its name. */
  async choose(path: string): Promise<Result<DaemonOffer>> {
    const found = await findDaemonBinary(path);
    if (!found.ok) return found;
    const existing = [...this.daemons.values()].find((d) => d.path === found.value.path);
    if (existing) return ok(existing);
    const id = `chosen-${[...this.daemons.values()].filter((d) => d.origin === 'chosen').length + 1}`;
    const offer: DaemonOffer = { id, kind: found.value.kind, path: found.value.path, origin: 'chosen' };
    this.daemons.set(id, offer);
    return ok(offer);
  }

  async list(): Promise<BackendOptions> {
    await this.discover(true);
    return { daemons: [...this.daemons.values()], canChooseDaemon: this.canChoose };
  }

  /** The program for a local backend of `chain`: the offer named, else the chain's own coin's daemon, else any. */
  async binaryFor(chain: ChainId, id: string | undefined): Promise<Result<DaemonBinary>> {
    await this.discover();
    if (id !== undefined) {
      const offer = this.daemons.get(id);
      if (offer) return ok({ path: offer.path, kind: offer.kind });
      if (id === 'bitcoind' || id === 'litecoind')
        return errText('BACKEND_UNAVAILABLE', 'host.daemonNotOnPath', { program: id, how: en[HOW_TO_INSTALL[id]] });
      return errText('NOT_FOUND', 'host.noDaemonOffer', {
        program: id,
        choices: [...this.daemons.keys()].join(', ') || '—',
      });
    }
    const own = this.daemons.get(OWN_DAEMON[chain]);
    const any = own ?? [...this.daemons.values()][0];
    if (any) return ok({ path: any.path, kind: any.kind });
    return errText('BACKEND_UNAVAILABLE', 'host.noDaemonAtAll', { how: en[HOW_TO_INSTALL.litecoind] });
  }
}
