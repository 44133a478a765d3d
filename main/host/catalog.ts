/**
 * The built-in scenarios as a ScenarioCatalog: creates a scenario's wallets from the seed in the
 * fresh store it is given, mines the first blocks and hands out the starting coins (a signed
 * faucet transaction from the Miner's matured coinbases), then asks the pure builtin for its
 * graph and lesson and returns the whole as a scenario file — the same file `txlab export`
 * writes and the UI loads.
 */
import { concat, fromHex, toHex } from '../../shared/bitcoin/bytes';
import { type ChainId, PROFILES } from '../../shared/chain/profiles';
import { err, errText, errWithin, ok, type Result } from '../../shared/contract/result';
import type { ScenarioInfo } from '../../shared/contract/views';
import { keyOutput } from '../../shared/protocols/outputs';
import { buildPayment, type SpendableCoin } from '../../shared/protocols/p2pkh';
import { wrapsForEra } from '../../shared/protocols/types';
import { BUILTINS, findBuiltin } from '../../shared/lessons';
import {
  type BuildContext,
  type BuiltinScenario,
  type ChainMoment,
  type CoinRef,
  coinsNodeId,
  MINER_WALLET,
} from '../../shared/lessons/types';
import type { ChainAction } from '../../shared/scenario/chainActions';
import { SCENARIO_FORMAT, SCENARIO_VERSION, type ScenarioFile, scenarioFileSchema } from '../../shared/scenario/schema';
import { describeIssue } from '../../shared/scenario/parse';
import { assembleGraph, slotSighash, withSignature } from '../../shared/workspace/assemble';
import type { GraphNode, TxDraft } from '../../shared/workspace/model';
import type { BackendChoice, ConnectBackend } from './backendChoice';
import { ChainSet } from './chainSet';
import { payeeScript, receiveKey } from './payees';
import { walletEntropy } from './scenarioWallets';
import type { ScenarioBuildContext, ScenarioCatalog } from './workbench';
import type { WalletInfo, WalletStore } from './walletStore';

/** What the faucet transaction pays in fees (the Miner's, so nobody in the story is short). */
const FAUCET_FEE = 50_000n;
const SUBSIDY = 50n * 100_000_000n;

export class BuiltinCatalog implements ScenarioCatalog {
  list(): readonly ScenarioInfo[] {
    return BUILTINS.map((b) => ({ name: b.name, title: b.title, paths: [...b.paths] }));
  }

  async build(name: string, path: string | undefined, ctx: ScenarioBuildContext): Promise<Result<ScenarioFile>> {
    const spec = findBuiltin(name);
    if (!spec)
      return errText(
        'NOT_FOUND',
        'host.noScenario',
        { name, known: BUILTINS.map((b) => b.name).join(', ') },
        { path: 'name' },
      );
    const lessonPath = path ?? spec.paths[0]!;
    if (!spec.paths.includes(lessonPath))
      return errText(
        'NOT_FOUND',
        'host.noScenarioPath',
        { name, path: lessonPath, paths: spec.paths.join(', ') },
        {
          path: 'path',
        },
      );
    return buildScenario(spec, lessonPath, ctx.wallets, ctx.seed ?? spec.defaultSeed, ctx.backends, ctx.connect);
  }
}

/** Labels are unique across a scenario's wallets: "Alice2" names one key of one wallet. */
function keyByLabel(wallets: readonly WalletInfo[], label: string) {
  for (const w of wallets) {
    const key = w.keys.find((k) => k.label === label && k.origin === 'derived');
    if (key) return { wallet: w, key };
  }
  return undefined;
}

async function createWallets(
  spec: BuiltinScenario,
  store: WalletStore,
  seed: number,
): Promise<Result<Record<string, Uint8Array>>> {
  const keys: Record<string, Uint8Array> = {};
  for (const w of [...spec.wallets, { name: MINER_WALLET, keys: [] }]) {
    const created = await store.createWallet(w.name, { entropy: walletEntropy(seed, w.name) });
    if (!created.ok) return created;
    for (const k of w.keys) {
      const derived = await store.deriveKey(created.value.id, k.purpose, k.label);
      if (!derived.ok) return derived;
      keys[k.label] = fromHex(derived.value.publicKey);
    }
  }
  // Every wallet starts with a receive key; the Miner's is where blocks and faucet change go.
  const miner = await minerKey(store);
  if (!miner.ok) return miner;
  keys[MINER_WALLET] = fromHex(miner.value.key.publicKey);
  return ok(keys);
}

async function minerKey(store: WalletStore) {
  const wallet = store.listWallets().find((w) => w.name === MINER_WALLET);
  if (!wallet) return errText('NOT_FOUND', 'host.noMinerWallet');
  const key = await receiveKey(store, wallet);
  return key.ok ? ok({ wallet, key: key.value }) : key;
}

/** Signs every slot of a faucet draft with the Miner's key, through the keystore. */
async function signFaucet(store: WalletStore, chains: ChainSet, tx: TxDraft, chain: ChainId): Promise<Result<string>> {
  const graph = {
    nodes: [
      {
        kind: 'draft' as const,
        id: 'faucet',
        label: 'faucet',
        chain,
        template: 'custom',
        position: { x: 0, y: 0 },
        tx,
      },
    ],
  };
  const lookup = (c: ChainId, txid: string, vout: number) => chains.lookupOutput(c, txid, vout);
  const miner = await minerKey(store);
  if (!miner.ok) return miner;
  let signed = tx;
  for (const slot of assembleGraph(graph, lookup).get('faucet')!.slots) {
    const current = assembleGraph({ nodes: [{ ...graph.nodes[0]!, tx: signed }] }, lookup).get('faucet')!;
    const sighash = slotSighash(current, slot);
    if (!sighash) return err('INTERNAL', 'the faucet spends an unknown coin');
    const sig = await store.signDigest(miner.value.wallet.id, miner.value.key.id, sighash.digest);
    if (!sig.ok) return sig;
    signed = withSignature(signed, slot, concat(sig.value.signature, Uint8Array.of(slot.sighashType)));
  }
  const done = assembleGraph({ nodes: [{ ...graph.nodes[0]!, tx: signed }] }, lookup).get('faucet')!;
  return ok(toHex(done.record.tx.toBuffer()));
}

/**
 * Builds a scenario by playing its setup (mining, the faucet) on chains of the chosen backends:
 * on a real node the coinbases, and so the faucet's inputs, are that node's own.
 */
async function buildScenario(
  spec: BuiltinScenario,
  lessonPath: string,
  store: WalletStore,
  seed: number,
  backends: BackendChoice = {},
  connect?: ConnectBackend,
): Promise<Result<ScenarioFile>> {
  const keys = await createWallets(spec, store, seed);
  if (!keys.ok) return keys;
  const created = await ChainSet.create(spec.chains, seed, undefined, backends, undefined, connect);
  if (!created.ok) return created;
  const chains = created.value;
  try {
    return await buildOn(spec, lessonPath, store, seed, keys.value, chains);
  } catch (e) {
    // On the simulator a refused setup step is a bug; a real node can refuse or go away.
    if (e instanceof SetupFailed) return e.refusal;
    throw e;
  } finally {
    await chains.close();
  }
}

/** A setup step a real node refused or could not do, as the refusal the catalog answers with. */
class SetupFailed extends Error {
  constructor(readonly refusal: Result<never>) {
    super(refusal.ok ? 'setup failed' : refusal.error.message);
  }
}

async function buildOn(
  spec: BuiltinScenario,
  lessonPath: string,
  store: WalletStore,
  seed: number,
  keyMap: Record<string, Uint8Array>,
  chains: ChainSet,
): Promise<Result<ScenarioFile>> {
  const keys = { value: keyMap };
  const history: ChainAction[] = [];
  const apply = async (action: ChainAction) => {
    const r = await chains.apply(action);
    const step = { name: spec.name, op: action.op };
    // The chain's own words where it has them; a node's reject reason stays as Core prints it.
    if (r.op === 'failed')
      throw new SetupFailed(errWithin('INVALID_STATE', { key: 'host.catalog.setupFailed', params: step }, r));
    if (r.op === 'broadcast' && !r.outcome.ok) {
      const reason = r.outcome.rejection.reason;
      throw new SetupFailed(errText('INVALID_STATE', 'host.catalog.setupRejected', { ...step, reason }));
    }
    history.push(action);
    return r;
  };

  const coins: Record<string, CoinRef> = {};
  const faucets = new Map<ChainId, string>();
  for (const config of spec.chains) {
    const chain = config.id;
    const era = config.era;
    const grants = spec.grants.filter((g) => g.chain === chain);
    const minerPayee = await payeeScript(store, { wallet: MINER_WALLET }, chain, era);
    if (!minerPayee.ok) return minerPayee;
    const needed = grants.reduce((s, g) => s + g.value, 0n) + FAUCET_FEE;
    const coinbases = Math.max(1, Number((needed + SUBSIDY - 1n) / SUBSIDY));
    // Coinbases mature after 100 blocks: mine them, then enough on top to spend them all.
    await apply({
      op: 'mine',
      chain,
      count: coinbases + PROFILES[chain].coinbaseMaturity,
      script: minerPayee.value.scriptPubKey,
    });
    if (grants.length === 0) continue;
    const node = chains.get(chain)!.primary;
    const wrap = wrapsForEra(era).key;
    const minerKey = keys.value[MINER_WALLET]!;
    const spendable: SpendableCoin[] = [];
    for (let h = 1; h <= coinbases; h++) {
      const cb = node.blockAt(h)!.block.txs[0]!;
      spendable.push({ prevout: { txid: cb.txid, vout: 0 }, value: cb.tx.outs[0]!.value, pubKey: minerKey, wrap });
    }
    const wallets = store.listWallets();
    const payees = grants.map((g) => {
      const owner = keyByLabel(wallets, g.key);
      if (!owner) throw new Error(`built-in ${spec.name}: grant ${g.id} names an unknown key ${g.key}`);
      return keyOutput(keys.value[g.key]!, g.wrap, g.value, { owner: owner.wallet.name, label: g.id });
    });
    const faucet = buildPayment({
      coins: spendable,
      payees,
      change: { pubKey: minerKey, wrap, owner: MINER_WALLET },
      fee: FAUCET_FEE,
      version: era === 'modern' ? 2 : 1,
    });
    if (!faucet.ok) throw new Error(`built-in ${spec.name}: faucet: ${faucet.error.message}`);
    const hex = await signFaucet(store, chains, faucet.value, chain);
    if (!hex.ok) return hex;
    const sent = await apply({ op: 'broadcast', chain, hex: hex.value });
    if (sent.op !== 'broadcast' || !sent.outcome.ok) throw new Error('unreachable');
    // With several nodes the faucet must reach whichever miner finds the next block.
    if ((config.nodes?.length ?? 1) > 1) await apply({ op: 'settle', chain });
    await apply({ op: 'mine', chain, count: 1, script: minerPayee.value.scriptPubKey });
    faucets.set(chain, sent.outcome.txid);
    grants.forEach((g, i) => {
      coins[g.id] = {
        node: coinsNodeId(chain),
        output: i,
        value: g.value,
        chain,
        pubKey: keys.value[g.key]!,
        wrap: g.wrap,
      };
    });
  }

  // Two chains start the lesson at the same moment, so "24 h" and "48 h" mean the same on both.
  const latest = Math.max(...spec.chains.map((c) => chains.get(c.id)!.clock.exact()));
  for (const c of spec.chains) {
    const behind = Math.ceil(latest - chains.get(c.id)!.clock.exact());
    if (behind >= 1) await apply({ op: 'advanceTime', chain: c.id, seconds: behind });
  }
  const moments: Partial<Record<ChainId, ChainMoment>> = {};
  for (const c of spec.chains) {
    const chain = chains.get(c.id)!;
    moments[c.id] = { height: chain.primary.height, time: chain.clock.now(), mtp: chain.primary.tip.mtp };
  }

  const ctx: BuildContext = { seed, keys: keys.value, coins, chains: moments };
  const built = spec.build(ctx);
  const coinNodes: GraphNode[] = [...faucets].map(([chain, txid]) => ({
    kind: 'chain',
    id: coinsNodeId(chain),
    label: chain === 'btc' ? 'Coins' : 'Coins (LTC)',
    chain,
    txid,
    position: built.coinsAt[chain] ?? { x: 40, y: 40 },
  }));
  const file = {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    name: spec.name,
    title: spec.title,
    description: spec.description,
    seed,
    wallets: store.listWallets().map((w) => ({
      name: w.name,
      keys: w.keys
        .filter((k) => k.origin === 'derived')
        .map((k) => ({ purpose: k.purpose, index: k.index, label: k.label, publicKey: k.publicKey })),
    })),
    handovers: [],
    chains: spec.chains,
    history,
    graph: { nodes: [...coinNodes, ...built.nodes] },
    lesson: { paths: built.paths, path: lessonPath, position: 0 },
  };
  // The built-in passes the same strict schema as an imported file (a failure here is a bug in it).
  const parsed = scenarioFileSchema.safeParse(file);
  if (!parsed.success) {
    const issue = describeIssue(parsed.error.issues[0]!);
    return err('INTERNAL', `built-in ${spec.name} is not a valid scenario file at ${issue.path}: ${issue.message}`, {
      path: issue.path,
    });
  }
  return ok(parsed.data);
}
