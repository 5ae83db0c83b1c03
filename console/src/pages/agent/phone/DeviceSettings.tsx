import { useEffect, useState } from 'preact/hooks';
import { useT, type MessageKey } from '../../../i18n';
import { useStore } from '../../../store';
import { chooseDevice, deviceStore, listDevices, type DeviceChoice, type DeviceLists } from './media-devices';
import type { SoftphoneController } from './softphone';

const speakerSelectable = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

/** Microphone, speaker and camera for calls; a change applies to the call in progress too. */
export function DeviceSettings(props: { phone: SoftphoneController }) {
  const t = useT();
  const choice = useStore(deviceStore);
  const [devices, setDevices] = useState<DeviceLists | undefined>(undefined);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    const load = () =>
      listDevices().then(
        (d) => live && setDevices(d),
        () => live && setFailed(true),
      );
    // Device names stay hidden until the page may use the microphone; asking once reveals them.
    navigator.mediaDevices
      ?.getUserMedia({ audio: true })
      .then((s) => s.getTracks().forEach((track) => track.stop()))
      .catch(() => undefined)
      .finally(load);
    navigator.mediaDevices?.addEventListener('devicechange', load);
    return () => {
      live = false;
      navigator.mediaDevices?.removeEventListener('devicechange', load);
    };
  }, []);

  const pick = (kind: keyof DeviceChoice, id: string) => {
    chooseDevice(kind, id);
    if (kind === 'speaker') void props.phone.setSpeaker(id);
    else void props.phone.switchDevice(kind === 'microphone' ? 'audio' : 'video', id);
  };

  const select = (kind: keyof DeviceChoice, label: MessageKey, list: MediaDeviceInfo[]) => (
    <div class="mb-2">
      <label class="form-label small mb-1" for={`phone-device-${kind}`}>
        {t(label)}
      </label>
      <select id={`phone-device-${kind}`} class="form-select form-select-sm" value={choice[kind]} data-testid={`phone-device-${kind}`} onChange={(e) => pick(kind, e.currentTarget.value)}>
        <option value="">{t('phone.deviceDefault')}</option>
        {list
          .filter((d) => d.deviceId && d.deviceId !== 'default')
          .map((d, i) => (
            <option key={d.deviceId} value={d.deviceId}>
              {d.label || `${t(label)} ${i + 1}`}
            </option>
          ))}
      </select>
    </div>
  );

  return (
    <div class="phone-subpanel" data-testid="phone-devices">
      {failed && <div class="text-danger small mb-2">{t('phone.devicesFailed')}</div>}
      {devices && (
        <>
          {select('microphone', 'phone.microphone', devices.microphones)}
          {speakerSelectable && select('speaker', 'phone.speaker', devices.speakers)}
          {select('camera', 'phone.camera', devices.cameras)}
        </>
      )}
    </div>
  );
}
