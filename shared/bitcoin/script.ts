/** Script bytes ⇄ operations, following Core's GetScriptOp exactly (including where it stops). */
import { type Bytes, concat, equal } from './bytes';
import { fail, ok, type Result } from '../contract/result';
import { OP } from './opcodes';
import { encodeScriptNum } from './scriptNum';

export interface ScriptOp {
  readonly opcode: number;
  /** Pushed bytes for push opcodes (0x00–0x4e); undefined otherwise. */
  readonly data: Bytes | undefined;
  /** Byte offset of the opcode and the offset just past the operation. */
  readonly start: number;
  readonly end: number;
}

/** A push that runs past the script's end. */
export interface TruncatedPush {
  /** Where Core's iterator stands after the failed read (it matters for sighash). */
  readonly stop: number;
}

const truncated = (stop: number): Result<never, TruncatedPush> => fail({ stop });

export function readOp(script: Bytes, pc: number): Result<ScriptOp, TruncatedPush> {
  if (pc >= script.length) return truncated(pc);
  const start = pc;
  const opcode = script[pc++]!;
  if (opcode > OP.OP_PUSHDATA4) return ok({ opcode, data: undefined, start, end: pc });
  let size: number;
  if (opcode < OP.OP_PUSHDATA1) {
    size = opcode;
  } else if (opcode === OP.OP_PUSHDATA1) {
    if (script.length - pc < 1) return truncated(pc);
    size = script[pc++]!;
  } else if (opcode === OP.OP_PUSHDATA2) {
    if (script.length - pc < 2) return truncated(pc);
    size = script[pc]! | (script[pc + 1]! << 8);
    pc += 2;
  } else {
    if (script.length - pc < 4) return truncated(pc);
    size = (script[pc]! | (script[pc + 1]! << 8) | (script[pc + 2]! << 16) | (script[pc + 3]! << 24)) >>> 0;
    pc += 4;
  }
  if (script.length - pc < size) return truncated(pc);
  const data = script.subarray(pc, pc + size);
  return ok({ opcode, data, start, end: pc + size });
}

export interface DecodedScript {
  readonly ops: readonly ScriptOp[];
  /** Offset of an unreadable (truncated) push, if the script ends in one. */
  readonly errorAt: number | undefined;
}

export function decodeScript(script: Bytes): DecodedScript {
  const ops: ScriptOp[] = [];
  let pc = 0;
  while (pc < script.length) {
    const r = readOp(script, pc);
    if (!r.ok) return { ops, errorAt: pc };
    ops.push(r.value);
    pc = r.value.end;
  }
  return { ops, errorAt: undefined };
}

/** Push-only as Core defines it: every operation reads and is ≤ OP_16 (OP_RESERVED included). */
export function isPushOnly(script: Bytes): boolean {
  let pc = 0;
  while (pc < script.length) {
    const r = readOp(script, pc);
    if (!r.ok || r.value.opcode > OP.OP_16) return false;
    pc = r.value.end;
  }
  return true;
}

/** Core's CheckMinimalPush: the push opcode chosen for `data` is the smallest one possible. */
export function isMinimalPush(data: Bytes, opcode: number): boolean {
  if (data.length === 0) return opcode === OP.OP_0;
  if (data.length === 1 && data[0]! >= 1 && data[0]! <= 16) return false;
  if (data.length === 1 && data[0] === 0x81) return false;
  if (data.length <= 75) return opcode === data.length;
  if (data.length <= 255) return opcode === OP.OP_PUSHDATA1;
  if (data.length <= 65535) return opcode === OP.OP_PUSHDATA2;
  return true;
}

/** `CScript() << data`: a plain data push (never OP_N), as Core's serializer writes it. */
export function pushData(data: Bytes): Bytes {
  const n = data.length;
  if (n < OP.OP_PUSHDATA1) return concat(Uint8Array.of(n), data);
  if (n <= 0xff) return concat(Uint8Array.of(OP.OP_PUSHDATA1, n), data);
  if (n <= 0xffff) return concat(Uint8Array.of(OP.OP_PUSHDATA2, n & 0xff, n >> 8), data);
  return concat(Uint8Array.of(OP.OP_PUSHDATA4, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24), data);
}

/** The push that MINIMALDATA expects for `data` (OP_0, OP_1…OP_16, OP_1NEGATE or the smallest push). */
export function pushMinimal(data: Bytes): Bytes {
  if (data.length === 0) return Uint8Array.of(OP.OP_0);
  if (data.length === 1 && data[0]! >= 1 && data[0]! <= 16) return Uint8Array.of(OP.OP_1 + data[0]! - 1);
  if (data.length === 1 && data[0] === 0x81) return Uint8Array.of(OP.OP_1NEGATE);
  return pushData(data);
}

/** `CScript() << n` (push_int64). */
export function pushNumber(n: number): Bytes {
  if (n === -1 || (n >= 1 && n <= 16)) return Uint8Array.of(n === -1 ? OP.OP_1NEGATE : OP.OP_1 + n - 1);
  if (n === 0) return Uint8Array.of(OP.OP_0);
  return pushData(encodeScriptNum(n));
}

/** A script item for `compileScript`: an opcode, bytes to push (minimally), or a number. */
export type ScriptItem = number | Bytes | { readonly num: number };

/** Builds a script with minimal pushes; numbers as `{ num }` go through CScriptNum. */
export function compileScript(items: readonly ScriptItem[]): Bytes {
  return concat(
    ...items.map((item) =>
      typeof item === 'number'
        ? Uint8Array.of(item)
        : item instanceof Uint8Array
          ? pushMinimal(item)
          : pushNumber(item.num),
    ),
  );
}

/** Core's FindAndDelete: removes every occurrence of `needle` found at an op boundary. */
export function findAndDelete(script: Bytes, needle: Bytes): { script: Bytes; found: number } {
  if (needle.length === 0) return { script, found: 0 };
  const kept: Bytes[] = [];
  let found = 0;
  let pc = 0;
  let keptFrom = 0;
  for (;;) {
    kept.push(script.subarray(keptFrom, pc));
    while (script.length - pc >= needle.length && equal(script.subarray(pc, pc + needle.length), needle)) {
      pc += needle.length;
      found++;
    }
    keptFrom = pc;
    const r = readOp(script, pc);
    if (!r.ok) break;
    pc = r.value.end;
  }
  if (found === 0) return { script, found };
  kept.push(script.subarray(keptFrom));
  return { script: concat(...kept), found };
}

export function isPayToScriptHash(script: Bytes): boolean {
  return script.length === 23 && script[0] === OP.OP_HASH160 && script[1] === 0x14 && script[22] === OP.OP_EQUAL;
}

export interface WitnessProgram {
  readonly version: number;
  readonly program: Bytes;
}

export function witnessProgram(script: Bytes): WitnessProgram | undefined {
  if (script.length < 4 || script.length > 42) return undefined;
  const first = script[0]!;
  if (first !== OP.OP_0 && (first < OP.OP_1 || first > OP.OP_16)) return undefined;
  if (script[1]! + 2 !== script.length) return undefined;
  return { version: first === OP.OP_0 ? 0 : first - OP.OP_1 + 1, program: script.subarray(2) };
}

export function isUnspendable(script: Bytes): boolean {
  return (script.length > 0 && script[0] === OP.OP_RETURN) || script.length > 10_000;
}
