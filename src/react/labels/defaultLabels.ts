import { commonLabels, type CommonLabels, type RingkitLocale } from './RingkitLabels.js';
import { raiseHandPanelLabels, type RaiseHandPanelLabels } from '../components/RaiseHandPanel/labels.js';

/**
 * Every label table of ringkit's components, by component. Each component adds its entry here.
 * @example const title: string = defaultLabels('en').common.you
 */
export interface RingkitLabels {
  common: CommonLabels;
  raiseHandPanel: RaiseHandPanelLabels;
}

/**
 * The built-in labels of one language.
 * @example const zh = defaultLabels('zh')
 */
export function defaultLabels(locale: RingkitLocale): RingkitLabels {
  return {
    common: commonLabels[locale],
    raiseHandPanel: raiseHandPanelLabels[locale],
  };
}
