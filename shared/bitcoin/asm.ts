/**
 * Two text forms of Script:
 * - Core's ASM (`decoderawtransaction`'s `asm`): `toAsm`, and `fromAsm` to read it back;
 * - Core's test notation (`script_tests.json`, ParseScript): `parseScriptNotation`.
 */
import { fail, ok, type Result } from '../contract/result';
import { type Bytes, concat, fromHex, isHex, toHex, utf8 } from './bytes';
import { OP, opcodeByName, opcodeName } from './opcodes';
import { pushData, pushMinimal, pushNumber, readOp, isUnspendable } from './script';
import { clampToInt32, decodeScriptNum } from './scriptNum';
import { isDefinedHashtypeSignature, isValidSignatureEncoding, SIGHASH_NAMES } from './signatureEncoding';

/** Core's ScriptToAsmStr. `sighashDecode` is on for scriptSigs, off for scriptPubKeys. */
export function toAsm(script: Bytes, sighashDecode = false): string {
  const words: string[] = [];
  const decodeSigs = sighashDecode && !isUnspendable(script);
  let pc = 0;
  while (pc < script.length) {
    const r = readOp(script, pc);
    if (!r.ok) {
      words.push('[error]');
      break;
    }
    const { opcode, data } = r.value;
    pc = r.value.end;
    if (data === undefined) {
      words.push(opcodeName(opcode));
    } else if (data.length <= 4) {
      words.push(String(clampToInt32(decodeScriptNum(data, false))));
    } else if (decodeSigs && isValidSignatureEncoding(data) && isDefinedHashtypeSignature(data)) {
      const type = data[data.length - 1]!;
      words.push(toHex(data.subarray(0, data.length - 1)) + `[${SIGHASH_NAMES.get(type)}]`);
    } else {
      words.push(toHex(data));
    }
  }
  return words.join(' ');
}

/** Why a text is not a script, and which word (the editor marks it). */
/** Why a word is not ASM, for callers that say it in another language. */
export type AsmProblem = 'sighash' | 'oddHex' | 'pushTooBig' | 'opcode' | 'range';

export interface AsmError {
  readonly message: string;
  readonly problem: AsmProblem;
  readonly token: string;
  /** The word's place among the text's words, from 0. */
  readonly index: number;
}

export type AsmParseResult = Result<Bytes, AsmError>;

const SIGHASH_BY_NAME: ReadonlyMap<string, number> = new Map([...SIGHASH_NAMES].map(([k, v]) => [v, k]));

/**
 * Reads ASM as `toAsm` writes it: decimal numbers (≤ 4-byte script numbers), hex data pushes,
 * `<hex>[ALL]` signatures, opcode names with or without `OP_`. Pushes come out minimal, so
 * `fromAsm(toAsm(s))` gives `s` back for every script whose pushes are minimal — pushes of up to
 * 4 bytes included when they are minimal script numbers (Core prints those as numbers, lossily).
 */
export function fromAsm(text: string): AsmParseResult {
  const parts: Bytes[] = [];
  const tokens = text.split(/\s+/).filter((t) => t.length > 0);
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const refuse = (problem: AsmProblem, message: string): AsmParseResult => fail({ message, problem, token, index });
    if (/^-?\d{1,10}$/.test(token) && Math.abs(Number(token)) <= 0x7fffffff) {
      parts.push(pushNumber(Number(token)));
      continue;
    }
    const sig = /^([0-9a-fA-F]+)\[([A-Z|]+)\]$/.exec(token);
    if (sig) {
      const type = SIGHASH_BY_NAME.get(sig[2]!);
      if (type === undefined || !isHex(sig[1]!)) return refuse('sighash', `unknown sighash type [${sig[2]}]`);
      parts.push(pushData(concat(fromHex(sig[1]!), Uint8Array.of(type))));
      continue;
    }
    if (/^[0-9a-fA-F]+$/.test(token)) {
      if (token.length % 2 !== 0) return refuse('oddHex', 'hex data must have an even number of digits');
      if (token.length > 1040) return refuse('pushTooBig', 'a push may hold at most 520 bytes');
      parts.push(pushMinimal(fromHex(token)));
      continue;
    }
    const code = opcodeByName(token.startsWith('OP_') ? token : `OP_${token}`);
    if (code === undefined || code === OP.OP_PUSHDATA1 || code === OP.OP_PUSHDATA2 || code === OP.OP_PUSHDATA4) {
      return refuse('opcode', `unknown opcode ${token}`);
    }
    parts.push(Uint8Array.of(code));
  }
  return ok(concat(...parts));
}

/** Names Core's ParseScript accepts: OP_NOP…OP_NOP10 and OP_RESERVED, with or without OP_. */
const NOTATION_NAMES: ReadonlyMap<string, number> = (() => {
  const names = new Map<string, number>();
  for (let code = 0; code <= OP.OP_NOP10; code++) {
    if (code < OP.OP_NOP && code !== OP.OP_RESERVED) continue;
    const name = opcodeName(code);
    if (name === 'OP_UNKNOWN') continue;
    names.set(name, code);
    if (name.startsWith('OP_')) names.set(name.slice(3), code);
  }
  return names;
})();

/** Core's ParseScript (the notation of script_tests.json, tx_valid.json, tx_invalid.json). */
export function parseScriptNotation(text: string): AsmParseResult {
  const parts: Bytes[] = [];
  const tokens = text.split(/[ \t\n]+/).filter((t) => t.length > 0);
  for (let index = 0; index < tokens.length; index++) {
    const w = tokens[index]!;
    const refuse = (problem: AsmProblem, message: string): AsmParseResult =>
      fail({ message, problem, token: w, index });
    if (/^-?\d+$/.test(w)) {
      const n = Number(w);
      if (!Number.isSafeInteger(n) || Math.abs(n) > 0xffffffff) {
        return refuse('range', 'decimal numeric value only allowed in the range -0xFFFFFFFF...0xFFFFFFFF');
      }
      parts.push(pushNumber(n));
    } else if (w.startsWith('0x') && w.length > 2 && isHex(w.slice(2))) {
      parts.push(fromHex(w.slice(2)));
    } else if (w.length >= 2 && w.startsWith("'") && w.endsWith("'")) {
      parts.push(pushData(utf8(w.slice(1, -1))));
    } else if (NOTATION_NAMES.has(w)) {
      parts.push(Uint8Array.of(NOTATION_NAMES.get(w)!));
    } else {
      return refuse('opcode', 'unknown opcode');
    }
  }
  return ok(concat(...parts));
}
