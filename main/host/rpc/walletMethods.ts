/** Wallet RPCs (`-rpcwallet=NAME`): getnewaddress, getbalance, sendtoaddress — keys stay in the keystore. */
import { addressToScript, scriptToAddress } from '../../../shared/bitcoin/address';
import { fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { PROFILES } from '../../../shared/chain/profiles';
import { assembleGraph } from '../../../shared/workspace/assemble';
import type { DraftNode, TxDraft } from '../../../shared/workspace/model';
import { unlockFor } from '../../../shared/workspace/unlock';
import { findWallet } from '../payees';
import { signSlots } from '../slotSigning';
import { ownership, scriptsOfKey, walletBalance } from '../walletViews';
import { p2pkhHex, p2wpkhHex } from '../workbench';
import { addressInfoObject } from './addressInfo';
import { RPC, rpcFail } from './errors';
import { Amount, parseBtcAmount } from './json';
import type { RpcContext } from './methods';

/** GetWalletForJSONRPCRequest (wallet/rpcwallet.cpp:98): the named wallet, or the only one loaded. */
function walletOf(ctx: RpcContext) {
  const loaded = ctx.bench.wallets.listWallets();
  if (!ctx.wallet && loaded.length === 0)
    rpcFail(
      RPC.WALLET_NOT_FOUND,
      'No wallet is loaded. Load a wallet using loadwallet or create a new one with createwallet. (Note: A default wallet is no longer automatically created)',
    );
  if (!ctx.wallet && loaded.length > 1)
    rpcFail(
      RPC.WALLET_NOT_SPECIFIED,
      'Wallet file not specified (must request wallet RPC through /wallet/<filename> uri-path).',
    );
  const w = findWallet(ctx.bench.wallets, ctx.wallet ?? loaded[0]!.id);
  if (!w.ok) rpcFail(RPC.WALLET_NOT_FOUND, `Requested wallet does not exist or is not loaded`);
  return w.value;
}

function era(ctx: RpcContext) {
  return ctx.bench.chains.get(ctx.chain)?.primary.policy.era ?? 'modern';
}

/**
 * The wallet's confirmed coins not spent in the mempool, with their confirmations: every kind of
 * output its keys can be paid to (scriptsOfKey), the coins getbalance counts.
 */
function walletCoins(ctx: RpcContext, wallet: ReturnType<typeof walletOf>) {
  const node = ctx.bench.chains.get(ctx.chain)!.primary;
  const coins: {
    txid: string;
    vout: number;
    value: bigint;
    script: string;
    confirmations: number;
    coinbase: boolean;
  }[] = [];
  for (const k of wallet.keys.filter((k) => k.origin === 'derived')) {
    for (const script of scriptsOfKey(k.publicKey, k.pubKeyHash, k.taprootKey)) {
      for (const outpoint of node.coins.outpointsForScript(script)) {
        const coin = node.coins.get(outpoint)!;
        if (node.mempool.spenderOf(outpoint)) continue;
        coins.push({
          txid: outpoint.slice(0, 64),
          vout: Number(outpoint.slice(65)),
          value: coin.output.value,
          script,
          confirmations: node.height - coin.height + 1,
          coinbase: coin.coinbase,
        });
      }
    }
  }
  return coins;
}

/** What an input spending `script` adds to a transaction's virtual size once signed (vB, rounded up). */
function signedInputVsize(script: string): number {
  if (script.startsWith('0014')) return 68; // P2WPKH: 41 bytes + a 108-byte witness
  if (script.startsWith('5120')) return 58; // P2TR key path: 41 bytes + a 66-byte witness
  if (script.startsWith('a914')) return 91; // P2SH-P2WPKH: a 23-byte redeem script pushed, then P2WPKH's witness
  if (script.startsWith('21')) return 114; // P2PK: a 73-byte signature push
  return 148; // P2PKH
}

export const walletRpc = {
  /** listunspent [minconf] [maxconf]: confirmed coins; an immature coinbase is not listed (AvailableCoins). */
  listunspent: (ctx: RpcContext, p: readonly unknown[]) => {
    const wallet = walletOf(ctx);
    const minconf = typeof p[0] === 'number' ? p[0] : 1;
    const maxconf = typeof p[1] === 'number' ? p[1] : 9_999_999;
    const maturity = ctx.bench.chains.get(ctx.chain)!.primary.profile.coinbaseMaturity;
    const network = PROFILES[ctx.chain].network;
    return walletCoins(ctx, wallet)
      .filter((c) => c.confirmations >= minconf && c.confirmations <= maxconf)
      .filter((c) => !c.coinbase || c.confirmations > maturity)
      .sort((a, b) => a.txid.localeCompare(b.txid) || a.vout - b.vout)
      .map((c) => {
        // A bare P2PK output has no address; Core's listunspent then leaves the field out.
        const address = scriptToAddress(fromHex(c.script), network);
        return {
          txid: c.txid,
          vout: c.vout,
          ...(address !== undefined ? { address } : {}),
          scriptPubKey: c.script,
          amount: new Amount(c.value),
          confirmations: c.confirmations,
          spendable: true,
          solvable: true,
          safe: true,
        };
      });
  },
  getnewaddress: async (ctx: RpcContext, p: readonly unknown[]) => {
    const wallet = walletOf(ctx);
    const type = p[1] ?? (era(ctx) === 'modern' ? 'bech32' : 'legacy');
    if (type !== 'bech32' && type !== 'legacy')
      rpcFail(
        RPC.INVALID_ADDRESS_OR_KEY,
        `Unknown address type '${typeof type === 'string' ? type : JSON.stringify(type)}'`,
      );
    if (type === 'bech32' && era(ctx) === '2014')
      rpcFail(RPC.INVALID_PARAMETER, 'SegWit addresses cannot be used in the 2014 era');
    const key = await ctx.bench.wallets.deriveKey(wallet.id, 'receive');
    if (!key.ok) rpcFail(RPC.MISC_ERROR, key.error.message);
    ctx.bench.changed();
    const script = type === 'bech32' ? p2wpkhHex(key.value.pubKeyHash) : p2pkhHex(key.value.pubKeyHash);
    return scriptToAddress(fromHex(script), PROFILES[ctx.chain].network)!;
  },
  /** getaddressinfo "address": the wallet-independent fields, and what this wallet's derived keys make of it. */
  getaddressinfo: (ctx: RpcContext, p: readonly unknown[]) => {
    const wallet = walletOf(ctx);
    if (typeof p[0] !== 'string') rpcFail(RPC.TYPE_ERROR, 'JSON value is not a string as expected');
    const address = p[0];
    const fingerprint = ctx.bench.wallets.masterFingerprint?.(wallet.id);
    const keys = wallet.keys
      .filter((k) => k.origin === 'derived')
      .map((k) => ({ ...k, ...(fingerprint ? { masterFingerprint: fingerprint } : {}) }));
    return addressInfoObject(address, PROFILES[ctx.chain], ctx.style, keys);
  },
  getbalance: (ctx: RpcContext) => {
    const wallet = walletOf(ctx);
    const node = ctx.bench.chains.get(ctx.chain)!.primary;
    return new Amount(BigInt(walletBalance(node, wallet, { coreWallet: true }).confirmed));
  },
  sendtoaddress: async (ctx: RpcContext, p: readonly unknown[]) => {
    const wallet = walletOf(ctx);
    const bench = ctx.bench;
    const node = bench.chains.get(ctx.chain)!.primary;
    const network = PROFILES[ctx.chain].network;
    const target = addressToScript(typeof p[0] === 'string' ? p[0] : '', network);
    if (!target.ok) rpcFail(RPC.INVALID_ADDRESS_OR_KEY, 'Invalid address');
    const amount = parseBtcAmount(p[1]);
    if (amount === undefined || amount <= 0n) rpcFail(RPC.TYPE_ERROR, 'Invalid amount for send');
    // Spendable coins: confirmed, not already being spent, and a coinbase only once Core's wallet
    // counts it mature (101 confirmations, as listunspent and getbalance); largest first.
    const coins = walletCoins(ctx, wallet).filter(
      (c) => !c.coinbase || c.confirmations > node.profile.coinbaseMaturity,
    );
    coins.sort((a, b) => (b.value > a.value ? 1 : b.value < a.value ? -1 : a.txid.localeCompare(b.txid)));
    const feeRate = 2n; // sat/vB: above the 1 sat/vB relay minimum
    const chosen: typeof coins = [];
    let total = 0n;
    let fee = 0n;
    let inputsVsize = 0;
    for (const c of coins) {
      chosen.push(c);
      total += c.value;
      inputsVsize += signedInputVsize(c.script);
      // Version, counts and locktime, the inputs, and two outputs of the largest kind (P2TR, 43 vB).
      fee = feeRate * BigInt(11 + inputsVsize + 2 * 43);
      if (total >= amount + fee) break;
    }
    if (total < amount + fee) rpcFail(RPC.WALLET_INSUFFICIENT_FUNDS, 'Insufficient funds');
    const own = ownership(bench.wallets.listWallets());
    const changeKey = wallet.keys.find((k) => k.purpose === 'receive' && k.origin === 'derived');
    if (!changeKey) rpcFail(RPC.MISC_ERROR, 'the wallet has no receive key');
    const change = total - amount - fee;
    const changeScript = era(ctx) === 'modern' ? p2wpkhHex(changeKey.pubKeyHash) : p2pkhHex(changeKey.pubKeyHash);
    let tx: TxDraft = {
      version: 2,
      locktime: 0,
      inputs: chosen.map((c) => ({
        prevout: { txid: c.txid, vout: c.vout },
        sequence: 0xfffffffd,
        unlock: unlockFor(c.script, undefined, own.keyByHash),
      })),
      outputs: [
        { value: amount.toString(), scriptPubKey: toHex(target.value) },
        ...(change >= 546n ? [{ value: change.toString(), scriptPubKey: changeScript }] : []),
      ],
    };
    const draft = (): DraftNode => ({
      kind: 'draft',
      id: 'send',
      label: 'send',
      chain: ctx.chain,
      template: 'p2pkh-payment',
      position: { x: 0, y: 0 },
      tx,
    });
    const assembled = assembleGraph({ nodes: [draft()] }, (chain, txid, vout) =>
      bench.chains.lookupOutput(chain, txid, vout),
    ).get('send')!;
    const keys = new Map(wallet.keys.filter((k) => k.canSign).map((k) => [k.publicKey, k]));
    const signedTx = await signSlots(
      bench.wallets,
      wallet.id,
      assembled,
      assembled.slots,
      (slot) => keys.get(slot.pubKey),
      bench.doc.seed,
    );
    if (!signedTx.ok) rpcFail(RPC.MISC_ERROR, `could not sign an input: ${signedTx.error.message}`);
    tx = signedTx.value;
    const signed = assembleGraph({ nodes: [draft()] }, (chain, txid, vout) =>
      bench.chains.lookupOutput(chain, txid, vout),
    ).get('send')!;
    const result = await bench.applyChain({
      op: 'broadcast',
      chain: ctx.chain,
      hex: toHex(signed.record.tx.toBuffer()),
    });
    bench.changed();
    if (result.op !== 'broadcast') rpcFail(RPC.MISC_ERROR, 'broadcast failed');
    if (!result.outcome.ok) rpcFail(RPC.VERIFY_REJECTED, result.outcome.rejection.reason);
    return result.outcome.txid;
  },
};
