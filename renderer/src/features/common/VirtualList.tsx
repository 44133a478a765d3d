/**
 * A list that stays fast with thousands of rows: only the rows on screen are in the DOM
 * (TanStack Virtual), and rows are fetched from the host a page at a time as they scroll in.
 */
import { Box, Skeleton } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

const PAGE_SIZE = 200;

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** Rows by index, fetched in pages; everything is dropped when `resetKey` changes (a new block, a new tip). */
export function usePagedRows<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T> | undefined>,
  resetKey: string,
) {
  const [rows, setRows] = useState<{
    readonly key: string;
    readonly total: number;
    readonly byIndex: ReadonlyMap<number, T>;
  }>({ key: '', total: 0, byIndex: new Map() });
  const requested = useRef(new Set<number>());
  const generation = useRef(resetKey);

  const load = useCallback(
    async (page: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      const key = generation.current;
      const result = await fetchPage(page * PAGE_SIZE, PAGE_SIZE);
      if (!result || key !== generation.current) return;
      setRows((current) => {
        const byIndex = new Map(current.key === key ? current.byIndex : []);
        result.items.forEach((item, i) => byIndex.set(page * PAGE_SIZE + i, item));
        return { key, total: result.total, byIndex };
      });
    },
    [fetchPage],
  );

  useEffect(() => {
    generation.current = resetKey;
    requested.current = new Set();
    void load(0);
  }, [resetKey, load]);

  const current = rows.key === resetKey ? rows : { key: resetKey, total: rows.total, byIndex: new Map<number, T>() };
  return {
    total: current.total,
    row: (index: number) => current.byIndex.get(index),
    ensure: (index: number) => void load(Math.floor(index / PAGE_SIZE)),
  };
}

export interface VirtualListProps<T> {
  readonly total: number;
  readonly row: (index: number) => T | undefined;
  readonly ensure: (index: number) => void;
  readonly rowHeight: number;
  readonly render: (item: T, index: number) => ReactNode;
  readonly testId?: string;
  readonly empty?: ReactNode;
}

export function VirtualList<T>({
  total,
  row,
  ensure,
  rowHeight,
  render,
  testId,
  empty,
}: VirtualListProps<T>): ReactNode {
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => parent.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    for (const item of items) if (row(item.index) === undefined) ensure(item.index);
  }, [items, row, ensure]);
  return (
    <Box
      ref={parent}
      data-testid={testId}
      data-total={total}
      sx={{ flex: 1, minHeight: 0, overflowY: 'auto', position: 'relative' }}
    >
      {total === 0 ? empty : null}
      <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {items.map((item) => {
          const value = row(item.index);
          return (
            <Box
              key={item.key}
              data-index={item.index}
              sx={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: rowHeight,
                transform: `translateY(${item.start}px)`,
              }}
            >
              {value === undefined ? (
                <Skeleton variant="text" sx={{ mx: 1, height: rowHeight }} />
              ) : (
                render(value, item.index)
              )}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
