/*
 * Server-rendered, accessible charts: the geometry is computed here and drawn by
 * views/reports/_bar-chart.ejs as an <svg role="img"> with <title> and <desc>, followed by the same
 * data as a table. No client script, no CDN, and no HTML built in code (the view escapes everything).
 */

export interface Bar {
  label: string;
  value: number | null;
  /** The value as the page writes it ("62,5 %"). */
  text: string;
  y: number;
  width: number;
  highlight: boolean;
}

export interface BarChart {
  id: string;
  title: string;
  desc: string;
  /** SVG user units; the svg scales to its container (viewBox). */
  width: number;
  height: number;
  labelWidth: number;
  barHeight: number;
  max: number;
  bars: Bar[];
  /** Gridlines at 0, 25, 50, 75 and 100 % of `max`, as x positions with their label. */
  ticks: { x: number; text: string }[];
  /** Column headings of the data table. */
  labelHeading: string;
  valueHeading: string;
}

const WIDTH = 640;
const LABEL_WIDTH = 200;
const BAR = 22;
const GAP = 8;
const TOP = 24;

/**
 * A horizontal bar chart (long workshop and course names stay readable on a 360 px phone). `max`
 * fixes the scale (100 for percentages); otherwise the largest value. Null values draw no bar and
 * say "—".
 */
export function barChart(opts: {
  id: string;
  title: string;
  desc: string;
  labelHeading: string;
  valueHeading: string;
  items: { label: string; value: number | null; highlight?: boolean }[];
  format: (n: number) => string;
  max?: number;
}): BarChart {
  const values = opts.items.map((i) => i.value ?? 0);
  const max = opts.max ?? Math.max(1, ...values);
  const plot = WIDTH - LABEL_WIDTH - 60;
  const bars = opts.items.map((item, i) => ({
    label: item.label.length > 30 ? `${item.label.slice(0, 29)}…` : item.label,
    value: item.value,
    text: item.value === null ? '—' : opts.format(item.value),
    y: TOP + i * (BAR + GAP),
    width: item.value === null ? 0 : Math.max(0, Math.round((item.value / max) * plot * 10) / 10),
    highlight: item.highlight === true,
  }));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ x: Math.round(LABEL_WIDTH + f * plot), text: opts.format(Math.round(max * f * 10) / 10) }));
  return {
    id: opts.id,
    title: opts.title,
    desc: opts.desc,
    width: WIDTH,
    height: TOP + Math.max(1, bars.length) * (BAR + GAP) + 8,
    labelWidth: LABEL_WIDTH,
    barHeight: BAR,
    max,
    bars,
    ticks,
    labelHeading: opts.labelHeading,
    valueHeading: opts.valueHeading,
  };
}
