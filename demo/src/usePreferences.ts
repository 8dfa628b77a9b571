import { useEffect, useState } from 'react';
import type { DemoLanguage } from './labels.js';

/**
 * Theme and language, remembered in localStorage and applied to `<html>` (`data-rk-theme`, `lang`).
 * @example const [prefs, setPrefs] = usePreferences(); setPrefs({ ...prefs, theme: 'dark' })
 */
export interface Preferences {
  theme: 'light' | 'dark';
  language: DemoLanguage;
}

const KEY = 'ringkit-demo-preferences';

function initial(): Preferences {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Preferences> | null;
    return { theme: saved?.theme === 'dark' ? 'dark' : 'light', language: saved?.language === 'zh' ? 'zh' : 'en' };
  } catch {
    return { theme: 'light', language: 'en' };
  }
}

/** The demo's preferences and their setter. */
export function usePreferences(): [Preferences, (next: Preferences) => void] {
  const [prefs, setPrefs] = useState(initial);
  useEffect(() => {
    localStorage.setItem(KEY, JSON.stringify(prefs));
    document.documentElement.dataset.rkTheme = prefs.theme;
    document.documentElement.lang = prefs.language === 'zh' ? 'zh-CN' : 'en';
  }, [prefs]);
  return [prefs, setPrefs];
}
