/**
 * Monthly trend. uPlot (≈45 KB) is imported only here, inside the leader chunk, so volunteers never download it;
 * the same numbers are always shown as a table too (charts are not readable for everyone).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { TrendPoint } from '../../shared/report/trend';
import { lt } from './messages';

/** `serverFigures`: the figures above are the server's roll-up, but this trend is computed on the phone (the server
 *  sends no months), so the chart says so. */
export function TrendChart({ points, serverFigures = false }: { points: TrendPoint[]; serverFigures?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (cancelled || !box.current) return;
      const width = Math.max(280, box.current.clientWidth);
      chart = new UPlot({
        width, height: 220,
        scales: { x: { time: false } },
        legend: { live: false }, // names and colours only: the table below has the numbers (live values showed "--")
        axes: [{ values: (_u: unknown, ticks: number[]) => ticks.map((i) => points[i]?.label ?? '') }, {}],
        series: [
          { label: lt('trend.month') },
          { label: lt('trend.visited'), stroke: '#0b6e4f', width: 3 },
          { label: lt('trend.visits'), stroke: '#1f5fa8', width: 2, dash: [6, 4] },
          { label: lt('trend.done'), stroke: '#b35c00', width: 2 },
        ],
      }, [points.map((_, i) => i), points.map((p) => p.visitedHouseholds), points.map((p) => p.visits), points.map((p) => p.itemsDone)], box.current);
    }).catch(() => { /* chart unavailable: the table below still has every number */ });
    return () => { cancelled = true; chart?.destroy(); };
  }, [points]);
  return (
    <section class="card stack" aria-labelledby="trend-h">
      <h2 id="trend-h">{lt('trend')}</h2>
      {serverFigures && <p class="small muted" data-testid="trend-from-phone">{lt('trend.fromPhone')}</p>}
      <div ref={box} class="chart" aria-hidden="true" data-testid="trend-chart" />
      <div class="table-scroll" tabIndex={0} role="region" aria-label={lt('trend')}>
        <table class="state sticky-names" data-testid="trend-table">
          <thead><tr><th scope="col">{lt('trend.month')}</th><th scope="col">{lt('trend.visited')}</th><th scope="col">{lt('trend.visits')}</th><th scope="col">{lt('trend.done')}</th></tr></thead>
          <tbody>{points.map((p) => <tr key={p.month}><th scope="row">{p.label}</th><td class="num">{p.visitedHouseholds}</td><td class="num">{p.visits}</td><td class="num">{p.itemsDone}</td></tr>)}</tbody>
        </table>
      </div>
    </section>
  );
}
