/**
 * Reading a scenario file, the one way every entry path does it (import, the CLI, autosave
 * restore): size and shape limits first (a hostile file is refused before it can cost anything),
 * then migrations from older versions, the schema, the rules across fields (validate.ts) and the
 * work budget (budget.ts). Every refusal is one sentence that names the problem and its JSON path.
 */
import { englishText, errText, ok, type Result } from '../contract/result';
import { refuse } from './refuse';
import { checkJsonShape, describeIssue } from '../contract/shape';

export { describeIssue };
import { checkWorkBudget } from './budget';
import { migrate } from './migrations';
import { type ScenarioFile, scenarioFileSchema } from './schema';
import { checkScenarioRules } from './validate';

export const MAX_FILE_BYTES = 20_000_000;
const MAX_DEPTH = 40;

/** UTF-8 length of a string without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function tooLarge(bytes: number): Result<never> {
  const size = (Math.min(bytes, MAX_FILE_BYTES * 10) / 1e6).toFixed(1);
  const max = MAX_FILE_BYTES / 1e6;
  return errText(
    'IMPORT_FAILED',
    bytes > MAX_FILE_BYTES * 10 ? 'file.farTooLarge' : 'file.tooLarge',
    { size, max },
    {
      detail: 'TOO_LARGE',
    },
  );
}

export function parseScenarioJson(text: string): Result<ScenarioFile> {
  const bytes = utf8Length(text);
  if (bytes > MAX_FILE_BYTES) return tooLarge(bytes);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // The parser's message quotes the file; keep it short (the caller shows it safely).
    return errText('IMPORT_FAILED', 'file.notJson', {
      reason: (e instanceof Error ? e.message : String(e)).slice(0, 160),
    });
  }
  return readScenarioValue(raw);
}

/** A parsed JSON value (an autosave's document, or a file after JSON.parse) through every check. */
export function readScenarioValue(raw: unknown): Result<ScenarioFile> {
  const shape = checkJsonShape(raw, { maxDepth: MAX_DEPTH, code: 'IMPORT_FAILED', what: 'file' });
  if (!shape.ok) return shape;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return errText('IMPORT_FAILED', 'file.notObject');
  const record = raw as Record<string, unknown>;
  if (record['format'] !== 'txlab-scenario') return refuse('format', 'file.notScenario');
  const migrated = migrate(record);
  if (!migrated.ok) return migrated;
  const parsed = scenarioFileSchema.safeParse(migrated.value);
  if (!parsed.success) {
    const { path, text } = describeIssue(parsed.error.issues[0]!);
    return { ok: false, error: { code: 'IMPORT_FAILED', message: englishText(text), path, text } };
  }
  const checked = checkScenarioRules(parsed.data);
  if (!checked.ok) return checked;
  const budget = checkWorkBudget(checked.value);
  return budget.ok ? ok(checked.value) : budget;
}

export function serializeScenario(file: ScenarioFile): string {
  return JSON.stringify(file, null, 1);
}
