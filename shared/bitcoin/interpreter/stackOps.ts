/** Stack and altstack manipulation (OP_TOALTSTACK … OP_TUCK, OP_SIZE, OP_DEPTH). */
import { OP } from '../opcodes';
import { castToBool, clampToInt32, encodeScriptNum } from '../scriptNum';
import { halt, type Machine, need, num, pop, top } from './machine';

function swap(stack: Uint8Array[], i: number, j: number): void {
  const a = stack[stack.length - i]!;
  stack[stack.length - i] = stack[stack.length - j]!;
  stack[stack.length - j] = a;
}

/** Returns false if the opcode is not a stack operation. */
export function stackOp(m: Machine, opcode: number): boolean {
  const s = m.stack;
  switch (opcode) {
    case OP.OP_TOALTSTACK:
      m.altStack.push(pop(m));
      return true;
    case OP.OP_FROMALTSTACK:
      if (m.altStack.length < 1) halt('INVALID_ALTSTACK_OPERATION');
      s.push(m.altStack.pop()!);
      return true;
    case OP.OP_2DROP:
      need(m, 2);
      s.length -= 2;
      return true;
    case OP.OP_2DUP: {
      need(m, 2);
      const a = top(m, 2);
      const b = top(m, 1);
      s.push(a, b);
      return true;
    }
    case OP.OP_3DUP: {
      need(m, 3);
      const a = top(m, 3);
      const b = top(m, 2);
      const c = top(m, 1);
      s.push(a, b, c);
      return true;
    }
    case OP.OP_2OVER: {
      need(m, 4);
      const a = top(m, 4);
      const b = top(m, 3);
      s.push(a, b);
      return true;
    }
    case OP.OP_2ROT: {
      need(m, 6);
      const [a, b] = s.splice(s.length - 6, 2);
      s.push(a!, b!);
      return true;
    }
    case OP.OP_2SWAP:
      need(m, 4);
      swap(s, 4, 2);
      swap(s, 3, 1);
      return true;
    case OP.OP_IFDUP:
      need(m, 1);
      if (castToBool(top(m))) s.push(top(m));
      return true;
    case OP.OP_DEPTH:
      s.push(encodeScriptNum(s.length));
      return true;
    case OP.OP_DROP:
      pop(m);
      return true;
    case OP.OP_DUP:
      need(m, 1);
      s.push(top(m));
      return true;
    case OP.OP_NIP:
      need(m, 2);
      s.splice(s.length - 2, 1);
      return true;
    case OP.OP_OVER:
      need(m, 2);
      s.push(top(m, 2));
      return true;
    case OP.OP_PICK:
    case OP.OP_ROLL: {
      need(m, 2);
      const n = clampToInt32(num(m, top(m)));
      s.pop();
      if (n < 0 || n >= s.length) halt('INVALID_STACK_OPERATION');
      const value = top(m, n + 1);
      if (opcode === OP.OP_ROLL) s.splice(s.length - n - 1, 1);
      s.push(value);
      return true;
    }
    case OP.OP_ROT:
      need(m, 3);
      swap(s, 3, 2);
      swap(s, 2, 1);
      return true;
    case OP.OP_SWAP:
      need(m, 2);
      swap(s, 2, 1);
      return true;
    case OP.OP_TUCK:
      need(m, 2);
      s.splice(s.length - 2, 0, top(m));
      return true;
    case OP.OP_SIZE:
      need(m, 1);
      s.push(encodeScriptNum(top(m).length));
      return true;
    default:
      return false;
  }
}
