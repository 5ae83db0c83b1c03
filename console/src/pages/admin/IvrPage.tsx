import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useResource } from '../../hooks/useResource';
import { useT } from '../../i18n';
import { fromFlow, newDraft } from './ivr/draft';
import { FlowWorkspace } from './ivr/FlowWorkspace';
import type { FlowContextLists } from './ivr/LogicNodeForms';

type Selection = { kind: 'new'; n: number } | { kind: 'flow'; name: string } | undefined;

/** Loads the live version of a flow, then hands it to the workspace. */
function SavedFlow(props: { name: string; numbers: readonly string[]; lists: FlowContextLists; onSaved(name: string, isNew: boolean): void; onNumbersChanged(): void }) {
  const flow = useResource(() => api.ivr.latest(props.name), [props.name]);
  if (flow.error) return <ErrorAlert error={flow.error} />;
  if (!flow.data) return <Loading />;
  return <FlowWorkspace initial={fromFlow(flow.data.flow)} isNew={false} numbers={props.numbers} lists={props.lists} onSaved={props.onSaved} onNumbersChanged={props.onNumbersChanged} />;
}

/** IVR flows: pick one (or start a new one), edit its nodes, test-run, save versions, attach numbers. */
export function IvrPage() {
  const t = useT();
  const flows = useResource(() => api.ivr.flows());
  const queues = useResource(() => api.queues.list());
  const hours = useResource(() => api.businessHours.list());
  const [selection, setSelection] = useState<Selection>(undefined);
  const list = flows.data ?? [];
  // Nothing chosen yet: the first flow, or a new one when there is none.
  const current: Selection = selection ?? (list[0] ? { kind: 'flow', name: list[0].name } : flows.data ? { kind: 'new', n: 0 } : undefined);
  const lists: FlowContextLists = { queues: (queues.data ?? []).map((q) => q.name), hours: (hours.data ?? []).map((h) => h.name) };
  const onSaved = (name: string, isNew: boolean) => {
    flows.reload();
    if (isNew) setSelection({ kind: 'flow', name });
  };

  return (
    <div data-testid="ivr-page">
      <PageHeader title={t('ivr.title')}>
        <button type="button" class="btn btn-primary" onClick={() => setSelection({ kind: 'new', n: Date.now() })} data-testid="flow-new">
          + {t('ivr.newFlow')}
        </button>
      </PageHeader>
      <ErrorAlert error={flows.error ?? queues.error ?? hours.error} />
      <div class="d-flex flex-wrap gap-2 mb-3" data-testid="flow-list">
        {list.map((f) => {
          const active = current?.kind === 'flow' && current.name === f.name;
          return (
            <button type="button" key={f.name} class={`btn text-start ${active ? 'btn-primary' : 'btn-outline-secondary bg-body'}`} onClick={() => setSelection({ kind: 'flow', name: f.name })} data-testid={`flow-item-${f.name}`}>
              <div class="fw-semibold font-monospace">
                {f.name} <span class={`badge ${active ? 'text-bg-light' : 'text-bg-secondary'}`}>v{f.version}</span>
              </div>
              <div class="small opacity-75" data-testid="flow-item-numbers">
                {f.numbers.length ? f.numbers.map((n) => `☎ ${n}`).join('  ') : t('ivr.noNumbers')}
              </div>
            </button>
          );
        })}
        {current?.kind === 'new' && (
          <span class="btn btn-primary disabled text-start">
            <div class="fw-semibold">{t('ivr.newFlow')}</div>
            <div class="small opacity-75">{t('ivr.unsaved')}</div>
          </span>
        )}
      </div>
      {!current || !queues.data || !hours.data ? (
        <Loading />
      ) : current.kind === 'new' ? (
        <FlowWorkspace key={`new-${current.n}`} initial={newDraft()} isNew numbers={[]} lists={lists} onSaved={onSaved} onNumbersChanged={() => flows.reload()} />
      ) : (
        <SavedFlow key={current.name} name={current.name} numbers={list.find((f) => f.name === current.name)?.numbers ?? []} lists={lists} onSaved={onSaved} onNumbersChanged={() => flows.reload()} />
      )}
    </div>
  );
}
