import { sessionStore } from '../../../session';
import { cleanNumber, isDialable } from './phone-state';
import { SoftphoneController } from './softphone';


let current: SoftphoneController | undefined;

/**
 * The one softphone of this tab. It outlives the workspace page (a call goes on while the agent
 * opens a contact) and stops when the user signs out or leaves.
 */
export function softphone(): SoftphoneController {
  if (current) return current;
  const phone = new SoftphoneController();
  current = phone;
  void phone.start();
  const stop = () => {
    if (current !== phone) return;
    current = undefined;
    unsubscribe();
    window.removeEventListener('pagehide', stop);
    void phone.stop();
  };
  const unsubscribe = sessionStore.subscribe((s) => {
    if (s.status !== 'signed-in') stop();
  });
  window.addEventListener('pagehide', stop);
  return phone;
}

/**
 * Click-to-dial for other components (a contact's phone number): places the call from the agent's
 * softphone and returns the call's local id. Throws when the softphone is not registered.
 */
export function callNumber(number: string, options: { video?: boolean } = {}): string {
  const clean = cleanNumber(number);
  if (!isDialable(clean)) throw new Error(`not a dialable number: ${number}`);
  if (!current) throw new Error('the softphone is not running (open the agent workspace)');
  return current.callNumber(clean, options.video ?? false);
}
