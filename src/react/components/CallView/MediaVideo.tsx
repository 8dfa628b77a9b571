import { forwardRef, useEffect, useImperativeHandle, useRef, type VideoHTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';

/**
 * Props of `MediaVideo`.
 * @example const p: MediaVideoProps = { stream: media.localStream, mirrored: true }
 */
export interface MediaVideoProps extends Omit<VideoHTMLAttributes<HTMLVideoElement>, 'src'> {
  stream: MediaStream | null;
  /** Flip horizontally (a self view, like a mirror). */
  mirrored?: boolean;
}

/**
 * A muted `<video>` showing a MediaStream (`srcObject`); the call's sound is played by
 * `ringkit/media` itself, on the chosen speaker.
 * @example <MediaVideo stream={peer.stream} />
 */
export const MediaVideo = forwardRef<HTMLVideoElement, MediaVideoProps>(function MediaVideo({ stream, mirrored, ...props }, ref) {
  const element = useRef<HTMLVideoElement>(null);
  useImperativeHandle(ref, () => element.current!, []);
  useEffect(() => {
    const video = element.current;
    if (!video || video.srcObject === stream) return;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  }, [stream]);
  const own = { className: 'rk-media-video', autoPlay: true, playsInline: true, muted: true, 'data-rk-mirrored': mirrored ? '' : undefined };
  return <video ref={element} {...mergeProps(own, props as Record<string, unknown>)} />;
});
