import { defaultLabels, type RingkitLabels, type RingkitLocale } from '../../src/react/index.js';

/**
 * The labels a story renders with (its `locale` global), so a play function finds buttons by the
 * same names in English and Chinese.
 * @example const L = storyLabels(context.globals).incomingCall; await userEvent.click(canvas.getByRole('button', { name: L.accept }))
 */
export function storyLabels(globals: Record<string, unknown>): RingkitLabels {
  return defaultLabels((globals.locale as RingkitLocale | undefined) ?? 'en');
}
