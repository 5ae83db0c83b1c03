import { useT } from '../../../i18n';
import type { NodeType } from '../../../ivr';
import type { DraftNode } from './draft';
import { Invalid } from './fields';
import { ConditionForm, HttpForm, QueueNodeForm, SetForm, TransferForm, VoicemailForm, type FlowContextLists } from './LogicNodeForms';
import { CollectForm, HangupForm, MenuForm, PlayForm } from './MediaNodeForms';

export const nodeTone: Record<NodeType, string> = {
  play: 'info',
  menu: 'primary',
  collect: 'primary',
  condition: 'warning',
  http: 'secondary',
  set: 'secondary',
  queue: 'success',
  transfer: 'success',
  voicemail: 'success',
  hangup: 'danger',
};

function Body(props: { node: DraftNode; onChange(n: DraftNode): void; errors: Record<string, string>; nodeIds: readonly string[]; lists: FlowContextLists }) {
  const { node, ...rest } = props;
  switch (node.type) {
    case 'play':
      return <PlayForm node={node} {...rest} />;
    case 'menu':
      return <MenuForm node={node} {...rest} />;
    case 'collect':
      return <CollectForm node={node} {...rest} />;
    case 'hangup':
      return <HangupForm node={node} {...rest} />;
    case 'condition':
      return <ConditionForm node={node} {...rest} />;
    case 'http':
      return <HttpForm node={node} {...rest} />;
    case 'set':
      return <SetForm node={node} {...rest} />;
    case 'queue':
      return <QueueNodeForm node={node} {...rest} />;
    case 'transfer':
      return <TransferForm node={node} {...rest} />;
    case 'voicemail':
      return <VoicemailForm node={node} {...rest} />;
  }
}

/** One node of the flow: its id and label, the form for its type, and its own errors next to the fields. */
export function NodeCard(props: {
  index: number;
  node: DraftNode;
  isStart: boolean;
  onChange(n: DraftNode): void;
  onRemove(): void;
  onMakeStart(): void;
  errors: Record<string, string>;
  nodeIds: readonly string[];
  lists: FlowContextLists;
}) {
  const t = useT();
  const { node, errors } = props;
  const count = Object.keys(errors).length;
  return (
    <div class={`card shadow-sm mb-3 accent-top-${nodeTone[node.type]}${count > 0 ? ' border-danger' : ''}`} id={`node-${node.key}`} data-testid={`node-card-${props.index}`} data-node-id={node.id} data-node-type={node.type}>
      <div class="card-header bg-body d-flex flex-wrap align-items-center gap-2">
        <span class={`badge text-bg-${nodeTone[node.type]}`}>{t(`ivr.type.${node.type}`)}</span>
        <div style={{ width: '11rem' }}>
          <input class={`form-control form-control-sm font-monospace${errors.id ? ' is-invalid' : ''}`} aria-label={t('ivr.nodeId')} value={node.id} onInput={(e) => props.onChange({ ...node, id: e.currentTarget.value })} data-testid="node-id" />
        </div>
        <input class="form-control form-control-sm flex-grow-1 w-auto" style={{ minWidth: '8rem' }} placeholder={t('ivr.label')} aria-label={t('ivr.label')} value={node.label} onInput={(e) => props.onChange({ ...node, label: e.currentTarget.value })} />
        {props.isStart ? (
          <span class="badge rounded-pill text-bg-dark" data-testid="node-is-start">
            ▶ {t('ivr.start')}
          </span>
        ) : (
          <button type="button" class="btn btn-sm btn-link p-0" onClick={props.onMakeStart} data-testid="node-make-start">
            {t('ivr.makeStart')}
          </button>
        )}
        {count > 0 && (
          <span class="badge text-bg-danger" data-testid="node-error-count">
            {count}
          </span>
        )}
        <button type="button" class="btn btn-sm btn-outline-danger ms-auto" onClick={props.onRemove} data-testid="node-remove">
          {t('common.delete')}
        </button>
      </div>
      <div class="card-body">
        <Invalid error={errors.id} testId="node-id-error" />
        <Body node={node} onChange={props.onChange} errors={errors} nodeIds={props.nodeIds} lists={props.lists} />
      </div>
    </div>
  );
}
