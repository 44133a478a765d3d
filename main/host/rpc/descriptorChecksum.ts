/**
 * An output descriptor's checksum (BIP380; Core's DescriptorChecksum, script/descriptor.cpp): a
 * BCH code over the descriptor's characters, 8 characters of the Bech32 alphabet.
 */
const INPUT_CHARSET =
  '0123456789()[],\'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#"\\ ';
const CHECKSUM_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0xf5dee51989n, 0xa9fdca3312n, 0x1bab10e32dn, 0x3706b1677an, 0x644d626ffdn];

function polyMod(c: bigint, value: number): bigint {
  const top = c >> 35n;
  let next = ((c & 0x7ffffffffn) << 5n) ^ BigInt(value);
  for (const [i, g] of GENERATOR.entries()) if ((top >> BigInt(i)) & 1n) next ^= g;
  return next;
}

/** The checksum of `descriptor` (without `#`); undefined for a character descriptors do not use. */
export function descriptorChecksum(descriptor: string): string | undefined {
  let c = 1n;
  let groupClass = 0;
  let groupCount = 0;
  for (const ch of descriptor) {
    const pos = INPUT_CHARSET.indexOf(ch);
    if (pos < 0) return undefined;
    // The low 5 bits of each character, then every three characters' high bits as one more symbol.
    c = polyMod(c, pos & 31);
    groupClass = groupClass * 3 + (pos >> 5);
    if (++groupCount === 3) {
      c = polyMod(c, groupClass);
      groupClass = 0;
      groupCount = 0;
    }
  }
  if (groupCount > 0) c = polyMod(c, groupClass);
  for (let i = 0; i < 8; i++) c = polyMod(c, 0);
  c ^= 1n;
  let out = '';
  for (let j = 0; j < 8; j++) out += CHECKSUM_CHARSET[Number((c >> BigInt(5 * (7 - j))) & 31n)];
  return out;
}

/** `descriptor#checksum`, as Core prints a descriptor. */
export function withChecksum(descriptor: string): string {
  return `${descriptor}#${descriptorChecksum(descriptor) ?? ''}`;
}
