/** Types for socketFloorWorker.mjs, which runs as a plain JavaScript worker (no TypeScript loader). */
export function work(units: number): number;
