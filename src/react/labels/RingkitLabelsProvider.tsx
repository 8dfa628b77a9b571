import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { defaultLabels, type RingkitLabels } from './defaultLabels.js';
import type { RingkitLocale } from './commonLabels.js';

/**
 * Overrides for some labels of some components, on top of a built-in language.
 * @example const o: RingkitLabelOverrides = { incomingCall: { accept: 'Answer' } }
 */
export type RingkitLabelOverrides = { [K in keyof RingkitLabels]?: Partial<RingkitLabels[K]> };

/**
 * Props of `RingkitLabelsProvider`.
 * @example const p: RingkitLabelsProviderProps = { locale: 'zh', labels: { common: { you: '本人' } } }
 */
export interface RingkitLabelsProviderProps {
  /** The built-in language (default `'en'`). */
  locale?: RingkitLocale;
  /** Your own strings, merged over the built-in ones per component. */
  labels?: RingkitLabelOverrides;
  children?: ReactNode;
}

const LabelsContext = createContext<RingkitLabels | null>(null);

/**
 * Sets the language and any custom strings of every ringkit component below it.
 * @example
 * <RingkitLabelsProvider locale="zh" labels={{ incomingCall: { accept: '接听' } }}>
 *   <RingingDialog />
 * </RingkitLabelsProvider>
 */
export function RingkitLabelsProvider({ locale = 'en', labels, children }: RingkitLabelsProviderProps) {
  const value = useMemo(() => {
    const base = defaultLabels(locale);
    if (!labels) return base;
    const merged = { ...base } as Record<string, unknown>;
    for (const [key, table] of Object.entries(labels)) merged[key] = { ...(base as unknown as Record<string, object>)[key], ...table };
    return merged as unknown as RingkitLabels;
  }, [locale, labels]);
  return <LabelsContext.Provider value={value}>{children}</LabelsContext.Provider>;
}

const ENGLISH = defaultLabels('en');

/**
 * One component's labels: the provider's language and overrides (English without a provider),
 * then the component's own `labels` prop on top.
 * @example const labels = useRingkitLabels('incomingCall', props.labels)
 */
export function useRingkitLabels<K extends keyof RingkitLabels>(component: K, own?: Partial<RingkitLabels[K]>): RingkitLabels[K] {
  const all = useContext(LabelsContext) ?? ENGLISH;
  return useMemo(() => (own ? { ...all[component], ...own } : all[component]), [all, component, own]);
}
