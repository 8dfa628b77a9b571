import type { LabelTable } from './commonLabels.js';

/**
 * Every visible string (and accessible name) of `CallControls` and its parts.
 * @example const labels: Partial<CallControlsLabels> = { hangUp: 'Leave' }
 */
export interface CallControlsLabels {
  /** The toolbar's accessible name. */
  title: string;
  /** The mute toggle (pressed while muted). */
  mute: string;
  /** The camera toggle (pressed while the camera is off). */
  cameraOff: string;
  /** The device picker's disclosure, and its three fields. */
  devices: string;
  microphone: string;
  camera: string;
  speaker: string;
  /** A device without a label (before access was allowed). */
  unnamedDevice: (index: number) => string;
  hangUp: string;
}

/**
 * The built-in `CallControlsLabels` in English and Simplified Chinese.
 * @example callControlsLabels.zh.mute // '静音'
 */
export const callControlsLabels: LabelTable<CallControlsLabels> = {
  en: {
    title: 'Call controls',
    mute: 'Mute',
    cameraOff: 'Turn off camera',
    devices: 'Devices',
    microphone: 'Microphone',
    camera: 'Camera',
    speaker: 'Speaker',
    unnamedDevice: (i) => `Device ${i}`,
    hangUp: 'Hang up',
  },
  zh: {
    title: '通话控制',
    mute: '静音',
    cameraOff: '关闭摄像头',
    devices: '设备',
    microphone: '麦克风',
    camera: '摄像头',
    speaker: '扬声器',
    unnamedDevice: (i) => `设备 ${i}`,
    hangUp: '挂断',
  },
};
