import { useState } from 'preact/hooks';
import { useT } from '../../../i18n';
import { nodeTypes, type NodeType } from '../../../ivr';
import { freeId, newNode, scoped, type Draft, type DraftNode } from './draft';
import { Invalid } from './fields';
import type { FlowContextLists } from './LogicNodeForms';
import { NodeCard } from './NodeCard';

/** The problems as a list above the nodes, each a link to its node card. */
function Problems(props: { errors: Record<string, string>; draft: Draft; title: string; testId: string }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  const where = (path: string) => {
    const m = /^nodes\.(\d+)\.?(.*)$/.exec(path);
    const node = m ? props.draft.nodes[Number(m[1])] : undefined;
    return node ? { label: `${node.id || '?'} · ${m?.[2] ?? ''}`, href: `#node-${node.key}` } : { label: path, href: undefined };
  };
  return (
    <div class="alert alert-danger py-2" role="alert" data-testid={props.testId}>
      <div class="fw-semibold mb-1">{props.title}</div>
      <ul class="mb-0 small ps-3">
        {entries.slice(0, 12).map(([path, message]) => {
          const w = where(path);
          return (
            <li key={path}>
              {w.href ? <a href={w.href} class="alert-link font-monospace">{w.label}</a> : <span class="font-monospace">{w.label}</span>}: {message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The flow's cards: name, language and start node, then every node with its form, then "add node". */
export function FlowEditor(props: {
  draft: Draft;
  onDraft(d: Draft): void;
  isNew: boolean;
  /** Client check and the server's answer to the last save or test-run, keyed like `nodes.2.next`. */
  clientErrors: Record<string, string>;
  serverErrors: Record<string, string>;
  lists: FlowContextLists;
}) {
  const t = useT();
  const { draft, onDraft } = props;
  const [addType, setAddType] = useState<NodeType>('menu');
  const errors = { ...props.serverErrors, ...props.clientErrors };
  const nodeIds = draft.nodes.map((n) => n.id.trim()).filter(Boolean);
  // Renaming the start node keeps it the start; references elsewhere are left for the check to flag.
  const setNode = (i: number, n: DraftNode) => onDraft({ ...draft, nodes: draft.nodes.map((x, j) => (j === i ? n : x)), start: draft.nodes[i]?.id === draft.start ? n.id : draft.start });
  const add = () => {
    const id = freeId(draft, addType);
    onDraft({ ...draft, nodes: [...draft.nodes, newNode(addType, id, { ...(props.lists.queues[0] ? { queueName: props.lists.queues[0] } : {}), ...(props.lists.hours[0] ? { hoursName: props.lists.hours[0] } : {}) })] });
    // Bring the new card into view; it renders on the next frame.
    requestAnimationFrame(() => document.querySelector(`[data-testid="node-card-${draft.nodes.length}"]`)?.scrollIntoView({ block: 'nearest' }));
  };

  return (
    <div data-testid="flow-editor">
      <div class="card shadow-sm mb-3">
        <div class="card-body row g-2">
          <div class="col-12 col-md-5">
            <label class="form-label small mb-1" for="flow-name">
              {t('ivr.flowName')}
            </label>
            <input id="flow-name" class={`form-control font-monospace${errors.name ? ' is-invalid' : ''}`} value={draft.name} disabled={!props.isNew} onInput={(e) => onDraft({ ...draft, name: e.currentTarget.value })} data-testid="flow-name" />
            <Invalid error={errors.name} testId="flow-name-error" />
          </div>
          <div class="col-6 col-md-3">
            <label class="form-label small mb-1" for="flow-locale">
              {t('ivr.locale')}
            </label>
            <select id="flow-locale" class="form-select" value={draft.locale} onChange={(e) => onDraft({ ...draft, locale: e.currentTarget.value === 'en' ? 'en' : 'zh-CN' })} data-testid="flow-locale">
              <option value="zh-CN">{t('lang.zh-CN')}</option>
              <option value="en">{t('lang.en')}</option>
            </select>
          </div>
          <div class="col-6 col-md-4">
            <label class="form-label small mb-1" for="flow-start">
              {t('ivr.startNode')}
            </label>
            <select id="flow-start" class={`form-select font-monospace${errors.start ? ' is-invalid' : ''}`} value={draft.start} onChange={(e) => onDraft({ ...draft, start: e.currentTarget.value })} data-testid="flow-start">
              {!nodeIds.includes(draft.start) && <option value={draft.start}>{draft.start ? t('ivr.missingNode', { id: draft.start }) : t('ivr.chooseNode')}</option>}
              {nodeIds.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
            <Invalid error={errors.start} testId="flow-start-error" />
          </div>
        </div>
      </div>
      <Problems errors={props.clientErrors} draft={draft} title={t('ivr.problems', { count: Object.keys(props.clientErrors).length })} testId="flow-problems" />
      <Problems errors={props.serverErrors} draft={draft} title={t('ivr.serverProblems')} testId="flow-server-problems" />
      {draft.nodes.map((n, i) => (
        <NodeCard
          key={n.key}
          index={i}
          node={n}
          isStart={n.id !== '' && n.id === draft.start}
          onChange={(x) => setNode(i, x)}
          onRemove={() => onDraft({ ...draft, nodes: draft.nodes.filter((_, j) => j !== i) })}
          onMakeStart={() => onDraft({ ...draft, start: n.id })}
          errors={scoped(errors, `nodes.${i}`)}
          nodeIds={nodeIds}
          lists={props.lists}
        />
      ))}
      <div class="card border-dashed bg-body-tertiary">
        <div class="card-body d-flex flex-wrap gap-2 align-items-center">
          <select class="form-select w-auto" aria-label={t('ivr.nodeType')} value={addType} onChange={(e) => setAddType(nodeTypes.find((x) => x === e.currentTarget.value) ?? 'play')} data-testid="node-add-type">
            {nodeTypes.map((x) => (
              <option key={x} value={x}>
                {t(`ivr.type.${x}`)}
              </option>
            ))}
          </select>
          <button type="button" class="btn btn-outline-primary" onClick={add} data-testid="node-add">
            + {t('ivr.addNode')}
          </button>
          <span class="small text-secondary">{t('ivr.addHint')}</span>
        </div>
      </div>
    </div>
  );
}
