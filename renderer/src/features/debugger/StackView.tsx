/** A stack, top first: each item's bytes in hex and its length, so a duplicated key or an empty (false) item is plain to see. */
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { MONO_STACK } from '../../theme/theme';

export function StackView({
  title,
  items,
  testId,
  changedFrom,
}: {
  readonly title: string;
  readonly items: readonly string[];
  readonly testId: string;
  readonly changedFrom?: readonly string[] | undefined;
}): ReactNode {
  const { t } = useI18n();
  // Top of stack first, as people draw it.
  const top = [...items].reverse();
  // Counted from the bottom: an item is new if the stack before this step had something else there.
  const isFresh = (bottomIndex: number): boolean =>
    changedFrom !== undefined && changedFrom[bottomIndex] !== items[bottomIndex];
  return (
    <Box data-testid={testId} sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, minWidth: 0 }}>
      <Typography variant="caption" sx={{ fontWeight: 800, color: 'text.secondary' }}>
        {title} · {items.length === 1 ? t('debugger.oneItem') : t('debugger.items', { n: items.length })}
      </Typography>
      {top.length === 0 ? (
        <Typography sx={{ fontStyle: 'italic', color: 'text.disabled', fontSize: '0.85rem' }}>
          {t('debugger.empty')}
        </Typography>
      ) : (
        top.map((item, i) => {
          const fresh = isFresh(top.length - 1 - i);
          return (
            <Box
              key={`${i}-${item}`}
              data-testid="stack-item"
              data-hex={item}
              sx={{
                display: 'flex',
                gap: 1,
                alignItems: 'baseline',
                p: 0.75,
                borderRadius: 1,
                border: 1,
                borderColor: fresh ? 'primary.main' : 'divider',
                bgcolor: fresh ? 'action.selected' : 'background.paper',
              }}
            >
              <Typography component="span" sx={{ fontSize: '0.72rem', color: 'text.secondary', minWidth: 28 }}>
                {i === 0 ? t('debugger.top') : `#${top.length - 1 - i}`}
              </Typography>
              <Typography
                component="span"
                sx={{ fontFamily: MONO_STACK, fontSize: '0.8rem', wordBreak: 'break-all', flex: 1 }}
              >
                {item === '' ? t('debugger.emptyItem') : item}
              </Typography>
              <Typography component="span" sx={{ fontSize: '0.72rem', color: 'text.secondary', whiteSpace: 'nowrap' }}>
                {item.length === 2 ? t('debugger.oneByte') : t('debugger.bytes', { n: item.length / 2 })}
              </Typography>
            </Box>
          );
        })
      )}
    </Box>
  );
}
