import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useT } from '../i18n';

/** Bootstrap's modal markup driven by Preact state, so Bootstrap's JS bundle is not needed. */
export function Modal(props: { title: string; onClose(): void; children: ComponentChildren; size?: 'lg' | 'xl'; testId?: string }) {
  const t = useT();
  const { onClose } = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    document.body.classList.add('modal-open');
    return () => {
      document.removeEventListener('keydown', onKey);
      document.body.classList.remove('modal-open');
    };
  }, [onClose]);
  return (
    <>
      <div class="modal d-block" role="dialog" aria-modal="true" aria-labelledby="modal-title" data-testid={props.testId}>
        <div class={`modal-dialog modal-dialog-scrollable modal-fullscreen-sm-down${props.size ? ` modal-${props.size}` : ''}`}>
          <div class="modal-content">
            <div class="modal-header">
              <h2 class="modal-title fs-5" id="modal-title">
                {props.title}
              </h2>
              <button type="button" class="btn-close" aria-label={t('common.close')} onClick={onClose} />
            </div>
            {props.children}
          </div>
        </div>
      </div>
      <div class="modal-backdrop show" />
    </>
  );
}
