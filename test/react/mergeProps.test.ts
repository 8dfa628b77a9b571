import { describe, expect, it, vi } from 'vitest';
import { mergeProps } from '../../src/react/index.js';

describe('mergeProps', () => {
  it('chains handlers in order, joins classNames, merges styles and lets the last bag win otherwise', () => {
    const calls: string[] = [];
    const merged = mergeProps(
      { onClick: () => calls.push('library'), className: 'rk-button', style: { color: 'red', margin: 1 }, disabled: false, title: 'a' },
      { onClick: () => calls.push('app'), className: 'mine', style: { color: 'blue' }, disabled: true, title: undefined as string | undefined },
    );
    merged.onClick();
    expect(calls).toEqual(['library', 'app']);
    expect(merged.className).toBe('rk-button mine');
    expect(merged.style).toEqual({ color: 'blue', margin: 1 });
    expect(merged.disabled).toBe(true);
    expect(merged.title).toBe('a');
  });

  it('returns the last handler result and skips empty classNames', () => {
    const second = vi.fn(() => 2);
    const merged = mergeProps({ onKeyDown: () => 1, className: '' }, { onKeyDown: second, className: 'x' });
    expect(merged.onKeyDown()).toBe(2);
    expect(merged.className).toBe('x');
  });
});
