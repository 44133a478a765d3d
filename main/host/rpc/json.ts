/**
 * JSON as Core prints it: amounts are numbers with exactly eight decimals (0.50000000), which
 * JSON.stringify cannot produce from a JS number. Amounts travel as `Amount` until printed.
 */
export class Amount {
  constructor(readonly sats: bigint) {}
  toString(): string {
    const negative = this.sats < 0n;
    const abs = negative ? -this.sats : this.sats;
    return `${negative ? '-' : ''}${abs / 100_000_000n}.${(abs % 100_000_000n).toString().padStart(8, '0')}`;
  }
  /** For consumers that read the value as a plain number. */
  toJSON(): number {
    return Number(this.toString());
  }
}

/** Serializes like JSON.stringify, printing Amounts with eight decimals. */
export function stringifyRpc(value: unknown, indent?: number): string {
  const marker = '@@txlab-amount:';
  // The replacer sees values after toJSON; read the original from the holder instead.
  const text = JSON.stringify(
    value,
    function (this: Record<string, unknown>, key: string, v: unknown) {
      const original = this[key];
      return original instanceof Amount ? marker + original.toString() : typeof v === 'bigint' ? v.toString() : v;
    },
    indent,
  );
  return text.replace(new RegExp(`"${marker}(-?\\d+\\.\\d{8})"`, 'g'), '$1');
}

/** Parses a BTC amount given on a command line ("0.5", 1, "1e-8" is refused) into satoshis. */
export function parseBtcAmount(value: unknown): bigint | undefined {
  const text = typeof value === 'number' ? value.toFixed(8) : typeof value === 'string' ? value.trim() : undefined;
  if (!text || !/^\d{1,8}(\.\d{1,8})?$/.test(text)) return undefined;
  const [whole, frac = ''] = text.split('.');
  return BigInt(whole!) * 100_000_000n + BigInt(frac.padEnd(8, '0'));
}
