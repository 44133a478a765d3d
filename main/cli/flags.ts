/** `--flags F`: standard, consensus, 2014, or a comma list of Core's flag names. */
import { CONSENSUS_FLAGS, F, FLAGS_2014, fillFlags, parseFlagNames, STANDARD_FLAGS } from '../../shared/bitcoin/flags';
import { usage } from './io';

/** Core enforces push-only scriptSigs through IsStandardTx; the engine does it with SIGPUSHONLY. */
export const STANDARD_WITH_PUSHONLY = STANDARD_FLAGS | F.SIGPUSHONLY;

export function parseFlagsOption(text: string | undefined): number {
  const value = (text ?? 'standard').trim();
  if (value === 'standard') return STANDARD_WITH_PUSHONLY;
  if (value === 'consensus') return CONSENSUS_FLAGS;
  if (value === '2014') return FLAGS_2014;
  const parsed = parseFlagNames(value);
  if (!parsed.ok) usage(`unknown flag "${parsed.unknown}" (use standard, consensus, 2014, or Core's names such as P2SH,WITNESS,DERSIG)`);
  const filled = fillFlags(parsed.flags);
  if (filled !== parsed.flags) usage(`flags "${value}" are not a valid combination: WITNESS needs P2SH and CLEANSTACK needs WITNESS`);
  return parsed.flags;
}
