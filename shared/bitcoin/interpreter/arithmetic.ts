/** Numeric opcodes (OP_1ADD … OP_WITHIN) and OP_EQUAL(VERIFY). */
import { equal } from '../bytes';
import { OP } from '../opcodes';
import { castToBool, encodeScriptNum } from '../scriptNum';
import { bool, halt, type Machine, need, num, top } from './machine';

export function arithmeticOp(m: Machine, opcode: number): boolean {
  const s = m.stack;
  switch (opcode) {
    case OP.OP_EQUAL:
    case OP.OP_EQUALVERIFY: {
      need(m, 2);
      const isEqual = equal(top(m, 2), top(m, 1));
      s.length -= 2;
      s.push(bool(isEqual));
      if (opcode === OP.OP_EQUALVERIFY) {
        if (!isEqual) halt('EQUALVERIFY');
        s.pop();
      }
      return true;
    }
    case OP.OP_1ADD:
    case OP.OP_1SUB:
    case OP.OP_NEGATE:
    case OP.OP_ABS:
    case OP.OP_NOT:
    case OP.OP_0NOTEQUAL: {
      need(m, 1);
      let n = num(m, top(m));
      switch (opcode) {
        case OP.OP_1ADD:
          n += 1;
          break;
        case OP.OP_1SUB:
          n -= 1;
          break;
        case OP.OP_NEGATE:
          n = -n;
          break;
        case OP.OP_ABS:
          n = Math.abs(n);
          break;
        case OP.OP_NOT:
          n = n === 0 ? 1 : 0;
          break;
        default:
          n = n !== 0 ? 1 : 0;
      }
      s[s.length - 1] = encodeScriptNum(n);
      return true;
    }
    case OP.OP_ADD:
    case OP.OP_SUB:
    case OP.OP_BOOLAND:
    case OP.OP_BOOLOR:
    case OP.OP_NUMEQUAL:
    case OP.OP_NUMEQUALVERIFY:
    case OP.OP_NUMNOTEQUAL:
    case OP.OP_LESSTHAN:
    case OP.OP_GREATERTHAN:
    case OP.OP_LESSTHANOREQUAL:
    case OP.OP_GREATERTHANOREQUAL:
    case OP.OP_MIN:
    case OP.OP_MAX: {
      need(m, 2);
      const a = num(m, top(m, 2));
      const b = num(m, top(m, 1));
      let n: number;
      switch (opcode) {
        case OP.OP_ADD:
          n = a + b;
          break;
        case OP.OP_SUB:
          n = a - b;
          break;
        case OP.OP_BOOLAND:
          n = a !== 0 && b !== 0 ? 1 : 0;
          break;
        case OP.OP_BOOLOR:
          n = a !== 0 || b !== 0 ? 1 : 0;
          break;
        case OP.OP_NUMEQUAL:
        case OP.OP_NUMEQUALVERIFY:
          n = a === b ? 1 : 0;
          break;
        case OP.OP_NUMNOTEQUAL:
          n = a !== b ? 1 : 0;
          break;
        case OP.OP_LESSTHAN:
          n = a < b ? 1 : 0;
          break;
        case OP.OP_GREATERTHAN:
          n = a > b ? 1 : 0;
          break;
        case OP.OP_LESSTHANOREQUAL:
          n = a <= b ? 1 : 0;
          break;
        case OP.OP_GREATERTHANOREQUAL:
          n = a >= b ? 1 : 0;
          break;
        case OP.OP_MIN:
          n = Math.min(a, b);
          break;
        default:
          n = Math.max(a, b);
      }
      s.length -= 2;
      s.push(encodeScriptNum(n));
      if (opcode === OP.OP_NUMEQUALVERIFY) {
        if (!castToBool(top(m))) halt('NUMEQUALVERIFY');
        s.pop();
      }
      return true;
    }
    case OP.OP_WITHIN: {
      need(m, 3);
      const x = num(m, top(m, 3));
      const min = num(m, top(m, 2));
      const max = num(m, top(m, 1));
      s.length -= 3;
      s.push(bool(min <= x && x < max));
      return true;
    }
    default:
      return false;
  }
}
