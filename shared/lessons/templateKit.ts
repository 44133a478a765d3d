/**
 * What the lessons' palette templates share (shared/lessons/<name>/templates.ts): a builder's
 * result as a node, strict parameters, inputs left for the user to connect, and placeholder
 * secrets. The keys come from the host through the template's context (host.ts).
 */
import { z } from 'zod';
import { utf8 } from '../bitcoin/bytes';
import { sha256 } from '../bitcoin/hashes';
import { err, ok, type Result } from '../contract/result';
import { type ProtocolError, type ProtocolResult, SEQUENCE_FINAL } from '../protocols/types';
import type { TxDraft } from '../workspace/model';
import { EMPTY_UNLOCK } from '../workspace/unlock';

export const COIN = 100_000_000n;
export const name = z.string().min(1).max(40);
export const sats = z.string().regex(/^\d{1,16}$/);
export const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

export function built(r: ProtocolResult<TxDraft>, label: string): Result<{ label: string; tx: TxDraft }> {
  return r.ok ? ok({ label, tx: r.value }) : refused(r.error);
}

/** A builder's refusal as the form's: its English, its catalogue words for the page, the parameter it names. */
export function refused(error: ProtocolError): Result<never> {
  const path = error.path ? { path: `params.${error.path}` } : {};
  return { ok: false, error: { code: 'BAD_REQUEST', message: error.message, ...path, text: error.text } };
}

export function parse<T extends z.ZodType>(schema: T, params: Readonly<Record<string, unknown>>): Result<z.output<T>> {
  const r = schema.safeParse(params);
  if (r.success) return ok(r.data);
  const issue = r.error.issues[0]!;
  return err('BAD_REQUEST', issue.message, { path: ['params', ...issue.path.map(String)].join('.') });
}

/** Placeholder secrets for a template made from the palette: set `hash` to use your own. */
export const PLACEHOLDER_R = utf8('R');
export const PLACEHOLDER_X = sha256(utf8('X'));

/** Inputs the user connects by dragging a coin onto them. */
export const unconnected = (n: number) =>
  Array.from({ length: n }, () => ({ sequence: SEQUENCE_FINAL, unlock: EMPTY_UNLOCK }));
