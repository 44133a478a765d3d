/**
 * Which era's consensus and which relay rules are on; a rule the era makes consensus is shown
 * locked. On a real node they are shown but cannot be switched: its rules are its own.
 */
import LockIcon from '@mui/icons-material/Lock';
import { Box, Chip, FormControl, InputLabel, MenuItem, Select, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { PolicyRule } from '../../../../shared/chain/era';
import type { ChainSummary, PolicyRuleView } from '../../../../shared/contract/views';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n } from '../../i18n';

export function PolicyControls({ chain }: { readonly chain: ChainSummary }): ReactNode {
  const { t } = useI18n();
  const { act } = useWorkspace();
  const rules = Object.entries(chain.rules) as [PolicyRule, PolicyRuleView][];
  const real = chain.backend === 'real';
  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', gap: 1.25 }}
      data-testid={`policy-${chain.id}`}
      data-disabled={real ? 'true' : 'false'}
    >
      {real ? (
        <Typography
          variant="caption"
          color="text.secondary"
          data-testid={`policy-${chain.id}-real`}
          sx={{ display: 'flex', gap: 0.5, alignItems: 'flex-start' }}
        >
          <LockIcon sx={{ fontSize: '0.95rem', mt: 0.1 }} />
          {t('chain.backend.policyReal')}
        </Typography>
      ) : null}
      <Box sx={{ display: 'flex', gap: 1 }}>
        <FormControl size="small" sx={{ flex: 1 }} disabled={real}>
          <InputLabel id={`era-${chain.id}`}>{t('chain.era')}</InputLabel>
          <Select
            labelId={`era-${chain.id}`}
            label={t('chain.era')}
            value={chain.era}
            data-testid={`era-${chain.id}`}
            onChange={(e) =>
              void act('chain.setPolicy', { chain: chain.id, era: e.target.value === '2014' ? '2014' : 'modern' })
            }
          >
            <MenuItem value="2014">{t('chain.era.2014')}</MenuItem>
            <MenuItem value="modern">{t('chain.era.modern')}</MenuItem>
          </Select>
        </FormControl>
        <FormControl size="small" sx={{ flex: 1 }} disabled={real}>
          <InputLabel id={`rbf-${chain.id}`}>RBF</InputLabel>
          <Select
            labelId={`rbf-${chain.id}`}
            label="RBF"
            value={chain.rbf}
            onChange={(e) => {
              const v = e.target.value;
              void act('chain.setPolicy', {
                chain: chain.id,
                rbf: v === 'full' ? 'full' : v === 'opt-in' ? 'opt-in' : 'off',
              });
            }}
          >
            <MenuItem value="off">{t('chain.rbf.off')}</MenuItem>
            <MenuItem value="opt-in">{t('chain.rbf.optIn')}</MenuItem>
            <MenuItem value="full">{t('chain.rbf.full')}</MenuItem>
          </Select>
        </FormControl>
      </Box>
      <Typography variant="caption" sx={{ fontWeight: 700, color: 'text.secondary' }}>
        {real ? t('chain.backend.rulesReal') : t('chain.rules')}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75 }}>
        {rules.map(([name, rule]) => (
          <Tooltip
            key={name}
            title={
              real
                ? t('chain.backend.policyReal')
                : rule.locked
                  ? t('chain.ruleLocked', { era: chain.era })
                  : rule.on
                    ? t('chain.ruleOn')
                    : t('chain.ruleOff')
            }
          >
            <span>
              <Chip
                data-testid={`rule-${chain.id}-${name}`}
                data-on={rule.on ? 'true' : 'false'}
                label={name}
                size="small"
                icon={rule.locked ? <LockIcon /> : undefined}
                color={rule.on ? 'success' : 'default'}
                variant={rule.on ? 'filled' : 'outlined'}
                disabled={rule.locked || real}
                onClick={
                  rule.locked || real
                    ? undefined
                    : () => void act('chain.setPolicy', { chain: chain.id, rules: { [name]: !rule.on } })
                }
                sx={{ fontWeight: 700, textDecoration: rule.on ? 'none' : 'line-through' }}
              />
            </span>
          </Tooltip>
        ))}
      </Box>
    </Box>
  );
}
