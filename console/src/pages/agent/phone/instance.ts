import { tabScoped } from '../tab-scoped';
import { cleanNumber, isDialable } from './phone-state';
import { SoftphoneController } from './softphone';

const instance = tabScoped(
  () => {
    const phone = new SoftphoneController();
    void phone.start();
    return phone;
  },
  (phone) => void phone.stop(),
);

/** The one softphone of this tab: a call goes on while the agent opens a contact or a ticket. */
export function softphone(): SoftphoneController {
  return instance.get();
}

/**
 * Click-to-dial for other components (a contact's phone number): places the call from the agent's
 * softphone and returns the call's local id. Throws when the softphone is not registered.
 */
export function callNumber(number: string, options: { video?: boolean } = {}): string {
  const clean = cleanNumber(number);
  if (!isDialable(clean)) throw new Error(`not a dialable number: ${number}`);
  const current = instance.peek();
  if (!current) throw new Error('the softphone is not running (open the agent workspace)');
  return current.callNumber(clean, options.video ?? false);
}
