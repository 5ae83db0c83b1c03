import type { ComponentChildren } from 'preact';

export function PageHeader(props: { title: string; children?: ComponentChildren }) {
  return (
    <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
      <h1 class="h4 mb-0" data-testid="page-title">
        {props.title}
      </h1>
      {props.children && <div class="d-flex flex-wrap gap-2">{props.children}</div>}
    </div>
  );
}
