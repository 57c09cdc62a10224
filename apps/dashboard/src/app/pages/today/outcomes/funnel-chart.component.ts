import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { FunnelCounts } from '@caseyos/contracts';
import { FUNNEL_STAGES, percent } from './outcome-format';

export interface FunnelBucket {
  start: string;
  /** Axis label ("3 Nov"). */
  short: string;
  /** Full name ("Week of 3 Nov"), for tooltips and the table. */
  long: string;
  counts: FunnelCounts;
}

// Chart geometry in viewBox units; the SVGs scale to the widget's width, so their height follows
// it and never jumps when the data arrives.
const WIDTH = 320;
const ROW = 28;
const LABEL_W = 64;
const VALUE_W = 72;
const BAR_MAX = WIDTH - LABEL_W - VALUE_W;
const TREND_H = 132;
const PLOT = { left: 26, right: 2, top: 10, bottom: 20 };
const PLOT_W = WIDTH - PLOT.left - PLOT.right;
const PLOT_H = TREND_H - PLOT.top - PLOT.bottom;
/** Each later stage is a subset of the one before: nested, narrower bars read as a funnel per bucket. */
const NESTED_WIDTHS = [0.8, 0.6, 0.4, 0.2];

function countsLine(counts: FunnelCounts): string {
  return `${counts.total_sent} sent, ${counts.replies} replied, ${counts.meetings} ${counts.meetings === 1 ? 'meeting' : 'meetings'}, ${counts.deals} ${counts.deals === 1 ? 'deal' : 'deals'}`;
}

/**
 * The conversion funnel drawn by hand: the window's totals as bars (sent → replied → meeting →
 * deal, with the share of sent), and per bucket the same four as nested columns. Screen readers get
 * the totals as the first chart's description and every bucket in a table.
 */
@Component({
  selector: 'cos-funnel-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg
      class="funnel"
      [attr.viewBox]="'0 0 ' + width + ' ' + funnelHeight"
      role="img"
      aria-labelledby="funnel-svg-title funnel-svg-desc"
      data-testid="funnel-chart"
    >
      <title id="funnel-svg-title">Conversion funnel, {{ windowLabel() }}</title>
      <desc id="funnel-svg-desc">{{ summary() }}</desc>
      @for (stage of stages(); track stage.key; let i = $index) {
        <g data-testid="funnel-stage" [attr.data-stage]="stage.key" [attr.data-count]="stage.count" [attr.transform]="'translate(0 ' + i * row + ')'">
          <text class="label" x="0" [attr.y]="row / 2" dominant-baseline="middle">{{ stage.label }}</text>
          <rect class="track" [attr.x]="labelWidth" y="4" [attr.width]="barMax" [attr.height]="row - 8" rx="3" />
          <rect [attr.class]="'bar stage-' + i" [attr.x]="labelWidth" y="4" [attr.width]="stage.width" [attr.height]="row - 8" rx="3" />
          <text class="value" [attr.x]="width" [attr.y]="row / 2" dominant-baseline="middle" text-anchor="end">
            <tspan class="count" data-testid="funnel-stage-count">{{ stage.count }}</tspan>
            @if (i > 0) {
              <tspan class="share" dx="4">{{ stage.share }}</tspan>
            }
          </text>
        </g>
      }
    </svg>

    <svg class="trend" [attr.viewBox]="'0 0 ' + width + ' ' + trendHeight" aria-hidden="true" data-testid="funnel-trend">
      <line class="axis" [attr.x1]="plot.left" [attr.x2]="width - plot.right" [attr.y1]="baseline" [attr.y2]="baseline" />
      <line class="grid" [attr.x1]="plot.left" [attr.x2]="width - plot.right" [attr.y1]="plot.top" [attr.y2]="plot.top" />
      <text class="tick" [attr.x]="plot.left - 4" [attr.y]="plot.top" text-anchor="end" dominant-baseline="middle">{{ trend().max }}</text>
      <text class="tick" [attr.x]="plot.left - 4" [attr.y]="baseline" text-anchor="end" dominant-baseline="middle">0</text>
      @for (column of trend().columns; track column.bucket.start) {
        <g
          data-testid="funnel-bucket"
          [attr.data-start]="column.bucket.start"
          [attr.data-sent]="column.bucket.counts.total_sent"
          [attr.data-replies]="column.bucket.counts.replies"
          [attr.data-meetings]="column.bucket.counts.meetings"
          [attr.data-deals]="column.bucket.counts.deals"
        >
          <title>{{ column.bucket.long }}: {{ column.line }}</title>
          <rect class="slot" [attr.x]="column.x" [attr.y]="plot.top" [attr.width]="column.slot" [attr.height]="plotHeight" />
          @for (bar of column.bars; track $index) {
            <rect [attr.class]="'bar stage-' + $index" [attr.x]="bar.x" [attr.y]="bar.y" [attr.width]="bar.width" [attr.height]="bar.height" />
          }
          <text class="tick" [attr.x]="column.x + column.slot / 2" [attr.y]="trendHeight - 4" text-anchor="middle">{{ column.bucket.short }}</text>
        </g>
      }
    </svg>

    <ul class="legend" aria-hidden="true">
      @for (stage of stages(); track stage.key; let i = $index) {
        <li><span [class]="'swatch stage-' + i"></span>{{ stage.label }}</li>
      }
    </ul>

    <!-- In a wrapper: a table grows to its content whatever width it is given, so it cannot hide itself. -->
    <div class="visually-hidden">
      <table data-testid="funnel-table">
        <caption>
          Outreach per bucket: how many were sent, and of those how many got a reply, a meeting and deal progress
        </caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            @for (stage of stages(); track stage.key) {
              <th scope="col">{{ stage.label }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (bucket of buckets(); track bucket.start) {
            <tr>
              <th scope="row">{{ bucket.long }}</th>
              <td>{{ bucket.counts.total_sent }}</td>
              <td>{{ bucket.counts.replies }}</td>
              <td>{{ bucket.counts.meetings }}</td>
              <td>{{ bucket.counts.deals }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    svg {
      display: block;
      width: 100%;
      height: auto;
      overflow: visible;
    }
    .trend {
      margin-top: 1rem;
    }
    text {
      fill: var(--text);
      font-size: 12px;
      font-family: var(--font);
    }
    .label {
      font-weight: 600;
    }
    .value {
      font-variant-numeric: tabular-nums;
    }
    .count {
      font-weight: 700;
    }
    .share,
    .tick {
      fill: var(--text-muted);
    }
    .tick {
      font-size: 10px;
    }
    .track,
    .slot {
      fill: var(--surface-2);
    }
    .track {
      opacity: 0.7;
    }
    .slot {
      opacity: 0.5;
    }
    .axis,
    .grid {
      stroke: var(--border);
      stroke-width: 1;
    }
    .grid {
      stroke-dasharray: 3 3;
    }
    .stage-0 {
      fill: color-mix(in srgb, var(--accent) 34%, transparent);
      background: color-mix(in srgb, var(--accent) 34%, transparent);
    }
    .stage-1 {
      fill: color-mix(in srgb, var(--accent) 52%, transparent);
      background: color-mix(in srgb, var(--accent) 52%, transparent);
    }
    .stage-2 {
      fill: color-mix(in srgb, var(--accent) 76%, transparent);
      background: color-mix(in srgb, var(--accent) 76%, transparent);
    }
    .stage-3 {
      fill: var(--accent);
      background: var(--accent);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.875rem;
      margin: 0.5rem 0 0;
      padding: 0;
      color: var(--text-muted);
      font-size: 0.75rem;
      list-style: none;
    }
    .legend li {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
    }
    .swatch {
      width: 0.625rem;
      height: 0.625rem;
      border-radius: 2px;
    }
  `,
})
export class FunnelChartComponent {
  readonly buckets = input.required<readonly FunnelBucket[]>();
  readonly totals = input.required<FunnelCounts>();
  /** "the last 6 weeks", for the chart's accessible name. */
  readonly windowLabel = input.required<string>();

  protected readonly width = WIDTH;
  protected readonly row = ROW;
  protected readonly labelWidth = LABEL_W;
  protected readonly barMax = BAR_MAX;
  protected readonly funnelHeight = ROW * FUNNEL_STAGES.length;
  protected readonly trendHeight = TREND_H;
  protected readonly plot = PLOT;
  protected readonly plotHeight = PLOT_H;
  protected readonly baseline = PLOT.top + PLOT_H;

  protected readonly stages = computed(() => {
    const totals = this.totals();
    const sent = totals.total_sent;
    return FUNNEL_STAGES.map(({ key, label }) => ({
      key,
      label,
      count: totals[key],
      width: sent > 0 ? (totals[key] / sent) * BAR_MAX : 0,
      share: percent(sent > 0 ? totals[key] / sent : null),
    }));
  });

  protected readonly summary = computed(() => {
    const [, ...later] = this.stages();
    const shares = later.map((stage) => `${stage.count} ${stage.label.toLowerCase()} (${stage.share} of sent)`).join(', ');
    return `${this.totals().total_sent} sent; ${shares}.`;
  });

  protected readonly trend = computed(() => {
    const buckets = this.buckets();
    const max = Math.max(1, ...buckets.map((bucket) => bucket.counts.total_sent));
    const slot = PLOT_W / Math.max(1, buckets.length);
    const baseline = PLOT.top + PLOT_H;
    return {
      max,
      columns: buckets.map((bucket, index) => {
        const x = PLOT.left + index * slot;
        return {
          bucket,
          x,
          slot,
          line: countsLine(bucket.counts),
          bars: FUNNEL_STAGES.map(({ key }, stage) => {
            const width = slot * NESTED_WIDTHS[stage];
            const height = (bucket.counts[key] / max) * PLOT_H;
            return { x: x + (slot - width) / 2, width, height, y: baseline - height };
          }),
        };
      }),
    };
  });
}
