import { useEffect, useState } from 'react';
import type { DemoLanguage } from './labels.js';

/**
 * Theme (the system's until the user chooses) and language (English until chosen); a choice is remembered in localStorage; both are applied to `<html>` (`data-rk-theme`, `lang`).
 * @example const [prefs, setPrefs] = usePreferences(); setPrefs({ ...prefs, theme: 'dark' })
 */
export interface Preferences {
  theme: 'light' | 'dark';
  language: DemoLanguage;
}

const KEY = 'ringkit-demo-preferences';

/** The system's colour scheme; English (the language is only ever the user's choice). */
function fromBrowser(): Preferences {
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  return { theme: dark ? 'dark' : 'light', language: 'en' };
}

/** The choice saved in this browser, else what the browser prefers. */
function initial(): Preferences {
  const preferred = fromBrowser();
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Preferences> | null;
    return {
      theme: saved?.theme === 'dark' || saved?.theme === 'light' ? saved.theme : preferred.theme,
      language: saved?.language === 'zh' || saved?.language === 'en' ? saved.language : preferred.language,
    };
  } catch {
    return preferred;
  }
}

/** The demo's preferences and their setter (a choice made is remembered; until then the theme follows the system). */
export function usePreferences(): [Preferences, (next: Preferences) => void] {
  const [prefs, setPrefs] = useState(initial);
  useEffect(() => {
    document.documentElement.dataset.rkTheme = prefs.theme;
    document.documentElement.lang = prefs.language === 'zh' ? 'zh-CN' : 'en';
  }, [prefs]);
  const choose = (next: Preferences) => {
    localStorage.setItem(KEY, JSON.stringify(next));
    setPrefs(next);
  };
  return [prefs, choose];
}
