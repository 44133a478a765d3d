/**
 * A P2TR output's script tree as BIP341 commits to it: the leaves (what each allows, its script,
 * TapLeaf hash and control block), the TapBranches up to the Merkle root, the tweak and the
 * output key. Read top-down: the root first, each branch's children indented under it.
 */
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { TapNodeView, TaprootTreeView } from '../../../../shared/contract/taprootViews';
import { shortHash } from '../../format/amounts';
import { useI18n } from '../../i18n';
import { MONO_STACK } from '../../theme/theme';
import { Fact, Mono } from '../common/Mono';
import { leafWords } from './leafWords';

/** A label above its value: hashes get the leaf's whole width, deep in the tree too. */
function Labelled({ label, children }: { readonly label: string; readonly children: ReactNode }): ReactNode {
  return (
    <Box sx={{ mt: 0.5 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      {children}
    </Box>
  );
}

function TreeNode({ node, tree }: { readonly node: TapNodeView; readonly tree: TaprootTreeView }): ReactNode {
  const { t, language } = useI18n();
  if (node.kind === 'branch')
    return (
      <Box data-testid="tap-branch">
        <Typography variant="body2" sx={{ fontSize: '0.82rem', color: 'text.secondary' }}>
          {t('taproot.branch')}{' '}
          <Box component="span" sx={{ fontFamily: MONO_STACK }}>
            {shortHash(node.hash, 8)}
          </Box>
        </Typography>
        <Box sx={{ pl: 1, ml: 0.5, borderLeft: 2, borderColor: 'divider' }}>
          <TreeNode node={node.children[0]} tree={tree} />
          <TreeNode node={node.children[1]} tree={tree} />
        </Box>
      </Box>
    );
  const leaf = tree.leaves[node.index]!;
  return (
    <Box data-testid={`tap-leaf-${leaf.index}`} sx={{ my: 0.75, p: 1, bgcolor: 'action.hover', borderRadius: 1 }}>
      <Typography sx={{ fontWeight: 700, fontSize: '0.9rem' }}>
        {t('taproot.leafN', { n: leaf.index })} · {leafWords(leaf, t, language)}
      </Typography>
      <Labelled label={t('taproot.script')}>
        <Mono>{leaf.asm}</Mono>
      </Labelled>
      <Labelled label={t('taproot.leafHash')}>
        <Mono>{leaf.leafHash}</Mono>
      </Labelled>
      <Labelled label={t('taproot.controlBlock')}>
        <Mono copy>{leaf.controlBlock}</Mono>
      </Labelled>
    </Box>
  );
}

export function TaprootTree({ tree }: { readonly tree: TaprootTreeView }): ReactNode {
  const { t } = useI18n();
  return (
    <Box data-testid="taproot-tree" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }}>
      <Typography sx={{ fontWeight: 800, mb: 0.5 }}>{t('taproot.tree')}</Typography>
      <Fact label={t('taproot.internalKey')}>
        {tree.nums ? t('taproot.nums') : (tree.internalOwner ?? '')}
        <Mono>{tree.internalKey}</Mono>
      </Fact>
      <Fact label={t('taproot.merkleRoot')}>
        <Mono>{tree.merkleRoot}</Mono>
      </Fact>
      <Fact label={t('taproot.tweak')}>
        <Mono>{tree.tweak}</Mono>
      </Fact>
      <Fact label={t('taproot.outputKey')}>
        <Mono copy>{tree.outputKey}</Mono>
        <Typography variant="caption" color="text.secondary">
          {t('taproot.parity', { parity: tree.parity })}
        </Typography>
      </Fact>
      <Box sx={{ mt: 1 }}>
        <TreeNode node={tree.root} tree={tree} />
      </Box>
    </Box>
  );
}
