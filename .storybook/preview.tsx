import type { Decorator, Preview } from '@storybook/react-vite';
import { RingkitLabelsProvider, type RingkitLocale } from '../src/react/index.js';
import { closeLoopbackUsers } from '../stories/support/ringkitUsers.js';
import '../src/react/styles.css';
import './preview.css';

/** Every story in the chosen theme and language, on the theme's background. */
const withRingkitTheme: Decorator = (Story, { globals }) => (
  <RingkitLabelsProvider locale={(globals.locale as RingkitLocale | undefined) ?? 'en'}>
    <div className="rk-story-canvas" data-rk-theme={globals.theme ?? 'light'}>
      <Story />
    </div>
  </RingkitLabelsProvider>
);

/** Console errors collected while the current story renders and plays. */
let consoleErrors: unknown[][] = [];

const preview: Preview = {
  globalTypes: {
    theme: {
      description: 'ringkit theme (data-rk-theme)',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
    locale: {
      description: 'ringkit labels (RingkitLabelsProvider locale)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'zh', title: '简体中文' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en' },
  decorators: [withRingkitTheme],
  parameters: {
    layout: 'fullscreen',
    // Every axe violation fails the story's test (in Chromium, so colour contrast is checked too).
    a11y: { test: 'error' },
  },
  beforeEach() {
    consoleErrors = [];
    const original = console.error;
    console.error = (...args: unknown[]) => {
      consoleErrors.push(args);
      original(...args);
    };
    return () => {
      console.error = original;
      closeLoopbackUsers();
    };
  },
  // A story that logs an error fails, even when its play function passed.
  afterEach() {
    if (consoleErrors.length > 0) {
      throw new Error(`console.error during the story:\n${consoleErrors.map((args) => args.map(String).join(' ')).join('\n')}`);
    }
  },
};

export default preview;
