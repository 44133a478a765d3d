/** Reading what a published transaction revealed: every item its inputs pushed. */
import { type Bytes, equal } from '../bitcoin/bytes';
import { decodeScript } from '../bitcoin/script';
import type { TxLike } from '../bitcoin/txTypes';

/** The data pushed by input `index`'s scriptSig, then its witness items. */
function inputItems(tx: TxLike, index: number): Bytes[] {
  const input = tx.ins[index];
  if (!input) return [];
  const pushed = decodeScript(input.script).ops.flatMap((op) => (op.data ? [op.data] : []));
  return [...pushed, ...input.witness];
}

/** The first item of any input whose `hashFn` image is `hash` (a revealed secret). */
export function findPreimage(tx: TxLike, hash: Bytes, hashFn: (data: Bytes) => Bytes): Bytes | undefined {
  for (let i = 0; i < tx.ins.length; i++) {
    const found = inputItems(tx, i).find((item) => equal(hashFn(item), hash));
    if (found) return Uint8Array.from(found);
  }
  return undefined;
}
