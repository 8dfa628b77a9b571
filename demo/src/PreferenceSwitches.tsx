import { useDemoLabels, type DemoLanguage } from './labels.js';
import type { Preferences } from './usePreferences.js';

/**
 * The theme (light/dark) and language (English/中文) switches.
 * @example <PreferenceSwitches prefs={prefs} onChange={setPrefs} />
 */
export function PreferenceSwitches({ prefs, onChange }: { prefs: Preferences; onChange: (next: Preferences) => void }) {
  const t = useDemoLabels();
  return (
    <div className="demo-switches">
      <label>
        {t.theme}{' '}
        <select value={prefs.theme} onChange={(e) => onChange({ ...prefs, theme: e.target.value === 'dark' ? 'dark' : 'light' })}>
          <option value="light">{t.light}</option>
          <option value="dark">{t.dark}</option>
        </select>
      </label>
      <label>
        {t.language}{' '}
        <select value={prefs.language} onChange={(e) => onChange({ ...prefs, language: e.target.value as DemoLanguage })}>
          <option value="en">English</option>
          <option value="zh">中文</option>
        </select>
      </label>
    </div>
  );
}
