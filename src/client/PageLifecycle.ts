/**
 * What the page lifecycle asks of the client.
 * @example new PageLifecycle({ isDisconnected: () => false, leave: () => client.leave(), rejoin: () => client.connect() })
 */
export interface PageLifecycleHooks {
  isDisconnected(): boolean;
  /** The page is hidden for good: tell the server this device is leaving. */
  leave(): void;
  /** The page came back from the back/forward cache after `leave`. */
  rejoin(): void;
}

/**
 * Follows the page's lifecycle where there is one (browsers): `pagehide` leaves, and a page
 * restored from the back/forward cache (`pageshow` with `persisted`) connects again.
 * @example const page = new PageLifecycle(hooks); page.watch(true)
 */
export class PageLifecycle {
  private leftWithPage = false;

  constructor(private readonly hooks: PageLifecycleHooks) {}

  private readonly onPageHide = (): void => {
    if (this.hooks.isDisconnected()) return;
    this.leftWithPage = true;
    this.hooks.leave();
  };

  private readonly onPageShow = (event: Event): void => {
    if (!this.leftWithPage || !(event as PageTransitionEvent).persisted) return;
    this.leftWithPage = false;
    this.hooks.rejoin();
  };

  /** Starts (true) or stops (false) listening; harmless to repeat. */
  watch(on: boolean): void {
    if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return;
    const method = on ? 'addEventListener' : 'removeEventListener';
    window[method]('pagehide', this.onPageHide);
    window[method]('pageshow', this.onPageShow);
  }
}
