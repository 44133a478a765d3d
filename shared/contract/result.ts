/** Expected failures are values, never exceptions across a transport. */
import { en, type MessageKey } from '../ui/i18n/en';

export const CONTRACT_ERROR_CODES = [
  'BAD_REQUEST', // the request did not pass its schema
  'UNKNOWN_METHOD',
  'NOT_FOUND', // a wallet, workspace, transaction, block … that does not exist
  'INVALID_STATE', // the request is well-formed but not possible now
  'REJECTED', // the chain refused a transaction (reason in message, Core-style)
  'SCRIPT_ERROR', // a script failed (Core's error name in `detail`)
  'KEYSTORE_LOCKED',
  'IMPORT_FAILED', // a scenario or file could not be imported (path says where)
  'BACKEND_UNAVAILABLE', // a real node could not be reached
  'CANCELLED',
  'INTERNAL', // a bug: the host caught an exception
] as const;

export type ContractErrorCode = (typeof CONTRACT_ERROR_CODES)[number];

export interface ContractError {
  readonly code: ContractErrorCode;
  /** A sentence a person understands. */
  readonly message: string;
  /** Where in the request or file the problem is (a JSON path such as `graph.nodes[3].fields.amount`). */
  readonly path?: string;
  /** Machine-readable detail, e.g. a Core reject reason or a script error name. */
  readonly detail?: string;
  /** The same sentence as a catalogue key, so the page can say it in the reader's language (`message` is its English). */
  readonly text?: HostText;
  /** Where the problem arose, said before `text` (a lesson's step and action): `message` starts with its English. */
  readonly where?: HostText;
}

/** Words for a person by catalogue key (shared/ui/i18n): the page translates them, the CLI prints `message`. */
export interface HostText {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** A catalogue message in English, its `{placeholders}` filled (what `message` carries next to `text`). */
export function englishText(text: HostText): string {
  const template: string = en[text.key];
  const params = text.params;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/**
 * Every success-or-failure in TxLab has this one shape. The error type defaults to the contract's
 * (what crosses a transport); engine layers name their own, in their domain's words: a Core
 * reject reason for the chain, a script error for the VM, the offending token for the ASM parser.
 */
export type Result<T, E = ContractError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

/** A failure with an engine's own error value (`err` makes the contract's). */
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });

export function err(
  code: ContractErrorCode,
  message: string,
  extra: { path?: string; detail?: string } = {},
): Result<never> {
  return { ok: false, error: { code, message, ...extra } };
}

/** A contract error from a failure that may carry catalogue words (a chain action's), keeping them for the page. */
export function errFrom(
  code: ContractErrorCode,
  failure: { readonly message: string; readonly text?: HostText },
): Result<never> {
  return { ok: false, error: { code, message: failure.message, ...(failure.text ? { text: failure.text } : {}) } };
}

/** A failed chain action in catalogue words: `message` in English, `text` for the page. */
export function failedText(
  key: MessageKey,
  params?: Readonly<Record<string, string | number>>,
): { readonly op: 'failed'; readonly message: string; readonly text: HostText } {
  const text: HostText = params ? { key, params } : { key };
  return { op: 'failed', message: englishText(text), text };
}

/** A contract error whose words come from the catalogue: `message` in English, `text` for the page to translate. */
export function errText(
  code: ContractErrorCode,
  key: MessageKey,
  params?: Readonly<Record<string, string | number>>,
  extra: { path?: string; detail?: string } = {},
): Result<never> {
  const text: HostText = params ? { key, params } : { key };
  return { ok: false, error: { code, message: englishText(text), ...extra, text } };
}

/**
 * A refusal that wraps another's (a file's `handovers[2]: …`): `where` says the wrapping words
 * before the inner refusal's own, so the page says both in the reader's language. An inner
 * refusal without catalogue words (or already wrapped) stays an English sentence.
 */
export function errWithin(
  code: ContractErrorCode,
  where: HostText,
  inner: { readonly message: string; readonly text?: HostText; readonly where?: HostText },
  extra: { path?: string; detail?: string } = {},
): Result<never> {
  const message = `${englishText(where)}${inner.message}`;
  const words = inner.text && !inner.where ? { text: inner.text, where } : {};
  return { ok: false, error: { code, message, ...extra, ...words } };
}
