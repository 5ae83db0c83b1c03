import { createStore } from '../../../store';

/** The agent's chosen devices; empty string = the browser's default. Kept per browser. */
export interface DeviceChoice {
  microphone: string;
  speaker: string;
  camera: string;
}

export interface DeviceLists {
  microphones: MediaDeviceInfo[];
  speakers: MediaDeviceInfo[];
  cameras: MediaDeviceInfo[];
}

const storageKey = 'cc.phone.devices';
const none: DeviceChoice = { microphone: '', speaker: '', camera: '' };

function stored(): DeviceChoice {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(storageKey) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return none;
    const pick = (key: keyof DeviceChoice): string => {
      const value = (raw as Record<string, unknown>)[key];
      return typeof value === 'string' ? value : '';
    };
    return { microphone: pick('microphone'), speaker: pick('speaker'), camera: pick('camera') };
  } catch {
    return none; // storage disabled or garbage: defaults still work
  }
}

export const deviceStore = createStore<DeviceChoice>(stored());

export function chooseDevice(kind: keyof DeviceChoice, deviceId: string): void {
  const next = { ...deviceStore.get(), [kind]: deviceId };
  try {
    localStorage.setItem(storageKey, JSON.stringify(next));
  } catch {
    // not persisted; still used in this tab
  }
  deviceStore.set(next);
}

/** Labels are empty until the page was granted the microphone once; the caller asks for it first. */
export async function listDevices(): Promise<DeviceLists> {
  const all = await navigator.mediaDevices.enumerateDevices();
  return {
    microphones: all.filter((d) => d.kind === 'audioinput'),
    speakers: all.filter((d) => d.kind === 'audiooutput'),
    cameras: all.filter((d) => d.kind === 'videoinput'),
  };
}

/** getUserMedia constraints for a call, honouring the chosen microphone and camera. */
export function mediaConstraints(video: boolean, choice: DeviceChoice = deviceStore.get()): MediaStreamConstraints {
  const audio: MediaTrackConstraints | boolean = choice.microphone ? { deviceId: { exact: choice.microphone } } : true;
  if (!video) return { audio, video: false };
  return { audio, video: choice.camera ? { deviceId: { exact: choice.camera } } : true };
}

/** Where supported (Chromium), plays an element's audio on the chosen output device. */
export async function routeToSpeaker(el: HTMLMediaElement, deviceId: string): Promise<void> {
  const sinkable = el as HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> };
  if (typeof sinkable.setSinkId === 'function') await sinkable.setSinkId(deviceId);
}
