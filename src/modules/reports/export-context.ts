import type { TFunction } from 'i18next';
import type { Formatters } from '../../platform/i18n';
import type { ExportContext } from './export';
import type { ReportView } from './reports.service';

/**
 * The context block of an export: which workshop (or all of LIK Takaru), the period, the moment the
 * figures are taken at (the period's end, or now; WIB), who generated the file and when (WIB).
 */
export function exportContext(view: ReportView, opts: { t: TFunction; lng: string; fmt: Formatters; generatedBy: string; now: Date }): ExportContext {
  const { t, fmt } = opts;
  const workshop = view.filters.workshop ? (view.workshopNames.get(view.filters.workshop) ?? '') : t('reports:export.all_workshops');
  const trade = view.filters.trade ? t(`catalogue:trades.${view.filters.trade}`) : t('reports:export.all_trades');
  return {
    lng: opts.lng,
    title: t('reports:title'),
    lines: [
      [t('reports:export.workshop'), workshop],
      [t('reports:export.trade'), trade],
      [t('reports:export.period'), `${fmt.date(view.filters.from)} – ${fmt.date(view.filters.to)}`],
      [t('reports:export.as_of'), fmt.dateTime(view.report.period.asOf)],
      [t('reports:export.generated_by'), opts.generatedBy],
      [t('reports:export.generated_at'), fmt.dateTime(opts.now)],
    ],
  };
}
