/// <reference types="vite/client" />
import { afterEach, describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import themeCss from '../../src/react/styles/theme.css?raw';

// An app's theme is its own stylesheet, loaded before ringkit's (Vite: index.css is imported in
// main.tsx before App.tsx imports 'ringkit/styles.css'; Next.js: globals.css in the layout before
// a page's import) or after it. Either way the app's variables must win over ringkit's defaults, on
// :root, on a wrapper, and on the very element that carries data-rk-theme (as the README's
// Theming example writes it), in the light, the dark and the system-dark theme.

const appCss = `
:root { --rk-radius: 3px; }
.my-app { --rk-color-accent: #6d28d9; --rk-color-accept: #0f766e; }
`;

const added: Element[] = [];
afterEach(async () => {
  for (const element of added.splice(0)) element.remove();
  document.documentElement.removeAttribute('data-rk-theme');
  await cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'light' }] });
});

function style(css: string, where: 'first' | 'last'): void {
  const element = document.createElement('style');
  element.textContent = css;
  if (where === 'first') document.head.prepend(element);
  else document.head.append(element);
  added.push(element);
}

/** `<div class="my-app" data-rk-theme=…><div class="inner"></div></div>`: the wrapper and a component inside it. */
function mount(theme?: 'light' | 'dark'): { wrapper: HTMLElement; inner: HTMLElement } {
  const wrapper = document.body.appendChild(document.createElement('div'));
  wrapper.className = 'my-app';
  if (theme) wrapper.dataset.rkTheme = theme;
  const inner = wrapper.appendChild(document.createElement('div'));
  added.push(wrapper);
  return { wrapper, inner };
}

const read = (element: Element, name: string) => getComputedStyle(element).getPropertyValue(name).trim();

describe("the app's --rk-* variables win over ringkit's theme, whatever the stylesheet order", () => {
  for (const order of ['app first', 'app last'] as const) {
    for (const theme of ['light', 'dark', 'system dark'] as const) {
      it(`${order}, ${theme}`, async () => {
        if (theme === 'system dark') await cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
        style(themeCss, 'last');
        style(appCss, order === 'app first' ? 'first' : 'last');
        const { wrapper, inner } = mount(theme === 'system dark' ? undefined : theme);
        for (const element of [wrapper, inner]) {
          expect(read(element, '--rk-color-accent')).toBe('#6d28d9');
          expect(read(element, '--rk-color-accept')).toBe('#0f766e');
          expect(read(element, '--rk-radius')).toBe('3px');
        }
        // What the app left alone still comes from the theme it is in.
        expect(read(inner, '--rk-color-bg')).toBe(theme === 'light' ? '#ffffff' : '#1b1e24');
      });
    }
  }
});
