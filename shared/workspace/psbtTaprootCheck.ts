/**
 * BIP371's Taproot fields, checked on the raw key-value maps of an untrusted PSBT before any
 * library reads them: key and value sizes, Schnorr signature sizes and hash types, control block
 * sizes and leaf versions, the shape of a tap tree. One pass over the bytes, every length checked
 * against what is left, so a hostile file costs time in proportion to its size. A framing error
 * (not a Taproot matter) is left to the PSBT parser, which names it.
 */
import type { HostText } from '../contract/result';
import type { Bytes } from '../bitcoin/bytes';
import { isValidControlBlockSize, TAPROOT_LEAF_MASK } from '../bitcoin/taproot';

/** BIP371's type bytes (BIP174's registry). */
const PSBT_IN_TAP_KEY_SIG = 0x13;
const PSBT_IN_TAP_SCRIPT_SIG = 0x14;
const PSBT_IN_TAP_LEAF_SCRIPT = 0x15;
const PSBT_IN_TAP_BIP32_DERIVATION = 0x16;
const PSBT_IN_TAP_INTERNAL_KEY = 0x17;
const PSBT_IN_TAP_MERKLE_ROOT = 0x18;
const PSBT_OUT_TAP_INTERNAL_KEY = 0x05;
const PSBT_OUT_TAP_TREE = 0x06;
const PSBT_OUT_TAP_BIP32_DERIVATION = 0x07;

const IN_NAMES: Readonly<Record<number, string>> = {
  [PSBT_IN_TAP_KEY_SIG]: 'PSBT_IN_TAP_KEY_SIG',
  [PSBT_IN_TAP_SCRIPT_SIG]: 'PSBT_IN_TAP_SCRIPT_SIG',
  [PSBT_IN_TAP_LEAF_SCRIPT]: 'PSBT_IN_TAP_LEAF_SCRIPT',
  [PSBT_IN_TAP_BIP32_DERIVATION]: 'PSBT_IN_TAP_BIP32_DERIVATION',
  [PSBT_IN_TAP_INTERNAL_KEY]: 'PSBT_IN_TAP_INTERNAL_KEY',
  [PSBT_IN_TAP_MERKLE_ROOT]: 'PSBT_IN_TAP_MERKLE_ROOT',
};
const OUT_NAMES: Readonly<Record<number, string>> = {
  [PSBT_OUT_TAP_INTERNAL_KEY]: 'PSBT_OUT_TAP_INTERNAL_KEY',
  [PSBT_OUT_TAP_TREE]: 'PSBT_OUT_TAP_TREE',
  [PSBT_OUT_TAP_BIP32_DERIVATION]: 'PSBT_OUT_TAP_BIP32_DERIVATION',
};

/** BIP341: a tap tree is at most 128 levels deep. */
const MAX_TREE_DEPTH = 128;

class Reader {
  at = 0;
  constructor(readonly bytes: Bytes) {}
  get left(): number {
    return this.bytes.length - this.at;
  }
  /** A CompactSize, or undefined when the bytes end first. */
  varInt(): number | undefined {
    if (this.left < 1) return undefined;
    const first = this.bytes[this.at++]!;
    if (first < 0xfd) return first;
    const size = first === 0xfd ? 2 : first === 0xfe ? 4 : 8;
    if (this.left < size) return undefined;
    let n = 0;
    for (let i = 0; i < size; i++) n += this.bytes[this.at++]! * 2 ** (8 * i);
    return n;
  }
  /** `length` bytes, or undefined when fewer are left. */
  take(length: number | undefined): Bytes | undefined {
    if (length === undefined || length > this.left) return undefined;
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }
}

interface KeyValue {
  readonly type: number;
  readonly keyData: Bytes;
  readonly value: Bytes;
}

/** One map (global, an input's, an output's): undefined on a framing error. */
function readMap(r: Reader): KeyValue[] | undefined {
  const entries: KeyValue[] = [];
  for (;;) {
    const key = r.take(r.varInt());
    if (!key) return undefined;
    if (key.length === 0) return entries;
    const value = r.take(r.varInt());
    if (!value) return undefined;
    entries.push({ type: key[0]!, keyData: key.subarray(1), value });
  }
}

/** Input and output counts of the unsigned transaction (BIP174 forbids witnesses and scriptSigs in it). */
function txCounts(tx: Bytes): { inputs: number; outputs: number } | undefined {
  const r = new Reader(tx);
  if (!r.take(4)) return undefined;
  const inputs = r.varInt();
  if (inputs === undefined) return undefined;
  for (let i = 0; i < inputs; i++) if (!r.take(36) || !r.take(r.varInt()) || !r.take(4)) return undefined;
  const outputs = r.varInt();
  if (outputs === undefined) return undefined;
  return { inputs, outputs };
}

const problem = (key: HostText['key'], params: Record<string, string | number>): HostText => ({ key, params });

/** A signature's size and, at 65 bytes, its hash-type byte (BIP341: 0x00 only implicitly). */
function signatureProblem(sig: Bytes, index: number, field: string): HostText | undefined {
  if (sig.length !== 64 && sig.length !== 65)
    return problem('host.psbt.tap.sigSize', { index, field, size: sig.length });
  const hashType = sig[64];
  if (hashType !== undefined && !(hashType >= 0x01 && hashType <= 0x03) && !(hashType >= 0x81 && hashType <= 0x83))
    return problem('host.psbt.tap.sighashType', {
      index,
      field,
      hashType: `0x${hashType.toString(16).padStart(2, '0')}`,
    });
  return undefined;
}

/** A TAP_BIP32_DERIVATION value: <leaf hashes count> <32-byte hashes> <fingerprint> <4-byte path steps>. */
function derivationIsWellFormed(value: Bytes): boolean {
  const r = new Reader(value);
  const count = r.varInt();
  if (count === undefined || count > r.left / 32 || !r.take(count * 32)) return false;
  return r.left >= 4 && r.left % 4 === 0;
}

/** A TAP_TREE: (depth, leaf version, script) in depth-first order, which must close into one root. */
function treeIsWellFormed(value: Bytes): boolean {
  const r = new Reader(value);
  // Depths of the subtrees not yet joined; two siblings at depth d join into one at d − 1.
  const open: number[] = [];
  if (r.left === 0) return false;
  while (r.left > 0) {
    const head = r.take(2);
    if (!head) return false;
    const [depth, leafVersion] = [head[0]!, head[1]!];
    if (depth > MAX_TREE_DEPTH || (leafVersion & TAPROOT_LEAF_MASK) !== leafVersion) return false;
    if (!r.take(r.varInt())) return false;
    if (open.length === 1 && open[0] === 0) return false; // the tree was already complete
    let d = depth;
    while (open.length > 0 && open[open.length - 1] === d) {
      if (d === 0) return false;
      open.pop();
      d -= 1;
    }
    open.push(d);
  }
  return open.length === 1 && open[0] === 0;
}

function inputProblem(kv: KeyValue, index: number): HostText | undefined {
  const field = IN_NAMES[kv.type];
  if (!field) return undefined;
  const keyData = (expected: number): HostText | undefined =>
    kv.keyData.length === expected
      ? undefined
      : problem('host.psbt.tap.inKeyData', { index, field, size: kv.keyData.length, expected });
  switch (kv.type) {
    case PSBT_IN_TAP_KEY_SIG:
      return keyData(0) ?? signatureProblem(kv.value, index, field);
    case PSBT_IN_TAP_SCRIPT_SIG:
      return keyData(64) ?? signatureProblem(kv.value, index, field);
    case PSBT_IN_TAP_LEAF_SCRIPT: {
      if (!isValidControlBlockSize(kv.keyData.length))
        return problem('host.psbt.tap.controlBlock', { index, size: kv.keyData.length });
      const leafVersion = kv.value[kv.value.length - 1];
      if (leafVersion === undefined || leafVersion !== (kv.keyData[0]! & TAPROOT_LEAF_MASK))
        return problem('host.psbt.tap.leafVersion', { index });
      return undefined;
    }
    case PSBT_IN_TAP_BIP32_DERIVATION:
      if (kv.keyData.length !== 32)
        return problem('host.psbt.tap.inKeySize', { index, field, size: kv.keyData.length });
      return derivationIsWellFormed(kv.value) ? undefined : problem('host.psbt.tap.inDerivation', { index, field });
    case PSBT_IN_TAP_INTERNAL_KEY:
      return (
        keyData(0) ??
        (kv.value.length === 32
          ? undefined
          : problem('host.psbt.tap.inKeySize', { index, field, size: kv.value.length }))
      );
    case PSBT_IN_TAP_MERKLE_ROOT:
      return (
        keyData(0) ??
        (kv.value.length === 32 ? undefined : problem('host.psbt.tap.merkleRoot', { index, size: kv.value.length }))
      );
  }
  return undefined;
}

function outputProblem(kv: KeyValue, index: number): HostText | undefined {
  const field = OUT_NAMES[kv.type];
  if (!field) return undefined;
  switch (kv.type) {
    case PSBT_OUT_TAP_INTERNAL_KEY:
      if (kv.keyData.length !== 0)
        return problem('host.psbt.tap.outKeyData', { index, field, size: kv.keyData.length, expected: 0 });
      return kv.value.length === 32
        ? undefined
        : problem('host.psbt.tap.outKeySize', { index, field, size: kv.value.length });
    case PSBT_OUT_TAP_TREE:
      if (kv.keyData.length !== 0)
        return problem('host.psbt.tap.outKeyData', { index, field, size: kv.keyData.length, expected: 0 });
      return treeIsWellFormed(kv.value) ? undefined : problem('host.psbt.tap.tree', { index });
    case PSBT_OUT_TAP_BIP32_DERIVATION:
      if (kv.keyData.length !== 32)
        return problem('host.psbt.tap.outKeySize', { index, field, size: kv.keyData.length });
      return derivationIsWellFormed(kv.value) ? undefined : problem('host.psbt.tap.outDerivation', { index, field });
  }
  return undefined;
}

const MAGIC = [0x70, 0x73, 0x62, 0x74, 0xff];

/**
 * The first BIP371 field of `psbt` that breaks the BIP's rules, as catalogue words; undefined when
 * there is none, or when the file is not framed as a PSBT at all (the parser then says why).
 */
export function taprootFieldProblem(psbt: Bytes): HostText | undefined {
  if (psbt.length < MAGIC.length || MAGIC.some((b, i) => psbt[i] !== b)) return undefined;
  const r = new Reader(psbt);
  r.at = MAGIC.length;
  const global = readMap(r);
  const unsignedTx = global?.find((kv) => kv.type === 0x00 && kv.keyData.length === 0)?.value;
  const counts = unsignedTx && txCounts(unsignedTx);
  if (!counts) return undefined;
  for (let i = 0; i < counts.inputs; i++) {
    const map = readMap(r);
    if (!map) return undefined;
    for (const kv of map) {
      const found = inputProblem(kv, i);
      if (found) return found;
    }
  }
  for (let i = 0; i < counts.outputs; i++) {
    const map = readMap(r);
    if (!map) return undefined;
    for (const kv of map) {
      const found = outputProblem(kv, i);
      if (found) return found;
    }
  }
  return undefined;
}
