/**
 * The output types the differential test spends: key-hash outputs, multisig, HTLCs with CLTV/CSV,
 * hashlocks, the decred/Tier Nolan atomic-swap contracts and an RSMC revocable output. Each
 * contract lists its spending paths; each path says which stack items unlock it and which
 * transaction fields (locktime, sequence) it needs.
 */
import type { Bytes } from '../../../shared/bitcoin/bytes';
import { hash160, sha256 } from '../../../shared/bitcoin/hashes';
import { OP } from '../../../shared/bitcoin/opcodes';
import { compileScript } from '../../../shared/bitcoin/script';
import type { SeededRng } from '../../../shared/rng';
import { makeKey, type TestKey } from './keys';

/** A stack item before it is encoded into a scriptSig push or a witness element. */
export type Item =
  | { readonly kind: 'sig'; readonly bytes: Bytes }
  | { readonly kind: 'data'; readonly bytes: Bytes; readonly role?: 'preimage' | 'pubkey' | 'script' }
  | { readonly kind: 'num'; readonly value: number; readonly role: 'selector' | 'dummy' }
  /** Raw scriptSig bytes (only mutations make these: a non-minimal push, a non-push opcode). */
  | { readonly kind: 'raw'; readonly bytes: Bytes };

export type Timelock =
  | { readonly kind: 'cltv'; readonly locktime: number }
  | { readonly kind: 'csv'; readonly sequence: number }
  /** Tier Nolan's pre-CLTV refund: only the transaction's nLockTime, nothing in the script. */
  | { readonly kind: 'nlocktime'; readonly locktime: number }
  /** The seed's RD1a: a relative lock in nSequence alone (BIP68), nothing in the script. */
  | { readonly kind: 'bip68'; readonly sequence: number };

/** Signs for `key` (the caller knows the transaction, script code and hash type). */
export type Sign = (key: TestKey) => Bytes;

export interface SpendPath {
  readonly name: string;
  readonly timelock?: Timelock;
  unlock(sign: Sign): Item[];
}

export type Contract =
  | {
      readonly kind: 'p2pkh' | 'p2wpkh' | 'p2sh-p2wpkh';
      readonly name: string;
      readonly key: TestKey;
      readonly paths: readonly SpendPath[];
    }
  | { readonly kind: 'script'; readonly name: string; readonly script: Bytes; readonly paths: readonly SpendPath[] };

/** What the chain looks like when the cases are generated (locks are chosen to be satisfied). */
export interface ChainView {
  readonly height: number;
  readonly medianTime: number;
}

export interface ContractOptions {
  /** Uncompressed public keys (allowed in legacy scripts, non-standard in SegWit). */
  readonly uncompressed?: boolean;
}

const sig = (bytes: Bytes): Item => ({ kind: 'sig', bytes });
const pub = (key: TestKey): Item => ({ kind: 'data', bytes: key.publicKey, role: 'pubkey' });
const selector = (value: 0 | 1): Item => ({ kind: 'num', value, role: 'selector' });
const dummy: Item = { kind: 'num', value: 0, role: 'dummy' };
const preimage = (bytes: Bytes): Item => ({ kind: 'data', bytes, role: 'preimage' });

/** BIP68: bit 22 makes the relative lock count 512-second units instead of blocks. */
export const SEQUENCE_TYPE_TIME = 1 << 22;

export function keyHashContract(
  kind: 'p2pkh' | 'p2wpkh' | 'p2sh-p2wpkh',
  rng: SeededRng,
  o: ContractOptions,
): Contract {
  const key = makeKey(rng, 'owner', !o.uncompressed);
  const name = o.uncompressed ? `${kind}-uncompressed` : kind;
  return { kind, name, key, paths: [{ name: 'key', unlock: (s) => [sig(s(key)), pub(key)] }] };
}

export function multisigContract(m: number, n: number, rng: SeededRng, o: ContractOptions): Contract {
  const keys = Array.from({ length: n }, (_, i) => makeKey(rng, `k${i}`, !(o.uncompressed && i === 0)));
  const script = compileScript([{ num: m }, ...keys.map((k) => k.publicKey), { num: n }, OP.OP_CHECKMULTISIG]);
  // Signatures must come in key order: pick m of the n keys, keeping their order.
  const chosen = keys
    .map((k, i) => ({ k, r: rng.nextFloat(), i }))
    .sort((a, b) => a.r - b.r)
    .slice(0, m)
    .sort((a, b) => a.i - b.i);
  return {
    kind: 'script',
    name: `multisig-${m}of${n}`,
    script,
    paths: [{ name: 'sigs', unlock: (s) => [dummy, ...chosen.map(({ k }) => sig(s(k)))] }],
  };
}

type HashOp = 'sha256' | 'hash160';
const hashWith = (op: HashOp, data: Bytes): Bytes => (op === 'sha256' ? sha256(data) : hash160(data));
const hashOpcode = (op: HashOp): number => (op === 'sha256' ? OP.OP_SHA256 : OP.OP_HASH160);

/**
 * HTLC: `IF <hash op> <H> EQUALVERIFY <recipient> ELSE <lock> CLTV|CSV DROP <sender> ENDIF CHECKSIG`.
 * The recipient claims with the preimage before or after the lock; the sender refunds after it.
 */
export function htlcContract(
  lock: { kind: 'cltv-height' | 'cltv-time' | 'csv-height' | 'csv-time' },
  hashOp: HashOp,
  chain: ChainView,
  rng: SeededRng,
  o: ContractOptions,
): Contract {
  const recipient = makeKey(rng, 'recipient', !o.uncompressed);
  const sender = makeKey(rng, 'sender');
  const secret = rng.bytes(32);
  let value: number;
  let timelock: Timelock;
  switch (lock.kind) {
    case 'cltv-height':
      value = chain.height - 1 - rng.int(50);
      timelock = { kind: 'cltv', locktime: value };
      break;
    case 'cltv-time':
      value = chain.medianTime - 3600 - rng.int(86_400);
      timelock = { kind: 'cltv', locktime: value };
      break;
    case 'csv-height':
      value = 1 + rng.int(10);
      timelock = { kind: 'csv', sequence: value };
      break;
    case 'csv-time':
      value = SEQUENCE_TYPE_TIME | (1 + rng.int(8));
      timelock = { kind: 'csv', sequence: value };
      break;
  }
  const lockOp = lock.kind.startsWith('cltv') ? OP.OP_CHECKLOCKTIMEVERIFY : OP.OP_CHECKSEQUENCEVERIFY;
  const script = compileScript([
    OP.OP_IF,
    hashOpcode(hashOp),
    hashWith(hashOp, secret),
    OP.OP_EQUALVERIFY,
    recipient.publicKey,
    OP.OP_ELSE,
    { num: value },
    lockOp,
    OP.OP_DROP,
    sender.publicKey,
    OP.OP_ENDIF,
    OP.OP_CHECKSIG,
  ]);
  return {
    kind: 'script',
    name: `htlc-${lock.kind}-${hashOp}`,
    script,
    paths: [
      { name: 'claim', unlock: (s) => [sig(s(recipient)), preimage(secret), selector(1)] },
      { name: 'refund', timelock, unlock: (s) => [sig(s(sender)), selector(0)] },
    ],
  };
}

/** decred/atomicswap's contract (see shared/vectors/atomicswap-notes.md): SHA256 secret of 32 bytes, CLTV refund by time. */
export function decredSwapContract(chain: ChainView, rng: SeededRng): Contract {
  const participant = makeKey(rng, 'participant');
  const initiator = makeKey(rng, 'initiator');
  const secret = rng.bytes(32);
  const locktime = chain.medianTime - 7200 - rng.int(86_400);
  const script = compileScript([
    OP.OP_IF,
    OP.OP_SIZE,
    { num: 32 },
    OP.OP_EQUALVERIFY,
    OP.OP_SHA256,
    sha256(secret),
    OP.OP_EQUALVERIFY,
    OP.OP_DUP,
    OP.OP_HASH160,
    hash160(participant.publicKey),
    OP.OP_ELSE,
    { num: locktime },
    OP.OP_CHECKLOCKTIMEVERIFY,
    OP.OP_DROP,
    OP.OP_DUP,
    OP.OP_HASH160,
    hash160(initiator.publicKey),
    OP.OP_ENDIF,
    OP.OP_EQUALVERIFY,
    OP.OP_CHECKSIG,
  ]);
  return {
    kind: 'script',
    name: 'swap-decred',
    script,
    paths: [
      { name: 'redeem', unlock: (s) => [sig(s(participant)), pub(participant), preimage(secret), selector(1)] },
      {
        name: 'refund',
        timelock: { kind: 'cltv', locktime },
        unlock: (s) => [sig(s(initiator)), pub(initiator), selector(0)],
      },
    ],
  };
}

/** Tier Nolan's Tx1: "x with H(x) and B's signature, or the signatures of A and B" (refund Tx2 by nLockTime). */
export function tierNolanSwapContract(chain: ChainView, rng: SeededRng): Contract {
  const a = makeKey(rng, 'A');
  const b = makeKey(rng, 'B');
  const x = rng.bytes(32);
  const script = compileScript([
    OP.OP_IF,
    OP.OP_SHA256,
    sha256(x),
    OP.OP_EQUALVERIFY,
    b.publicKey,
    OP.OP_CHECKSIG,
    OP.OP_ELSE,
    { num: 2 },
    a.publicKey,
    b.publicKey,
    { num: 2 },
    OP.OP_CHECKMULTISIG,
    OP.OP_ENDIF,
  ]);
  const locktime = chain.height - 1 - rng.int(20);
  return {
    kind: 'script',
    name: 'swap-tiernolan',
    script,
    paths: [
      { name: 'claim', unlock: (s) => [sig(s(b)), preimage(x), selector(1)] },
      {
        name: 'refund',
        timelock: { kind: 'nlocktime', locktime },
        unlock: (s) => [dummy, sig(s(a)), sig(s(b)), selector(0)],
      },
    ],
  };
}

/** RSMC revocable output: the revocation key at once, or the delayed key after a CSV delay. */
export function rsmcContract(rng: SeededRng, o: ContractOptions): Contract {
  const revocation = makeKey(rng, 'revocation', !o.uncompressed);
  const delayed = makeKey(rng, 'delayed');
  const delay = 1 + rng.int(10);
  const script = compileScript([
    OP.OP_IF,
    revocation.publicKey,
    OP.OP_ELSE,
    { num: delay },
    OP.OP_CHECKSEQUENCEVERIFY,
    OP.OP_DROP,
    delayed.publicKey,
    OP.OP_ENDIF,
    OP.OP_CHECKSIG,
  ]);
  return {
    kind: 'script',
    name: 'rsmc-revocable',
    script,
    paths: [
      { name: 'breach-remedy', unlock: (s) => [sig(s(revocation)), selector(1)] },
      { name: 'delayed', timelock: { kind: 'csv', sequence: delay }, unlock: (s) => [sig(s(delayed)), selector(0)] },
    ],
  };
}

/** The seed's C1a output 0: a 2-of-2 of (Alice2, Bob), spent by RD1a with a relative lock in nSequence. */
export function rsmcSeedContract(rng: SeededRng): Contract {
  const alice2 = makeKey(rng, 'Alice2');
  const bob = makeKey(rng, 'Bob');
  const script = compileScript([{ num: 2 }, alice2.publicKey, bob.publicKey, { num: 2 }, OP.OP_CHECKMULTISIG]);
  const delay = 1 + rng.int(10);
  return {
    kind: 'script',
    name: 'rsmc-seed-2of2',
    script,
    paths: [
      {
        name: 'RD1a',
        timelock: { kind: 'bip68', sequence: delay },
        unlock: (s) => [dummy, sig(s(alice2)), sig(s(bob))],
      },
      { name: 'BR1a', unlock: (s) => [dummy, sig(s(alice2)), sig(s(bob))] },
    ],
  };
}
