import { playableUrl } from './builtInTones.js';

/**
 * What a ringtone player is doing: `audible` while the sound plays, `blocked` when the browser
 * refused to start it (autoplay policy: no user gesture yet), `failed` when the audio could not be
 * played for another reason (a URL that is not a sound, an unsupported format).
 * @example const { blocked }: RingtoneState = player.getState()
 */
export interface RingtoneState {
  audible: boolean;
  blocked: boolean;
  failed: boolean;
}

/**
 * A looping ringtone (or ringback) on one audio URL, without React.
 * @example
 * const player = createRingtonePlayer('/sounds/ring.mp3')
 * player.start()                                       // may end up blocked: see getState().blocked
 * button.onclick = () => void player.enable()          // from a click: rings aloud, and later calls too
 * player.stop()
 */
export interface RingtonePlayer {
  /** Starts looping (again) from the beginning; a refused start sets `blocked`. */
  start(): void;
  /** Stops and rewinds. */
  stop(): void;
  /** Call from a user gesture (a click): unlocks sound for the page and rings now if started. Resolves whether sound is allowed. */
  enable(): Promise<boolean>;
  getState(): RingtoneState;
  /** Calls `listener` after every state change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** One audio element per URL, shared by every player of that URL: an element unlocked by a gesture stays unlocked (Safari). */
const elements = new Map<string, HTMLAudioElement>();
/** The players currently ringing on each element: it pauses only when none is left. */
const ringingOn = new WeakMap<HTMLAudioElement, Set<RingtonePlayer>>();
/** Every player of each element, told when its sound fails to load or decode. */
const failureListeners = new WeakMap<HTMLAudioElement, Set<() => void>>();
/** Elements whose failure was already logged: one warning per URL, however many players. */
const warned = new WeakSet<HTMLAudioElement>();

/** The shared element of `src`, made on first use (never at import or during a render); `undefined` where there is no audio. */
function elementFor(src: string): HTMLAudioElement | undefined {
  let audio = elements.get(src);
  if (audio) return audio;
  const url = playableUrl(src);
  if (url === undefined || typeof Audio === 'undefined') return undefined;
  const created = new Audio(url);
  created.loop = true;
  created.preload = 'auto';
  elements.set(src, created);
  ringingOn.set(created, new Set());
  failureListeners.set(created, new Set());
  created.addEventListener('error', () => fail(created, src));
  return created;
}

/** A sound that cannot be loaded or decoded (a 404, an HTML page, an unknown format): one warning, every player shows it. */
function fail(audio: HTMLAudioElement, src: string): void {
  if (!warned.has(audio)) {
    warned.add(audio);
    const code = audio.error ? ` (MediaError ${audio.error.code}${audio.error.message ? `: ${audio.error.message}` : ''})` : '';
    console.warn(`ringkit: the sound ${src} could not be loaded or decoded${code}; it is not ringing.`);
  }
  failureListeners.get(audio)?.forEach((listener) => listener());
}

const isAutoplayRefusal = (error: unknown) => error instanceof DOMException && error.name === 'NotAllowedError';
const isLoadFailure = (error: unknown) => error instanceof DOMException && error.name === 'NotSupportedError';

/**
 * Creates a `RingtonePlayer` for an audio URL (looping), or for one of `builtInTones`. Nothing is
 * created until the first `start()` or `enable()`, so creating a player during a (server) render
 * is safe. A sound that fails to load or decode sets `failed` and logs one `console.warn` naming
 * the URL. Where the page has no audio (a server, jsdom for the built-in tones) it stays silent.
 * @example const ringback = createRingtonePlayer('/sounds/ringback.mp3')
 */
export function createRingtonePlayer(src: string): RingtonePlayer {
  let audio: HTMLAudioElement | undefined;
  let ringing: Set<RingtonePlayer> | undefined;
  const listeners = new Set<() => void>();
  let state: RingtoneState = { audible: false, blocked: false, failed: false };
  let wanted = false;

  const set = (next: Partial<RingtoneState>) => {
    const merged = { ...state, ...next };
    if (merged.audible === state.audible && merged.blocked === state.blocked && merged.failed === state.failed) return;
    state = merged;
    listeners.forEach((listener) => listener());
  };
  const onFailure = () => set({ audible: false, blocked: false, failed: true });

  /** The element, attached on first use. */
  const attach = (): HTMLAudioElement | undefined => {
    if (audio) return audio;
    audio = elementFor(src);
    if (!audio) return undefined;
    ringing = ringingOn.get(audio)!;
    failureListeners.get(audio)!.add(onFailure);
    if (warned.has(audio)) onFailure(); // failed before this player existed
    return audio;
  };

  const play = (element: HTMLAudioElement): Promise<boolean> => {
    let started: Promise<void> | undefined;
    try {
      started = element.play() as Promise<void> | undefined;
    } catch {
      started = undefined;
    }
    // A page without media playback (jsdom) returns nothing: stay silent.
    if (!started || typeof started.then !== 'function') return Promise.resolve(false);
    return started.then(
      () => {
        if (!wanted) {
          // Stopped while the start was pending (or only unlocking): silence again.
          if (ringing!.size === 0) element.pause();
          set({ audible: false, blocked: false, failed: false });
          return true;
        }
        set({ audible: true, blocked: false, failed: false });
        return true;
      },
      (error: unknown) => {
        if (!wanted || (error instanceof DOMException && error.name === 'AbortError')) {
          // Stopped before it started (pause() interrupts a pending play()): nothing went wrong.
          set({ audible: false });
          return false;
        }
        if (isLoadFailure(error) || element.error) {
          fail(element, src);
          return false;
        }
        const blocked = isAutoplayRefusal(error);
        set({ audible: false, blocked, failed: !blocked });
        return false;
      },
    );
  };

  const player: RingtonePlayer = {
    start() {
      const element = attach();
      if (!element) return;
      wanted = true;
      ringing!.add(player);
      if (ringing!.size === 1) element.currentTime = 0;
      void play(element);
    },
    stop() {
      wanted = false;
      if (!audio) return;
      ringing!.delete(player);
      if (ringing!.size === 0) {
        audio.pause();
        audio.currentTime = 0;
      }
      set({ audible: false, blocked: false });
    },
    enable() {
      const element = attach();
      if (!element) return Promise.resolve(false);
      if (state.failed) {
        // Try the URL again (it may have been a network hiccup); a second failure warns no more.
        set({ failed: false });
        element.load();
      }
      return play(element);
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return player;
}
