export type ElectronBinary =
  { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

export function resolveElectronBinary(options: {
  cwd: string;
  onOutput?: (line: string) => void;
}): Promise<ElectronBinary>;
