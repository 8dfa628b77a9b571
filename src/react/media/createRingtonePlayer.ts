/**
 * What a ringtone player is doing: `audible` while the sound plays, `blocked` when the browser
 * refused to start it (autoplay policy: no user gesture yet), `failed` when the audio could not be
 * played for another reason (bad URL, unsupported format).
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

function elementFor(src: string): HTMLAudioElement {
  let audio = elements.get(src);
  if (!audio) {
    audio = new Audio(src);
    audio.loop = true;
    audio.preload = 'auto';
    elements.set(src, audio);
    ringingOn.set(audio, new Set());
  }
  return audio;
}

const isAutoplayRefusal = (error: unknown) => error instanceof DOMException && error.name === 'NotAllowedError';

/**
 * Creates a `RingtonePlayer` for an audio URL (looping; the app supplies the file).
 * @example const ringback = createRingtonePlayer('/sounds/ringback.mp3')
 */
export function createRingtonePlayer(src: string): RingtonePlayer {
  const audio = elementFor(src);
  const ringing = ringingOn.get(audio)!;
  const listeners = new Set<() => void>();
  let state: RingtoneState = { audible: false, blocked: false, failed: false };
  let wanted = false;

  const set = (next: Partial<RingtoneState>) => {
    const merged = { ...state, ...next };
    if (merged.audible === state.audible && merged.blocked === state.blocked && merged.failed === state.failed) return;
    state = merged;
    listeners.forEach((listener) => listener());
  };

  const play = (): Promise<boolean> =>
    audio.play().then(
      () => {
        if (!wanted) {
          // Stopped while the start was pending (or only unlocking): silence again.
          if (ringing.size === 0) audio.pause();
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
        const blocked = isAutoplayRefusal(error);
        set({ audible: false, blocked, failed: !blocked });
        return false;
      },
    );

  const player: RingtonePlayer = {
    start() {
      wanted = true;
      ringing.add(player);
      if (ringing.size === 1) audio.currentTime = 0;
      void play();
    },
    stop() {
      wanted = false;
      ringing.delete(player);
      if (ringing.size === 0) {
        audio.pause();
        audio.currentTime = 0;
      }
      set({ audible: false, blocked: false });
    },
    enable: () => play(),
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return player;
}
