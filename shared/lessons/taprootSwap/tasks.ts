/** The Taproot swap lesson's own task: a spend beside the seed's version of it (compare.ts). */
import { z } from 'zod';
import { type OwnTask, ownTask } from '../host';
import { compareTask } from './compare';

const taprootCompareParams = z
  .object({
    key: z
      .string()
      .min(1)
      .max(50)
      .regex(/^[A-Za-z0-9_.-]+$/),
    node: z.string().min(1).max(64),
    kind: z.enum(['key-path', 'hashlock', 'refund']),
    contract: z.enum(['Tx1', 'Tx3']),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    start: z.number().int().min(1).max(0xffffffff),
  })
  .strict();

/** Typed here, not inferred: the list's types (shared/lessons/index.ts) are made from this one. */
export const TAPROOT_SWAP_TASKS: { readonly 'taproot-compare': OwnTask<typeof taprootCompareParams> } = {
  'taproot-compare': ownTask(taprootCompareParams, {
    run: (host, p) => compareTask(host, p),
    // The view it reads, and two small transactions built and measured.
    cost: (_p, _file, view) => view + 5,
  }),
};
