import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown.js';

describe('renderMarkdown (exercise sheets, issue #9)', () => {
  it('renders Markdown and lets no raw HTML through', () => {
    const html = renderMarkdown('# Echo\n\nSend **bytes**.\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> inline <b>bold</b>');
    expect(html).toContain('<h2>Echo</h2>');
    expect(html).toContain('<strong>bytes</strong>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; inline &lt;b&gt;bold&lt;/b&gt;');
    expect(html).not.toMatch(/<script|<img|<b>/);
  });

  it('highlights fenced code with highlight.js and escapes it; an unknown language stays plain', () => {
    const html = renderMarkdown('```python\nimport socket\ns = socket.socket()  # "<b>"\n```\n\n```brainfuck\n<+>\n```');
    expect(html).toContain('<pre><code class="hljs language-python">');
    expect(html).toContain('<span class="hljs-keyword">import</span>');
    expect(html).toContain('&quot;&lt;b&gt;&quot;');
    expect(html).toContain('<pre><code class="language-brainfuck">&lt;+&gt;\n</code></pre>');
  });

  it('drops javascript:, data: and file: links and keeps http(s)/mailto ones with rel=noopener', () => {
    const html = renderMarkdown(
      '[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,x) [d](file:///etc/passwd) [e](https://example.org/x) [f](mailto:t@example.org) ![g](javascript:alert(1))',
    );
    expect(html).not.toMatch(/href="(javascript|data|file):/i);
    expect(html).not.toMatch(/src="javascript:/i);
    expect(html).toContain('[a](javascript:alert(1))');
    expect(html).toContain('<a href="https://example.org/x" rel="noopener noreferrer">e</a>');
    expect(html).toContain('<a href="mailto:t@example.org" rel="noopener noreferrer">f</a>');
  });

  it('does not turn bare URLs into links (linkify off)', () => {
    expect(renderMarkdown('see https://example.org')).toBe('<p>see https://example.org</p>\n');
  });
});
