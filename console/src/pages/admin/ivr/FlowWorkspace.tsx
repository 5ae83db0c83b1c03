import { useMemo, useState } from 'preact/hooks';
import { api, toApiError, type ApiError } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n';
import { checkDraft, fromFlow, toFlow, type Draft } from './draft';
import { FlowEditor } from './FlowEditor';
import { NumbersCard, PromptUploadCard, VersionsCard } from './FlowSidePanels';
import type { FlowContextLists } from './LogicNodeForms';
import { TestRunPanel } from './TestRunPanel';

/** One flow being edited: the editor, save, and the panels beside it (test-run, numbers, versions, prompts). */
export function FlowWorkspace(props: { initial: Draft; isNew: boolean; numbers: readonly string[]; lists: FlowContextLists; onSaved(name: string, isNew: boolean): void; onNumbersChanged(): void }) {
  const t = useT();
  const [draft, setDraft] = useState(props.initial);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<ApiError | undefined>(undefined);
  const [saved, setSaved] = useState<number | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [versionsKey, setVersionsKey] = useState(0);
  const [uploads, setUploads] = useState<string[]>([]);
  const clientErrors = useMemo(() => checkDraft(draft, t), [draft, t]);
  const blocked = Object.keys(clientErrors).length > 0;
  const edit = (d: Draft) => {
    setDraft(d);
    setSaved(undefined);
  };

  const save = async () => {
    if (blocked) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const stored = await api.ivr.save(toFlow(draft));
      setServerErrors({});
      setSaved(stored.version);
      setVersionsKey((k) => k + 1);
      props.onSaved(stored.name, props.isNew);
    } catch (err) {
      const e = toApiError(err);
      setServerErrors(e.fieldErrors());
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  const uploadNames = [...new Set([...uploads, ...draft.nodes.flatMap((n) => ('prompts' in n ? n.prompts : [])).flatMap((p) => (p.kind === 'upload' && p.file ? [p.file] : []))])];
  return (
    <div class="row g-3" data-testid="flow-workspace">
      <datalist id="ivr-uploads">
        {uploadNames.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <div class="col-12 col-xl-8">
        <div class="d-flex flex-wrap align-items-center gap-2 mb-3 sticky-top bg-body py-2 px-3 border rounded shadow-sm" style={{ zIndex: 5 }}>
          <h2 class="h5 mb-0 font-monospace me-auto">{draft.name || t('ivr.newFlow')}</h2>
          {saved !== undefined && (
            <span class="badge text-bg-success" role="status" data-testid="flow-saved">
              ✓ {t('ivr.savedVersion', { version: saved })}
            </span>
          )}
          {blocked && (
            <span class="badge text-bg-danger" data-testid="flow-problem-count">
              {t('ivr.problems', { count: Object.keys(clientErrors).length })}
            </span>
          )}
          <button type="button" class="btn btn-primary" disabled={saving || blocked} title={blocked ? t('ivr.fixFirst') : undefined} onClick={save} data-testid="flow-save">
            {saving ? t('common.saving') : t('ivr.saveVersion')}
          </button>
        </div>
        {saveError && saveError.fields.length === 0 && <ErrorAlert error={saveError} testId="flow-save-error" />}
        <FlowEditor draft={draft} onDraft={edit} isNew={props.isNew} clientErrors={clientErrors} serverErrors={serverErrors} lists={props.lists} />
      </div>
      <div class="col-12 col-xl-4">
        <TestRunPanel flow={() => toFlow(draft)} blocked={blocked} onFlowErrors={setServerErrors} />
        {props.isNew ? (
          <div class="alert alert-light border small">{t('ivr.saveFirst')}</div>
        ) : (
          <>
            <NumbersCard name={draft.name} numbers={props.numbers} onChanged={props.onNumbersChanged} />
            <VersionsCard
              name={draft.name}
              reloadKey={versionsKey}
              onLoad={(stored) => {
                edit(fromFlow(stored.flow));
                setServerErrors({});
              }}
            />
          </>
        )}
        <PromptUploadCard onUploaded={(f) => setUploads((u) => [...u, f])} />
      </div>
    </div>
  );
}
