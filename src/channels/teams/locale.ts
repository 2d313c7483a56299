import type { Lang } from '../../core/lang';

interface LocaleActivity {
  locale?: string;
  entities?: unknown[];
}

/** The Teams client's language when it is one Sofo speaks: `activity.locale`, else the clientInfo entity's. */
export function localeLang(activity: LocaleActivity): Lang | undefined {
  const clientInfo = (activity.entities ?? []).find(
    (e): e is { locale: string } =>
      (e as { type?: unknown })?.type === 'clientInfo' &&
      typeof (e as { locale?: unknown }).locale === 'string',
  );
  const locale = (activity.locale ?? clientInfo?.locale ?? '').toLowerCase();
  if (locale.startsWith('en')) return 'en';
  if (locale.startsWith('sv')) return 'sv';
  return undefined;
}
