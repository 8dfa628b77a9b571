import type { StorybookConfig } from '@storybook/react-vite';

/** Storybook for ringkit: stories drive the real engine in the page through the loopback transport. */
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
};

export default config;
