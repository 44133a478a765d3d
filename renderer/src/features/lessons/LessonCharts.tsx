/**
 * What a lesson produced for people to look at: line, bar and scatter charts (MUI X Charts) and
 * coloured tables (the malleability lesson's mutation × rule matrix). Drawn generically from
 * the host's LessonDatum, whatever the lesson.
 */
import { Box, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { ScatterChart } from '@mui/x-charts/ScatterChart';
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { LessonDatum } from '../../../../shared/contract/views';
import { useI18n } from '../../i18n';
import { localized } from './useLesson';

type Chart = Extract<LessonDatum, { kind: 'line' | 'bar' | 'scatter' }>;
type Table = Extract<LessonDatum, { kind: 'table' }>;

const HEIGHT = 240;

/** The width the chart may use, once laid out: a chart drawn into a zero-width box draws negative rectangles. */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

function ChartView({ datum }: { readonly datum: Chart }): ReactNode {
  const [ref, width] = useWidth();
  return (
    <Box ref={ref} sx={{ height: HEIGHT, width: '100%' }}>
      {width >= 200 ? <ChartDrawing datum={datum} width={width} /> : null}
    </Box>
  );
}

function ChartDrawing({ datum, width }: { readonly datum: Chart; readonly width: number }): ReactNode {
  const { language } = useI18n();
  const xLabel = localized(datum.xLabel, language);
  const yLabel = localized(datum.yLabel, language);
  if (datum.kind === 'scatter') {
    return (
      <ScatterChart
        width={width}
        height={HEIGHT}
        xAxis={[{ label: xLabel }]}
        yAxis={[{ label: yLabel }]}
        series={datum.series.map((s, i) => ({ id: `s${i}`, label: localized(s.label, language), data: s.points.map(([x, y], k) => ({ x, y, id: k })) }))}
      />
    );
  }
  // Line and bar charts share one x axis: the union of every series' x values.
  const xs = [...new Set(datum.series.flatMap((s) => s.points.map(([x]) => x)))].sort((a, b) => a - b);
  const series = datum.series.map((s) => {
    const byX = new Map(s.points.map(([x, y]) => [x, y]));
    return { label: localized(s.label, language), data: xs.map((x) => byX.get(x) ?? null) };
  });
  if (datum.kind === 'bar') {
    return <BarChart width={width} height={HEIGHT} xAxis={[{ data: xs.map(String), scaleType: 'band', label: xLabel }]} yAxis={[{ label: yLabel }]} series={series} />;
  }
  return <LineChart width={width} height={HEIGHT} xAxis={[{ data: xs, label: xLabel }]} yAxis={[{ label: yLabel }]} series={series.map((s) => ({ ...s, showMark: xs.length <= 40 }))} />;
}

function TableView({ datum }: { readonly datum: Table }): ReactNode {
  const { language } = useI18n();
  return (
    <Table size="small" sx={{ '& td, & th': { fontSize: '0.85rem' } }}>
      <TableHead>
        <TableRow>
          <TableCell />
          {datum.columns.map((c, i) => (
            <TableCell key={i} sx={{ fontWeight: 800 }}>
              {localized(c, language)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {datum.rows.map((row, r) => (
          <TableRow key={r}>
            <TableCell sx={{ fontWeight: 700 }}>{localized(row.label, language)}</TableCell>
            {row.cells.map((cell, c) => (
              <TableCell
                key={c}
                data-tone={cell.tone ?? 'neutral'}
                sx={(theme) => ({
                  fontWeight: 800,
                  textAlign: 'center',
                  color: cell.tone === 'good' ? theme.palette.success.contrastText : cell.tone === 'bad' ? theme.palette.error.contrastText : 'inherit',
                  bgcolor: cell.tone === 'good' ? theme.palette.success.main : cell.tone === 'bad' ? theme.palette.error.main : 'transparent',
                  border: `2px solid ${theme.palette.background.paper}`,
                })}
              >
                {typeof cell.text === 'string' ? cell.text : localized(cell.text, language)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function LessonCharts({ data }: { readonly data: Readonly<Record<string, LessonDatum>> }): ReactNode {
  const { language } = useI18n();
  const entries = Object.entries(data);
  if (entries.length === 0) return null;
  return (
    <Box data-testid="lesson-charts" sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(420px, 1fr))', gap: 1.5 }}>
      {entries.map(([key, datum]) => (
        <Paper key={key} variant="outlined" data-testid={`lesson-datum-${key}`} sx={{ p: 1.5, overflowX: 'auto' }}>
          <Typography sx={{ fontWeight: 800, mb: 1 }}>{localized(datum.title, language)}</Typography>
          {datum.kind === 'table' ? <TableView datum={datum} /> : <ChartView datum={datum} />}
        </Paper>
      ))}
    </Box>
  );
}
