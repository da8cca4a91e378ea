import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatUTC } from '../time/format';
import { bucketLabel, chartColumns, type Bucket } from './timeline';

const useStyles = makeStyles({
  chart: { width: '100%', minHeight: '220px', cursor: 'pointer' },
});

/** Severity colours of the chart (the same in both themes; the legend names them too). */
export const SERIES = [
  { key: 'high', label: 'High', color: '#d13438' },
  { key: 'medium', label: 'Medium', color: '#f7630c' },
  { key: 'low', label: 'Low', color: '#c19c00' },
  { key: 'informational', label: 'Informational', color: '#4f6bed' },
] as const;

interface Props {
  buckets: readonly Bucket[];
  stepMs: number;
  offsetMinutes: number;
  dark: boolean;
  /** A click on a bar. */
  onPick: (b: Bucket) => void;
  label: string;
}

/**
 * TimelineChart draws alerts per bucket as stacked bars by severity (uPlot,
 * canvas). Hovering shows the bucket's counts and its UTC start; a click
 * opens the bucket's alerts. The x axis reads in the viewer's days (the
 * buckets are aligned to the viewer's offset).
 */
export default function TimelineChart({ buckets, stepMs, offsetMinutes, dark, onPick, label }: Props) {
  const styles = useStyles();
  const host = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const data = chartColumns(buckets);
    const axis = dark ? '#d6d6d6' : '#424242';
    const grid = dark ? '#3d3d3d' : '#e0e0e0';
    const bars = uPlot.paths.bars!({ size: [0.8, 40], gap: 1 });
    const tooltip = document.createElement('div');
    tooltip.setAttribute('data-testid', 'chart-tooltip');
    Object.assign(tooltip.style, {
      position: 'absolute',
      pointerEvents: 'none',
      display: 'none',
      padding: '4px 8px',
      fontSize: '12px',
      whiteSpace: 'nowrap',
      borderRadius: '4px',
      background: dark ? '#292929' : '#ffffff',
      color: dark ? '#ffffff' : '#242424',
      border: `1px solid ${grid}`,
      zIndex: '2',
    });
    const opts: uPlot.Options = {
      width: Math.max(300, el.clientWidth),
      height: 220,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: { x: { time: true, range: (_u, min, max) => [min - stepMs / 2000, max + stepMs / 2000] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        {
          stroke: axis,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          values: (_u, splits) => splits.map((s) => bucketLabel(new Date(s * 1000).toISOString(), stepMs, offsetMinutes).slice(stepMs >= 86400_000 ? 5 : 5)),
        },
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 44, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
      ],
      series: [{}, ...SERIES.map((s) => ({ label: s.label, fill: s.color, stroke: s.color, width: 0, paths: bars, points: { show: false } }))],
      hooks: {
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            if (i == null || u.cursor.left == null || u.cursor.left < 0) {
              tooltip.style.display = 'none';
              return;
            }
            const b = buckets[i];
            if (!b) return;
            tooltip.textContent = `${bucketLabel(b.start, stepMs, offsetMinutes)}: ${b.count} alerts (high ${b.high}, medium ${b.medium}, low ${b.low}, informational ${b.informational}) · from ${formatUTC(new Date(b.start))}`;
            tooltip.style.display = 'block';
            const left = Math.min(u.cursor.left, u.over.clientWidth - 300);
            tooltip.style.left = `${Math.max(0, left)}px`;
            tooltip.style.top = '4px';
          },
        ],
      },
    };
    const plot = new uPlot(opts, data as unknown as uPlot.AlignedData, el);
    plot.over.appendChild(tooltip);
    const onClick = () => {
      const i = plot.cursor.idx;
      const b = i == null ? undefined : buckets[i];
      if (b) pick.current(b);
    };
    plot.over.addEventListener('click', onClick);
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => plot.setSize({ width: Math.max(300, el.clientWidth), height: 220 }));
    ro?.observe(el);
    return () => {
      ro?.disconnect();
      plot.over.removeEventListener('click', onClick);
      plot.destroy();
    };
  }, [buckets, stepMs, offsetMinutes, dark]);

  return <div ref={host} className={styles.chart} role="img" aria-label={label} data-testid="timeline-chart" style={{ color: tokens.colorNeutralForeground1 }} />;
}
