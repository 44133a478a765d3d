/**
 * Atomic file replacement: a reader (or the next start after a crash) sees either the old file
 * or the new one, never a mix. Write a temp file in the same folder (rename is atomic only within
 * one filesystem), fsync it, rename it over the target, then fsync the folder so the rename itself
 * survives a power cut.
 *
 * IO failures (permissions, a full disk) reject the promise; callers turn them into Result values.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMP_SUFFIX = '.tmp';

function tempPrefix(target: string): string {
  return `.${basename(target)}.`;
}

/** Temp name: hidden, next to the target, unique per write so two writers never share one. */
function tempPathFor(target: string): string {
  return join(dirname(target), `${tempPrefix(target)}${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

function isTempFileOf(target: string, fileName: string): boolean {
  return fileName.startsWith(tempPrefix(target)) && fileName.endsWith(TEMP_SUFFIX);
}

async function fsyncDirectory(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; there, rename's own durability is all we get.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface WriteOptions {
  /** File permissions of the new file (e.g. 0o600 for key material). Default 0o600: everything we write is private. */
  readonly mode?: number;
}

export async function writeFileAtomic(target: string, bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
  const temp = tempPathFor(target);
  // 'wx': never follow or reuse an existing file at the temp name.
  const handle = await open(temp, 'wx', options.mode ?? 0o600);
  let renamed = false;
  try {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
    await handle.sync();
    await handle.close();
    await rename(temp, target);
    renamed = true;
    await fsyncDirectory(dirname(target));
  } finally {
    if (!renamed) {
      await handle.close().catch(() => undefined); // already closed when rename failed
      await unlink(temp).catch(() => undefined);
    }
  }
}

/** Renames `from` over `to` (same folder, so atomic) and makes the rename durable like a write. */
export async function renameDurably(from: string, to: string): Promise<void> {
  await rename(from, to);
  await fsyncDirectory(dirname(to));
}

/** The file's bytes, or undefined when it does not exist. */
export async function readFileIfExists(path: string): Promise<Uint8Array | undefined> {
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Removes a file; a missing file is not an error. */
export async function removeFileIfExists(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return;
    throw error;
  }
}

/**
 * Deletes temp files a killed writer left next to `target`. Call it on open, before any write of
 * this process starts (a temp file of a live writer in this process would be removed too).
 * Returns the names removed.
 */
export async function removeStaleTempFiles(target: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dirname(target));
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return [];
    throw error;
  }
  const stale = names.filter((name) => isTempFileOf(target, name));
  for (const name of stale) await removeFileIfExists(join(dirname(target), name));
  return stale;
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
