/**
 * A lesson is one module (issue 12 §4): one folder under shared/lessons/ holding its builder,
 * paths, tasks, templates and words, registered in one list (shared/lessons/index.ts). These
 * checks fail when a lesson folder is left out of the list, when a listed lesson lacks a
 * catalogue or its two catalogues differ in keys, when a lesson's task or template is not reached
 * through the list, and when a lesson grows a second half in main/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf } from '../../../scripts/layers';
import { BUILTINS, LESSON_OWN_TASKS, LESSON_TEMPLATES } from '../../../shared/lessons';
import type { NodeTemplate } from '../../../shared/lessons/host';
import type { Catalogue } from '../../../shared/lessons/narration';
import { taskOf } from '../../../shared/lessons/runners';
import type { BuiltinScenario } from '../../../shared/lessons/types';
import type { LessonTaskName } from '../../../shared/scenario/lessonTasks';

const root = join(import.meta.dirname, '..', '..', '..');
const lessonsDir = join(root, 'shared', 'lessons');

const subfolders = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
const lessonFolders = subfolders(lessonsDir).filter((name) => existsSync(join(lessonsDir, name, 'lesson.ts')));

async function exportsOf(folder: string, file: string): Promise<Record<string, unknown>> {
  const path = join(lessonsDir, folder, file);
  return existsSync(path) ? ((await import(path)) as Record<string, unknown>) : {};
}

async function scenarioOf(folder: string): Promise<BuiltinScenario | undefined> {
  const exported = Object.values(await exportsOf(folder, 'lesson.ts'));
  return exported.find((v): v is BuiltinScenario => BUILTINS.includes(v as BuiltinScenario));
}

/** Every entry of a catalogue as `path: text|sentence`, groups walked into. */
function keysOf(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [`${prefix}${key}: text`]
      : typeof value === 'function'
        ? [`${prefix}${key}: sentence`]
        : keysOf(value, `${prefix}${key}.`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(e.name) ? [path] : [];
  });
}

describe('the lesson registry', () => {
  it('finds lesson folders to check', () => {
    expect(lessonFolders.length).toBeGreaterThanOrEqual(8);
  });

  it('lists every lesson folder, and nothing else', async () => {
    const listed: string[] = [];
    for (const folder of lessonFolders) {
      const scenario = await scenarioOf(folder);
      expect(scenario, `shared/lessons/${folder}/lesson.ts is not in LESSONS (shared/lessons/index.ts)`).toBeDefined();
      listed.push(scenario!.name);
    }
    expect([...listed].sort()).toEqual(BUILTINS.map((b) => b.name).sort());
  });

  it('gives every listed lesson en and zh catalogues with the same keys', async () => {
    for (const folder of lessonFolders) {
      const { en } = (await exportsOf(folder, 'en.ts')) as { en?: Catalogue };
      const { zh } = (await exportsOf(folder, 'zh.ts')) as { zh?: Catalogue };
      expect(en, `shared/lessons/${folder}/en.ts exports en`).toBeDefined();
      expect(zh, `shared/lessons/${folder}/zh.ts exports zh`).toBeDefined();
      const enKeys = keysOf(en!);
      expect(enKeys).toContain('title: text');
      expect(keysOf(zh!), folder).toEqual(enKeys);
    }
  });

  it("reaches every lesson's own tasks and templates through the list", async () => {
    const templates = new Set(LESSON_TEMPLATES);
    const tasks = new Set<string>();
    for (const folder of lessonFolders) {
      for (const value of Object.values(await exportsOf(folder, 'templates.ts'))) {
        if (!Array.isArray(value)) continue;
        for (const t of value as NodeTemplate[]) expect(templates.has(t), `${folder}: template ${t.id}`).toBe(true);
      }
      for (const value of Object.values(await exportsOf(folder, 'tasks.ts'))) {
        if (typeof value !== 'object' || value === null) continue;
        for (const name of Object.keys(value)) tasks.add(name);
      }
    }
    expect(tasks.size).toBeGreaterThan(0);
    for (const name of tasks) {
      expect(Object.keys(LESSON_OWN_TASKS), name).toContain(name);
      expect(typeof taskOf(name as LessonTaskName).run, name).toBe('function');
    }
    expect([...tasks].sort()).toEqual(Object.keys(LESSON_OWN_TASKS).sort());
  });

  it('has no half of a lesson in main/: no lesson folder there, no import of a lesson folder', () => {
    const main = join(root, 'main');
    expect(existsSync(join(main, 'lessons')), 'main/lessons/ (a lesson is one folder in shared/lessons/)').toBe(false);
    const lessonNamed = (dir: string): string[] =>
      subfolders(dir).flatMap((name) => {
        const path = join(dir, name);
        return [...(lessonFolders.includes(name) ? [relative(root, path)] : []), ...lessonNamed(path)];
      });
    expect(lessonNamed(main)).toEqual([]);
    const reachesIn = sourceFiles(main).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .map((ref) => relative(root, join(file, '..', ref.specifier)).replaceAll('\\', '/'))
        .filter((target) => lessonFolders.some((folder) => target.startsWith(`shared/lessons/${folder}/`)))
        .map((target) => `${relative(root, file)} → ${target}`),
    );
    expect(reachesIn, 'main/ reaches a lesson only through shared/lessons/index.ts').toEqual([]);
  });
});
