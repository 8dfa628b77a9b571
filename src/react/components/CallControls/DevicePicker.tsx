import { useId, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useCallControlsContext } from './CallControlsContext.js';

function DeviceField({ label, devices, value, onChange, unnamed }: { label: string; devices: readonly MediaDeviceInfo[]; value: string | null; onChange: (id: string) => void; unnamed: (i: number) => string }) {
  const id = useId();
  return (
    <div className="rk-call-controls__field">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="rk-input" value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {value === null && <option value="" />}
        {devices.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || unnamed(i + 1)}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * **Devices**: a disclosure with a field each for the microphone, the camera (video calls, or
 * once the camera is on) and the speaker (where the browser can choose it, `setSinkId`).
 * Switching a device replaces the track without renegotiating.
 * @example <CallControls><DevicePicker /></CallControls>
 */
export function DevicePicker(props: HTMLAttributes<HTMLDetailsElement>) {
  const { media, labels } = useCallControlsContext();
  const { microphones, cameras, speakers } = media.devices;
  if (microphones.length + cameras.length + speakers.length === 0) return null;
  return (
    <details {...mergeProps({ className: 'rk-call-controls__devices' }, props as Record<string, unknown>)}>
      <summary className="rk-button rk-call-controls__button">{labels.devices}</summary>
      <div className="rk-call-controls__panel">
        {microphones.length > 0 && (
          <DeviceField label={labels.microphone} devices={microphones} value={media.microphoneID} onChange={media.selectMicrophone} unnamed={labels.unnamedDevice} />
        )}
        {cameras.length > 0 && (media.kind === 'video' || media.camera) && (
          <DeviceField label={labels.camera} devices={cameras} value={media.cameraID} onChange={media.selectCamera} unnamed={labels.unnamedDevice} />
        )}
        {media.canSelectSpeaker && speakers.length > 0 && (
          <DeviceField label={labels.speaker} devices={speakers} value={media.speakerID ?? speakers[0]?.deviceId ?? null} onChange={media.selectSpeaker} unnamed={labels.unnamedDevice} />
        )}
      </div>
    </details>
  );
}
