/**
 * What a lesson produced for people to look at: line, bar and scatter charts (MUI X Charts) and
 * coloured tables (the malleability lesson's mutation × rule matrix), drawn generically from the
 * host's LessonDatum. A figure fills the box it is given — a chart takes its height, a wide table
 * wraps its words and scrolls inside its own box — so the lesson panel and the presenter's stage
 * can lay figures beside the narration without the page scrolling.
 */
import { Box, Paper, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { ScatterChart } from '@mui/x-charts/ScatterChart';
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { LessonDatum } from '../../../../shared/contract/views';
import { useI18n } from '../../i18n';
import { localized } from './useLesson';

type Chart = Extract<LessonDatum, { kind: 'line' | 'bar' | 'scatter' }>;

/** Height of a chart's legend line (MUI X Charts draws it outside the chart's height). */
const LEGEND_PX = 30;
type TableDatum = Extract<LessonDatum, { kind: 'table' }>;

/** The size the figure may use, once laid out: a chart drawn into a zero-width box draws negative rectangles. */
function useSize(): [RefObject<HTMLDivElement | null>, { width: number; height: number }] {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) =>
      setSize({ width: Math.floor(entry?.contentRect.width ?? 0), height: Math.floor(entry?.contentRect.height ?? 0) }),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}

function ChartView({ datum, minHeight }: { readonly datum: Chart; readonly minHeight: number | string }): ReactNode {
  const [ref, size] = useSize();
  return (
    <Box ref={ref} data-testid="figure-chart" sx={{ flex: 1, minHeight, width: '100%', overflow: 'hidden' }}>
      {/* The legend is drawn above the chart's own height: leave it room, or the x axis's label is cut. */}
      {size.width >= 160 && size.height >= 100 ? (
        <ChartDrawing datum={datum} width={size.width} height={size.height - LEGEND_PX} />
      ) : null}
    </Box>
  );
}

function ChartDrawing({
  datum,
  width,
  height,
}: {
  readonly datum: Chart;
  readonly width: number;
  readonly height: number;
}): ReactNode {
  const { language } = useI18n();
  const xLabel = localized(datum.xLabel, language);
  const yLabel = localized(datum.yLabel, language);
  if (datum.kind === 'scatter') {
    return (
      <ScatterChart
        width={width}
        height={height}
        xAxis={[{ label: xLabel }]}
        yAxis={[{ label: yLabel }]}
        series={datum.series.map((s, i) => ({
          id: `s${i}`,
          label: localized(s.label, language),
          data: s.points.map(([x, y], k) => ({ x, y, id: k })),
        }))}
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
    return (
      <BarChart
        width={width}
        height={height}
        xAxis={[{ data: xs.map(String), scaleType: 'band', label: xLabel }]}
        yAxis={[{ label: yLabel }]}
        series={series}
      />
    );
  }
  // Whole x values (step numbers, races) get one tick each, not fractions between them.
  const whole = xs.every(Number.isInteger) && xs.length <= 24;
  return (
    <LineChart
      width={width}
      height={height}
      xAxis={[
        whole
          ? { data: xs, label: xLabel, tickInterval: xs, valueFormatter: (x: number) => String(x) }
          : { data: xs, label: xLabel },
      ]}
      yAxis={[{ label: yLabel }]}
      series={series.map((s) => ({ ...s, curve: 'linear' as const, showMark: xs.length <= 40 }))}
    />
  );
}

/**
 * Long tokens may break — after _ and - (SIG_HIGH_S, scriptsig-not-pushonly), every 16 digits of
 * a long hex string (a secret, a txid) — so narrow columns wrap them instead of overflowing.
 */
function breakable(text: string): string {
  return text
    .replace(/([_-])(?=\S)/g, '$1\u200b')
    .replace(/[0-9a-fA-F]{24,}/g, (hex) => hex.replace(/(.{16})(?=.)/g, '$1\u200b'));
}

function TableView({ datum, fontSize }: { readonly datum: TableDatum; readonly fontSize: number | string }): ReactNode {
  const { language } = useI18n();
  return (
    // Wide tables wrap their words; what still does not fit scrolls inside this box, never clipped.
    <Box data-testid="figure-table" sx={{ overflow: 'auto', maxWidth: '100%', minHeight: 0 }}>
      <Table
        size="small"
        sx={{ '& td, & th': { fontSize, lineHeight: 1.25, px: 0.75, py: 0.4, overflowWrap: 'break-word' } }}
      >
        {datum.columns.length > 1 ? (
          <TableHead>
            <TableRow>
              <TableCell />
              {datum.columns.map((c, i) => (
                <TableCell key={i} sx={{ fontWeight: 800, verticalAlign: 'bottom' }}>
                  {localized(c, language)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
        ) : null}
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
                    color:
                      cell.tone === 'good'
                        ? theme.palette.success.contrastText
                        : cell.tone === 'bad'
                          ? theme.palette.error.contrastText
                          : 'inherit',
                    bgcolor:
                      cell.tone === 'good'
                        ? theme.palette.success.main
                        : cell.tone === 'bad'
                          ? theme.palette.error.main
                          : 'transparent',
                    border: `2px solid ${theme.palette.background.paper}`,
                  })}
                >
                  {breakable(typeof cell.text === 'string' ? cell.text : localized(cell.text, language))}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

export interface FigureSizing {
  /** Title and table type, in px. */
  readonly fontSize: number;
  /** The least height a chart is drawn at. */
  readonly chartMinHeight: number;
  /** Sizes follow the presenter stage's fitted scale (`--stage-scale`). */
  readonly scaled?: boolean;
}

function size(px: number, sizing: FigureSizing): string | number {
  return sizing.scaled ? `calc(var(--stage-scale, 1) * ${px}px)` : px;
}

const PANEL_SIZING: FigureSizing = { fontSize: 13, chartMinHeight: 200 };

/**
 * The figures `keys` of `data`, one above the other in the box given: charts share the height
 * left by the tables.
 */
export function LessonFigures({
  data,
  keys,
  sizing = PANEL_SIZING,
}: {
  readonly data: Readonly<Record<string, LessonDatum>>;
  readonly keys: readonly string[];
  readonly sizing?: FigureSizing;
}): ReactNode {
  const { language } = useI18n();
  const shown = keys.flatMap((key) => (data[key] ? [[key, data[key]] as const] : []));
  if (shown.length === 0) return null;
  return (
    <Box
      data-testid="lesson-charts"
      sx={{ display: 'flex', flexDirection: 'column', gap: 1, height: '100%', minHeight: 0 }}
    >
      {shown.map(([key, datum]) => (
        <Paper
          key={key}
          variant="outlined"
          data-testid={`lesson-datum-${key}`}
          // Tables take their height (what does not fit makes the stage step its type down); charts share the rest.
          sx={{
            p: 1,
            display: 'flex',
            flexDirection: 'column',
            minHeight: 0,
            flex: datum.kind === 'table' ? '0 0 auto' : '1 1 0',
            overflow: 'hidden',
          }}
        >
          <Box sx={{ fontWeight: 800, fontSize: size(sizing.fontSize + 2, sizing), mb: 0.5, lineHeight: 1.25 }}>
            {localized(datum.title, language)}
          </Box>
          {datum.kind === 'table' ? (
            <TableView datum={datum} fontSize={size(sizing.fontSize, sizing)} />
          ) : (
            <ChartView datum={datum} minHeight={size(sizing.chartMinHeight, sizing)} />
          )}
        </Paper>
      ))}
    </Box>
  );
}
