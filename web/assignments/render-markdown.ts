import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import http from 'highlight.js/lib/languages/http';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import shell from 'highlight.js/lib/languages/shell';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';
import MarkdownIt from 'markdown-it';
import type { RenderRule } from 'markdown-it/lib/renderer.mjs';

// The languages an exercise sheet on sockets uses; the rest of highlight.js's 190 would
// only slow the start. An unknown fence language is shown as plain (escaped) text.
for (const [name, language] of Object.entries({ bash, c, http, java, javascript, json, plaintext, python, shell, typescript, yaml })) {
  hljs.registerLanguage(name, language);
}

/** Links and images may point only here: no `javascript:`, `data:`, `file:` or `vbscript:`. */
const SAFE_URL = /^(https?:\/\/|mailto:|#)/i;

/**
 * Markdown → HTML for an exercise sheet (issue #9), headings one level down (`#` is <h2>). Teacher-authored, and still never
 * raw HTML: `html: false` escapes every tag in the source, links are limited to
 * http(s)/mailto/fragments and get `rel="noopener noreferrer"`, fenced code is
 * highlighted by highlight.js (whose output escapes the code).
 */
function createRenderer(): MarkdownIt {
  const md: MarkdownIt = new MarkdownIt({
    html: false,
    linkify: false,
    typographer: false,
    highlight(code: string, lang: string): string {
      const language = lang.trim().toLowerCase();
      if (!language || !hljs.getLanguage(language)) return '';
      // `ignoreIllegals`: a sheet's broken snippet is still shown, highlighted as far as it goes.
      const html = hljs.highlight(code, { language, ignoreIllegals: true }).value;
      return `<pre><code class="hljs language-${md.utils.escapeHtml(language)}">${html}</code></pre>`;
    },
  });
  // The sheet sits under the page's own <h1> (the title): its headings move one level down.
  for (const rule of ['heading_open', 'heading_close'] as const) {
    md.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
      const token = tokens[idx]!;
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
      return self.renderToken(tokens, idx, options);
    };
  }
  md.validateLink = (url: string) => SAFE_URL.test(url.trim());
  const defaultLinkOpen: RenderRule = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]!.attrSet('rel', 'noopener noreferrer');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

const renderer = createRenderer();
const cache = new Map<string, string>();
const CACHE_MAX = 200;

/** The sheet's HTML; the same text renders once (sheets are read far more than they change). */
export function renderMarkdown(markdown: string): string {
  const hit = cache.get(markdown);
  if (hit !== undefined) return hit;
  const html = renderer.render(markdown);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(markdown, html);
  return html;
}
