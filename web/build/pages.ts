import type { PageAssets } from './bundles';

export interface Page {
  title: string;
  /** The element the page's script renders into. */
  root: string;
  assets: PageAssets;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page's HTML: its styles, the element its script fills, and its script; nothing from another host. */
export function pageHtml({ title, root, assets }: Page): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escape(title)}</title>`,
    // No icon to fetch: browsers would otherwise ask for /favicon.ico and log the 404.
    '<link rel="icon" href="data:,">',
    ...assets.styles.map((href) => `<link rel="stylesheet" href="${escape(href)}">`),
    ...assets.scripts.map((src) => `<script type="module" src="${escape(src)}"></script>`),
    '</head>',
    '<body>',
    `<div id="${escape(root)}"></div>`,
    '<noscript>This page needs JavaScript.</noscript>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
