/**
 * The other participants' audio: one detached `<audio>` element per participant, on the chosen
 * speaker. Notices when the browser blocks playback until a user gesture (`blocked`, `resume`).
 * @example
 * const audio = new RemoteAudio(render)
 * audio.play('bob', track)
 * button.onclick = () => audio.resume()
 */
export class RemoteAudio {
  /** Whether this browser can choose the speaker (`HTMLMediaElement.setSinkId`). */
  readonly canSelectSpeaker = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
  /** The browser refused to play before a user gesture: call `resume()` from a click. */
  blocked = false;
  private readonly players = new Map<string, HTMLAudioElement>();
  private speakerID: string | null = null;
  private stopped = false;

  /** @param changed called when `blocked` changes */
  constructor(private readonly changed: () => void) {}

  /** Plays `track` as `userID`'s audio (replacing what played for them). */
  play(userID: string, track: MediaStreamTrack): void {
    if (typeof Audio === 'undefined' || this.stopped) return;
    let element = this.players.get(userID);
    if (!element) {
      element = new Audio();
      element.autoplay = true;
      this.players.set(userID, element);
      if (this.speakerID && this.canSelectSpeaker) void element.setSinkId(this.speakerID).catch(() => undefined);
    }
    element.srcObject = new MediaStream([track]);
    void this.start(element);
  }

  /** Stops `userID`'s audio. */
  stop(userID: string): void {
    const element = this.players.get(userID);
    if (!element) return;
    element.pause();
    element.srcObject = null;
    this.players.delete(userID);
  }

  /** Stops every participant's audio for good. */
  stopAll(): void {
    this.stopped = true;
    for (const userID of [...this.players.keys()]) this.stop(userID);
  }

  /** Moves every participant's audio to the speaker `deviceID` (where supported). */
  async setSpeaker(deviceID: string): Promise<void> {
    this.speakerID = deviceID;
    if (this.canSelectSpeaker) await Promise.all([...this.players.values()].map((p) => p.setSinkId(deviceID).catch(() => undefined)));
  }

  /** Starts the audio again after the browser blocked it (call it from a user gesture). */
  async resume(): Promise<void> {
    await Promise.all([...this.players.values()].map((p) => this.start(p)));
  }

  private start(element: HTMLAudioElement): Promise<void> {
    return element.play().then(
      () => {
        if (this.blocked && [...this.players.values()].every((p) => !p.paused)) {
          this.blocked = false;
          this.changed();
        }
      },
      (e: unknown) => {
        if ((e as { name?: string } | null)?.name === 'NotAllowedError' && !this.stopped) {
          this.blocked = true;
          this.changed();
        }
      },
    );
  }
}
