/**
 * How an input spends a P2TR output with a script tree: the key path (one signature, nothing
 * revealed) or one leaf (its script and control block go in the witness). A hashlock leaf asks
 * for the preimage. The host writes the witness template (graph.setSpendPath); Sign fills it.
 */
import { Box, Button, FormControl, InputLabel, MenuItem, Select, TextField, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import type { InputView, NodeView, OutputView } from '../../../../shared/contract/views';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n } from '../../i18n';
import { leafWords } from './leafWords';

const NOT_CHOSEN = '__none__';

/** The output an input spends, from the workspace view (a draft's output carries its tree). */
function spentOutput(nodes: readonly NodeView[], input: InputView): OutputView | undefined {
  const ref = input.prevout;
  if (!ref?.node) return undefined;
  return nodes.find((n) => n.id === ref.node)?.outputs[ref.output ?? 0];
}

export function SpendPath({ node, input }: { readonly node: NodeView; readonly input: InputView }): ReactNode {
  const { t, language } = useI18n();
  const { view, act } = useWorkspace();
  const tree = spentOutput(view?.nodes ?? [], input)?.taprootTree;
  const current = input.taprootPath === undefined || input.taprootPath === 'none' ? NOT_CHOSEN : input.taprootPath;
  const [pending, setPending] = useState<number | undefined>(undefined);
  const [preimage, setPreimage] = useState('');
  if (!tree) return null;
  const draft = node.kind === 'draft';

  const choose = (path: 'key' | number, withPreimage?: string) =>
    act(
      'graph.setSpendPath',
      { node: node.id, input: input.index, path, ...(withPreimage ? { preimage: withPreimage } : {}) },
      { title: t('taproot.spendBy') },
    );

  const selected = pending ?? current;
  return (
    <Box data-testid={`spend-path-${input.index}`} sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <FormControl size="small" fullWidth disabled={!draft}>
        <InputLabel>{t('taproot.spendBy')}</InputLabel>
        <Select
          label={t('taproot.spendBy')}
          value={String(selected)}
          data-testid={`spend-path-select-${input.index}`}
          // A leaf's words are long: the chosen one wraps rather than being cut off.
          sx={{ '& .MuiSelect-select': { whiteSpace: 'normal' } }}
          onChange={(e) => {
            const next = e.target.value;
            if (next === 'key') {
              setPending(undefined);
              void choose('key');
              return;
            }
            const leaf = tree.leaves[Number(next)];
            if (!leaf) return;
            if (leaf.form.kind === 'hash') return setPending(leaf.index);
            setPending(undefined);
            void choose(leaf.index);
          }}
        >
          <MenuItem value={NOT_CHOSEN} disabled>
            {t('taproot.notChosen')}
          </MenuItem>
          <MenuItem value="key" disabled={tree.nums} data-testid={`spend-path-${input.index}-key`}>
            {tree.nums ? t('taproot.noKeyPath') : t('taproot.keyPath')}
          </MenuItem>
          {tree.leaves.map((leaf) => (
            <MenuItem
              key={leaf.index}
              value={String(leaf.index)}
              data-testid={`spend-path-${input.index}-leaf-${leaf.index}`}
            >
              {t('taproot.leafPath', { n: leaf.index, what: leafWords(leaf, t, language) })}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {selected === 'key' ? (
        <Typography variant="caption" color="text.secondary">
          {t('taproot.keyPathHint')}
        </Typography>
      ) : null}
      {pending !== undefined ? (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <TextField
            size="small"
            label={t('taproot.preimage')}
            value={preimage}
            onChange={(e) => setPreimage(e.target.value.trim().toLowerCase())}
            slotProps={{ htmlInput: { 'data-testid': `spend-preimage-${input.index}`, spellCheck: false } }}
            sx={{ flex: 1 }}
          />
          <Button
            variant="contained"
            disabled={!/^(?:[0-9a-f]{2})+$/.test(preimage)}
            data-testid={`spend-preimage-apply-${input.index}`}
            onClick={() =>
              void choose(pending, preimage).then((r) => {
                if (r.ok) setPending(undefined);
              })
            }
          >
            {t('taproot.usePreimage')}
          </Button>
        </Box>
      ) : null}
    </Box>
  );
}
