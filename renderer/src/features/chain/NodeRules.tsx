/**
 * Whose rules the chain's node applies: Bitcoin Core, or Litecoin Core 0.21 with the list of
 * what it does differently (docs/litecoin-rules.md). Both name their node in the panel's title;
 * only a Litecoin node lists differences, near the top, where a projector shows them.
 */
import { Box, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { ChainSummary, NodeRulesView } from '../../../../shared/contract/views';
import { formatRate, groupDigits, satsToCoins } from '../../format/amounts';
import { useI18n, type MessageKey } from '../../i18n';

const NODE_NAME: Readonly<Record<NodeRulesView['follows'], MessageKey>> = {
  'bitcoin-core': 'chain.nodeRules.bitcoinCore',
  'litecoin-core-0.21': 'chain.nodeRules.litecoinCore',
};

/** "8400000000000000" sat → "84,000,000" coins. */
function wholeCoins(sats: string): string {
  const [whole = '', fraction] = satsToCoins(sats, { trim: true }).split('.');
  return fraction ? `${groupDigits(whole)}.${fraction}` : groupDigits(whole);
}

/** One rule in the line, after the title (the first) or a dot. */
function Rule({
  testId,
  first,
  children,
}: {
  readonly testId: string;
  readonly first?: boolean;
  readonly children: string;
}): ReactNode {
  return (
    <>
      <span aria-hidden>{first ? ' ' : ' · '}</span>
      <span data-testid={testId}>{children}</span>
    </>
  );
}

/** The node whose rules the chain follows, after the chain's name in the panel's title. */
export function NodeName({ chain }: { readonly chain: ChainSummary }): ReactNode {
  const { t } = useI18n();
  const { follows } = chain.nodeRules;
  const name = (
    <Typography
      component="span"
      data-testid={`node-rules-${chain.id}`}
      data-follows={follows}
      color="text.secondary"
      sx={{ fontWeight: 700, fontSize: 'inherit' }}
    >
      {' · '}
      {t(NODE_NAME[follows])}
    </Typography>
  );
  return follows === 'bitcoin-core' ? name : <Tooltip title={t('chain.nodeRules.litecoinHint')}>{name}</Tooltip>;
}

/** On a chain whose node is Litecoin Core: what it does differently from Bitcoin Core, one line each. */
export function NodeRules({ chain }: { readonly chain: ChainSummary }): ReactNode {
  const { t } = useI18n();
  const rules = chain.nodeRules;
  if (rules.follows === 'bitcoin-core') return null;
  const id = `node-rules-${chain.id}`;
  return (
    <Tooltip title={t('chain.nodeRules.source')} placement="top-start">
      <Typography
        data-testid={`${id}-list`}
        sx={{
          border: 1,
          borderColor: 'info.main',
          borderRadius: 1,
          px: 1,
          py: 0.5,
          bgcolor: 'action.hover',
          fontSize: '0.88rem',
          lineHeight: 1.45,
        }}
      >
        <Box component="span" sx={{ fontWeight: 800 }}>
          {t('chain.nodeRules.title')}
        </Box>
        <Rule testId={`${id}-maxMoney`} first>
          {t('chain.nodeRules.maxMoney', { amount: wholeCoins(rules.maxMoney), unit: chain.unit })}
        </Rule>
        <Rule testId={`${id}-dust`}>{t('chain.nodeRules.dust', { rate: formatRate(rules.dustRelayFeeRate) })}</Rule>
        {rules.replacementDefault === 'off' ? (
          <Rule testId={`${id}-replacement`}>{t('chain.nodeRules.noReplacement')}</Rule>
        ) : null}
        {rules.mwebPegins ? <Rule testId={`${id}-mweb`}>{t('chain.nodeRules.mweb')}</Rule> : null}
        {rules.emptyIfError === 'UNBALANCED_CONDITIONAL' ? (
          <Rule testId={`${id}-emptyIf`}>{t('chain.nodeRules.emptyIf', { error: rules.emptyIfError })}</Rule>
        ) : null}
      </Typography>
    </Tooltip>
  );
}
