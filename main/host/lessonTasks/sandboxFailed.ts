/**
 * How a sandbox says it cannot go on: the task runner turns this into an error value (a file's
 * parameters, not a bug, led there).
 */
export class SandboxFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxFailed';
  }
}
