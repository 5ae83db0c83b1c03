import { useEffect, useState } from 'preact/hooks';
import { Modal } from '../../../components/Modal';
import { useT, type MessageKey } from '../../../i18n';
import { webimApi, type TransferTargets } from '../../../webim-api';

export const dispositions = ['solved', 'followUp', 'info', 'complaint'] as const;

/** Transfer to a queue or an agent, with a note the next agent reads. */
export function TransferDialog(props: { onClose(): void; onTransfer(target: { queueId?: string; agentId?: string }, note: string): Promise<void> }) {
  const t = useT();
  const [targets, setTargets] = useState<TransferTargets | null>(null);
  const [kind, setKind] = useState<'queue' | 'agent'>('queue');
  const [id, setId] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    webimApi.targets().then(setTargets, (err: Error) => setError(err.message));
  }, []);
  const options = kind === 'queue' ? (targets?.queues ?? []).map((q) => ({ id: q.id, label: `${q.name} (${q.waiting})` })) : (targets?.agents ?? []).map((a) => ({ id: a.id, label: `${a.name} · ${t(a.presence === 'available' ? 'presence.available' : 'presence.notReady')} · ${t('chat.agentChats', { n: a.chats })}` }));
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await props.onTransfer(kind === 'queue' ? { queueId: id } : { agentId: id }, note);
      props.onClose();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Modal title={t('chat.transfer')} onClose={props.onClose} testId="transfer-dialog">
      <form onSubmit={submit}>
        <div class="modal-body">
          <div class="btn-group btn-group-sm mb-3">
            {(['queue', 'agent'] as const).map((k) => (
              <button key={k} type="button" class={`btn ${kind === k ? 'btn-primary' : 'btn-outline-primary'}`} onClick={() => (setKind(k), setId(''))}>
                {t(k === 'queue' ? 'chat.toQueue' : 'chat.toAgent')}
              </button>
            ))}
          </div>
          <label class="form-label" for="transfer-target">{t('chat.transferTo')}</label>
          <select id="transfer-target" class="form-select mb-3" value={id} onChange={(e) => setId(e.currentTarget.value)} data-testid="transfer-target" required>
            <option value="" />
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
          {kind === 'agent' && <div class="form-text mt-n2 mb-3">{t('chat.toAgentHint')}</div>}
          <label class="form-label" for="transfer-note">{t('chat.transferNote')}</label>
          <textarea id="transfer-note" class="form-control" rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} data-testid="transfer-note" />
          {error && <div class="alert alert-danger mt-3 mb-0 py-2">{error}</div>}
        </div>
        <div class="modal-footer">
          <button type="button" class="btn btn-outline-secondary" onClick={props.onClose}>{t('common.cancel')}</button>
          <button class="btn btn-primary" disabled={!id} data-testid="transfer-submit">{t('chat.transfer')}</button>
        </div>
      </form>
    </Modal>
  );
}

/** Closing records the outcome: the disposition is the wrap-up. */
export function CloseDialog(props: { onClose(): void; onSubmit(outcome: { disposition: string; resolved: boolean; notes: string }): Promise<void> }) {
  const t = useT();
  const [disposition, setDisposition] = useState<string>('solved');
  const [resolved, setResolved] = useState(true);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await props.onSubmit({ disposition, resolved, notes });
      props.onClose();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Modal title={t('chat.closeTitle')} onClose={props.onClose} testId="close-dialog">
      <form onSubmit={submit}>
        <div class="modal-body">
          <label class="form-label" for="close-disposition">{t('chat.disposition')}</label>
          <select id="close-disposition" class="form-select mb-3" value={disposition} onChange={(e) => setDisposition(e.currentTarget.value)} data-testid="close-disposition">
            {dispositions.map((d) => (
              <option key={d} value={d}>
                {t(`chat.disp.${d}` as MessageKey)}
              </option>
            ))}
          </select>
          <div class="form-check mb-3">
            <input id="close-resolved" class="form-check-input" type="checkbox" checked={resolved} onChange={(e) => setResolved(e.currentTarget.checked)} />
            <label class="form-check-label" for="close-resolved">{t('chat.resolved')}</label>
          </div>
          <label class="form-label" for="close-notes">{t('chat.notes')}</label>
          <textarea id="close-notes" class="form-control" rows={3} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
          {error && <div class="alert alert-danger mt-3 mb-0 py-2">{error}</div>}
        </div>
        <div class="modal-footer">
          <button type="button" class="btn btn-outline-secondary" onClick={props.onClose}>{t('common.cancel')}</button>
          <button class="btn btn-danger" data-testid="close-submit">{t('chat.close')}</button>
        </div>
      </form>
    </Modal>
  );
}
