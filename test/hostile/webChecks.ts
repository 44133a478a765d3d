/**
 * Playing a case against the browser-mode host and judging it: import + lesson.goto step by step
 * for a file, the raw frames for a socket case; then the ending, the messages, the view.
 */
import type { FileCase, WsCase } from './corpus/types';
import { endingProblems, looksLikeCrash, missingShown, names, rawUnsafe, type Actual } from './outcome';
import type { Answer, ContractError, HostClient } from './webRunner';

export interface Played {
  readonly actual: Actual;
  /** The error that ended it (a refusal, a failing step, a crash). */
  readonly error?: ContractError;
  /** workspace.get after a played or failed lesson. */
  readonly view?: unknown;
}

const isCrash = (error: ContractError): boolean =>
  error.code === 'INTERNAL' || error.code === 'SOCKET_CLOSED' || looksLikeCrash(error.message);

export async function playFile(client: HostClient, c: FileCase): Promise<Played> {
  const imported = await client.call('workspace.import', { json: c.text });
  if (!imported.ok) return { actual: isCrash(imported.error) ? 'crashed' : 'refused', error: imported.error };
  const lesson = (imported.value as { lesson?: { position: number; steps: readonly unknown[] } }).lesson;
  for (let position = (lesson?.position ?? 0) + 1; position <= (lesson?.steps.length ?? 0); position++) {
    const step = await client.call('lesson.goto', { position });
    if (!step.ok) {
      const view = await client.call('workspace.get', {});
      return {
        actual: isCrash(step.error) ? 'crashed' : 'failed',
        error: step.error,
        ...(view.ok ? { view: view.value } : {}),
      };
    }
  }
  const view = await client.call('workspace.get', {});
  if (!view.ok) return { actual: 'crashed', error: view.error };
  return { actual: 'played', view: view.value };
}

/** Every string (and key) of a value that carries a raw control or bidi character. */
export function unsafeStrings(value: unknown, path = 'view'): string[] {
  if (typeof value === 'string') {
    const raw = rawUnsafe(value);
    return raw ? [`${path}: ${raw}`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => unsafeStrings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(rawUnsafe(k) ? [`${path} key ${JSON.stringify(k)}`] : []),
      ...unsafeStrings(v, `${path}.${k}`),
    ]);
  }
  return [];
}

export function fileProblems(c: FileCase, played: Played): string[] {
  const problems: string[] = [];
  const error = played.error;
  if (played.actual === 'crashed') problems.push(`crashed: ${error?.code}: ${error?.message.slice(0, 300)}`);
  problems.push(...endingProblems(played.actual, c.expect, { text: error?.message ?? '', path: error?.path }));
  if (error) {
    if (error.message.includes('\n'))
      problems.push(`the message is not one line: ${JSON.stringify(error.message.slice(0, 300))}`);
    const raw = rawUnsafe(error.message);
    if (raw) problems.push(`the message carries a raw control or bidi character: ${raw}`);
  }
  if (played.view !== undefined) {
    problems.push(...unsafeStrings(played.view).slice(0, 5));
    const text = JSON.stringify(played.view);
    if (played.actual === 'played' || played.actual === 'failed')
      for (const missing of missingShown(text, c.expect.shows?.view ?? []))
        problems.push(`the view does not show ${missing}`);
  }
  return problems;
}

/** The id a frame carries, read the way the transport would (a frame without one gets a transport.error event). */
export function frameId(text: string): number | undefined {
  const m = /^\{"kind":"invoke","id":(\d+),/.exec(text);
  return m ? Number(m[1]) : undefined;
}

export function frameProblems(frame: WsCase['frames'][number], answer: Answer, index: number): string[] {
  const at = `frame ${index + 1}`;
  if (answer.ok) return frame.answer === 'ok' ? [] : [`${at} was answered ok; expected ${frame.answer}`];
  const { code, message, path } = answer.error;
  const problems: string[] = [];
  if (isCrash(answer.error)) problems.push(`${at} crashed: ${code}: ${message.slice(0, 300)}`);
  else if (frame.answer === 'ok') problems.push(`${at} failed with ${code}; expected ok`);
  else if (frame.answer !== 'error' && code !== frame.answer)
    problems.push(`${at} answered ${code}; expected ${frame.answer}`);
  if (frame.field && !names(message, frame.field) && !(path && names(path, frame.field)))
    problems.push(`${at}'s error does not name ${frame.field}: ${message.slice(0, 200)}`);
  if (message.includes('\n')) problems.push(`${at}'s message is not one line`);
  return problems;
}
