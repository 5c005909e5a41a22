import { h } from './dom';

/** An error the reader should see, announced to screen readers. */
export const errorNotice = (error: unknown) =>
  h('p', { class: 'notice error', role: 'alert' }, `The API could not answer: ${error instanceof Error ? error.message : String(error)}`);

/** A view whose subject does not exist. */
export function notFound(main: HTMLElement, message: string): string {
  main.replaceChildren(h('h1', {}, 'Not found'), h('p', { class: 'notice' }, message));
  return 'Not found';
}
