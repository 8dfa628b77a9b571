import { createFocusTrap } from 'focus-trap';
import { useEffect, type RefObject } from 'react';

/**
 * Traps focus inside `ref` while mounted (focus-trap): focus starts on the element `initialFocus`
 * selects (else the container), Tab and Shift+Tab cycle inside, clicks outside do nothing, and
 * focus returns where it was when the trap ends. Escape is left to the component.
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>, initialFocus: string): void {
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const trap = createFocusTrap(container, {
      initialFocus: () => container.querySelector<HTMLElement>(`${initialFocus}:not(:disabled)`) ?? container,
      fallbackFocus: container,
      escapeDeactivates: false,
      clickOutsideDeactivates: false,
      allowOutsideClick: false,
      returnFocusOnDeactivate: true,
      // No layout in jsdom, and nothing in a ringkit dialog is hidden by CSS: skip the display check.
      tabbableOptions: { displayCheck: 'none' },
    });
    trap.activate();
    return () => void trap.deactivate();
  }, [ref, initialFocus]);
}
