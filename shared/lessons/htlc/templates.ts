/**
 * The HTLC lesson's palette templates: C2a/C2b with the HTLC output, Alice's timeout path
 * (HT1a, HTRD1a, HTBR1a), Bob's execution path (HE1b, HERD1b) and the breach remedy HBR1a. The
 * defaults are the seed's (0.1 in the HTLC, three days, state 2); set `hash` to use your own R.
 */
import { fromHex } from '../../bitcoin/bytes';
import { buildHtlcCommitment, buildHtlcTx, htlcTxName, type HtlcTxKind } from '../../protocols/htlc';
import { rsmcTxName, type Side } from '../../protocols/rsmc';
import type { NodeTemplate } from '../host';
import { built } from '../templateKit';
import { channel } from '../rsmcChannel/templates';

function htlcTemplate(id: string, holder: Side, kind: HtlcTxKind | 'C'): NodeTemplate {
  const label = kind === 'C' ? rsmcTxName('C', 2, holder) : `${kind}1${holder === 'alice' ? 'a' : 'b'}`;
  return {
    id,
    label,
    async build(ctx, params) {
      const c = await channel(ctx, params, true);
      if (!c.ok) return c;
      const { params: ch, state, p } = c.value;
      if (kind === 'C') return built(buildHtlcCommitment(ch, state, holder), rsmcTxName('C', state.n, holder));
      return built(
        buildHtlcTx(ch, state, holder, kind, p.preimage ? { preimage: fromHex(p.preimage) } : {}),
        htlcTxName(kind, state.htlc!, holder),
      );
    },
  };
}

export const HTLC_TEMPLATES: readonly NodeTemplate[] = [
  htlcTemplate('htlc-commitment-a', 'alice', 'C'),
  htlcTemplate('htlc-timeout', 'alice', 'HT'),
  htlcTemplate('htlc-timeout-delivery', 'alice', 'HTRD'),
  htlcTemplate('htlc-timeout-breach-remedy', 'alice', 'HTBR'),
  htlcTemplate('htlc-breach-remedy', 'alice', 'HBR'),
  htlcTemplate('htlc-commitment-b', 'bob', 'C'),
  htlcTemplate('htlc-execution', 'bob', 'HE'),
  htlcTemplate('htlc-execution-delivery', 'bob', 'HERD'),
];
