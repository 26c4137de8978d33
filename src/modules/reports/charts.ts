/*
 * Server-rendered, accessible charts: the geometry is computed here and drawn by
 * views/reports/_bar-chart.ejs as an <svg role="img"> with <title> and <desc>, followed by the same
 * data as a table. No client script, no CDN, and no HTML built in code (the view escapes everything).
 *
 * Two drawings of each chart: a wide one (640 units, labels beside the bars) and a narrow one (320
 * units, each label on its own line above its bar) that CSS shows on phones. One 640-unit drawing
 * scaled into a 310 px phone column made 13-unit labels 6–7 px tall; the narrow one is drawn at
 * about its own size there, so its 14-unit labels stay ≥ 12 px (test/e2e/reports-phone.test.ts).
 */

export interface Bar {
  label: string;
  value: number | null;
  /** The value as the page writes it ("62,5 %"), or why there is none ("data belum cukup"). */
  text: string;
  /** Said next to the value, e.g. "sebagian (2 hari)" for a month not over yet. */
  note: string;
  /** Drawn dashed and lighter: a bucket the period covers only in part. */
  partial: boolean;
  y: number;
  width: number;
  highlight: boolean;
}

/** The phone drawing: label line above each bar. */
export interface NarrowLayout {
  width: number;
  height: number;
  barX: number;
  barHeight: number;
  bars: { label: string; labelY: number; y: number; width: number; valueX: number; valueY: number }[];
  ticks: { x: number; text: string }[];
}

export interface BarChart {
  id: string;
  title: string;
  desc: string;
  /** SVG user units of the wide drawing; the svg scales to its container (viewBox). */
  width: number;
  height: number;
  labelWidth: number;
  barHeight: number;
  /** The end of the scale: the top tick (a round number ≥ every value). */
  max: number;
  bars: Bar[];
  /** Gridlines at round values (niceTicks), as x positions of the wide drawing with their label. */
  ticks: { x: number; text: string }[];
  narrow: NarrowLayout;
  /** Column headings of the data table. */
  labelHeading: string;
  valueHeading: string;
}

const WIDTH = 640;
const LABEL_WIDTH = 200;
const BAR = 22;
const GAP = 8;
const TOP = 24;
const N_WIDTH = 320;
const N_BAR_X = 12;
const N_VALUE_ROOM = 52;
const N_LABEL = 18;
const N_BAR = 14;
const N_GAP = 10;

/**
 * Round axis values from 0 to at least `max`: a step of 1, 2, 2.5 or 5 × 10ⁿ giving about `target`
 * intervals, the closest count winning (0/25/50/75/100 for 100; 0/50/100/150 for 127), never
 * 31,8 / 63,5 / 95,3. `integer`
 * (counts) keeps the step a whole number. Floating error is rounded away (0.1 × 3 = 0.3).
 */
export function niceTicks(max: number, opts: { target?: number; integer?: boolean } = {}): number[] {
  const target = opts.target ?? 4;
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const raw = top / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const steps = [1, 2, 2.5, 5, 10].map((f) => f * mag).filter((s) => !opts.integer || (Number.isInteger(s) && s >= 1));
  const intervals = (s: number) => Math.ceil(top / s - 1e-9);
  // The step giving the number of intervals closest to the target; on a tie, the tighter axis (2,480 → 500s up to 2,500, not 1,000s up to 3,000).
  const step = (steps.length ? steps : [1]).reduce((best, s) => {
    const d = Math.abs(intervals(s) - target) - Math.abs(intervals(best) - target);
    return d < 0 || (d === 0 && intervals(s) * s < intervals(best) * best) ? s : best;
  });
  const count = intervals(step);
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toFixed(10)));
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * A horizontal bar chart (long workshop and course names stay readable on a 360 px phone). `max`
 * fixes the scale's end (100 for percentages; rounded up to a nice tick otherwise). Null values draw
 * no bar and say "—" (or the item's `text`). `integer`: values are counts (whole-number ticks).
 */
export function barChart(opts: {
  id: string;
  title: string;
  desc: string;
  labelHeading: string;
  valueHeading: string;
  items: { label: string; value: number | null; highlight?: boolean; text?: string; note?: string; partial?: boolean }[];
  format: (n: number) => string;
  max?: number;
  integer?: boolean;
}): BarChart {
  const values = opts.items.map((i) => i.value ?? 0);
  const ticksAt = niceTicks(opts.max ?? Math.max(...values, 0), { integer: opts.integer });
  const max = ticksAt.at(-1)!;
  const plot = WIDTH - LABEL_WIDTH - 60;
  const scale = (v: number | null, room: number) => (v === null ? 0 : Math.max(0, Math.round((v / max) * room * 10) / 10));
  const bars: Bar[] = opts.items.map((item, i) => ({
    label: cut(item.label, 30),
    value: item.value,
    text: item.text ?? (item.value === null ? '—' : opts.format(item.value)),
    note: item.note ?? '',
    partial: item.partial === true,
    y: TOP + i * (BAR + GAP),
    width: scale(item.value, plot),
    highlight: item.highlight === true,
  }));
  const nPlot = N_WIDTH - N_BAR_X - N_VALUE_ROOM;
  const nBars = opts.items.map((item, i) => {
    const top = TOP + i * (N_LABEL + N_BAR + N_GAP);
    const width = scale(item.value, nPlot);
    return {
      label: cut(item.note ? `${item.label} · ${item.note}` : item.label, 42),
      labelY: top + 14,
      y: top + N_LABEL,
      width,
      valueX: N_BAR_X + width + 4,
      valueY: top + N_LABEL + 11,
    };
  });
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
    ticks: ticksAt.map((v) => ({ x: Math.round(LABEL_WIDTH + (v / max) * plot), text: opts.format(v) })),
    narrow: {
      width: N_WIDTH,
      height: TOP + Math.max(1, nBars.length) * (N_LABEL + N_BAR + N_GAP) + 4,
      barX: N_BAR_X,
      barHeight: N_BAR,
      bars: nBars,
      // Every other tick on a phone when there are many: their labels would touch.
      ticks: ticksAt.filter((_, i) => ticksAt.length <= 5 || i % 2 === 0).map((v) => ({ x: Math.round(N_BAR_X + (v / max) * nPlot), text: opts.format(v) })),
    },
    labelHeading: opts.labelHeading,
    valueHeading: opts.valueHeading,
  };
}
