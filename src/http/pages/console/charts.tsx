/**
 * Bar charts drawn on the server as inline SVG: no script, no chart service, nothing fetched.
 * The SVG carries no text (it would shrink to nothing at 360 px); its name, summary and
 * scale are HTML beside it, and every number is in a table (docs/console.md).
 */

const BAR = 8; // viewBox units per day; the SVG scales to the column's width
const HEIGHT = 120;

export interface ChartLine {
  value: number;
  color: string;
  dash: string;
}

export interface BarChartProps {
  /** Ids of the elements that name and summarise the chart (aria-labelledby). */
  labelledBy: string;
  days: readonly string[];
  /** One per day; null draws no bar (a day with nothing to measure). */
  values: readonly (number | null)[];
  /** The value at the top of the scale. */
  top: number;
  kind: string;
  /** Horizontal lines across the chart, at these values. */
  lines?: readonly ChartLine[];
}

export function BarChart({ labelledBy, days, values, top, kind, lines = [] }: BarChartProps) {
  const width = days.length * BAR;
  const y = (value: number) => HEIGHT - (top > 0 ? (value / top) * HEIGHT : 0);
  return (
    <svg class="chart" width="100%" height="128" viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-labelledby={labelledBy} data-chart={kind}>
      <line x1="0" y1={HEIGHT} x2={width} y2={HEIGHT} stroke="#5a5a5a" stroke-width="2" vector-effect="non-scaling-stroke" />
      {values.map((value, i) =>
        value === null ? null : (
          <rect x={i * BAR + 1} y={y(value)} width={BAR - 2} height={HEIGHT - y(value)} fill="#0b4f9c" data-day={days[i]} data-value={String(value)} />
        ),
      )}
      {lines.map((line) => (
        <line x1="0" y1={y(line.value)} x2={width} y2={y(line.value)} stroke={line.color} stroke-width="2" stroke-dasharray={line.dash} vector-effect="non-scaling-stroke" data-line={String(line.value)} />
      ))}
    </svg>
  );
}

/** A round number at or above the largest value, so the scale reads plainly (1, 2, 5, 10, 20, …). */
export function scaleTop(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].map((step) => step * power).find((top) => top >= max) ?? 10 * power);
}
