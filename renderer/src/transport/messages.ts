/** Schemas for what arrives from the host: nothing from outside is trusted by its type alone. */
import { z } from 'zod';
import { CONTRACT_ERROR_CODES, err, type Result } from '../../../shared/contract/result';
import type { EventMessage } from '../../../shared/contract/wire';
import { en, type MessageKey } from '../../../shared/ui/i18n/en';

/** Catalogue words from the host (the page and the host are built together: an unknown key is malformed). */
const hostTextSchema = z.object({
  key: z.custom<MessageKey>((k) => typeof k === 'string' && Object.hasOwn(en, k)),
  params: z.record(z.string(), z.union([z.string(), z.number()])).exactOptional(),
});

const contractErrorSchema = z.object({
  code: z.enum(CONTRACT_ERROR_CODES),
  message: z.string(),
  path: z.string().exactOptional(),
  detail: z.string().exactOptional(),
  text: hostTextSchema.exactOptional(),
  where: hostTextSchema.exactOptional(),
});

const resultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: contractErrorSchema }),
]);

const eventMessageSchema = z.object({ kind: z.literal('event'), event: z.string(), payload: z.unknown() });

export const serverMessageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('result'),
    id: z.number().int().nonnegative(),
    result: resultSchema,
    /** Events that happened before the answer, handled before it (shared/contract/wire.ts). */
    events: z.array(eventMessageSchema).optional(),
  }),
  eventMessageSchema,
]);

/** An answer that is not a Result is the host's bug; the caller still gets a Result. */
export function toResult(answer: unknown): Result<unknown> {
  const parsed = resultSchema.safeParse(answer);
  return parsed.success ? parsed.data : err('INTERNAL', 'The host sent a malformed answer.');
}

export function toEvent(message: unknown): EventMessage | undefined {
  const parsed = eventMessageSchema.safeParse(message);
  return parsed.success ? parsed.data : undefined;
}
