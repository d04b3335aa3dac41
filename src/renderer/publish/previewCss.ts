/** The preview frame's page style: plain, readable article typography (the published site has its own). */
export const PREVIEW_CSS = `
:root { font-family: Georgia, 'Times New Roman', serif; font-size: 16px; line-height: 1.55; color: #1f2328; }
body { margin: 1.5rem auto; max-width: 44rem; padding: 0 1.25rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.6rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2rem; }
h3 { font-size: 1.08rem; margin: 1.3rem 0 0.4rem; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0; font-size: 0.95rem; }
th, td { border: 1px solid #d0d7de; padding: 0.4rem 0.55rem; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; }
blockquote { margin: 0.4rem 0 0.4rem 0; padding: 0.1rem 0.9rem; border-left: 3px solid #d0d7de; color: #57606a; font-style: italic; }
blockquote p { margin: 0.3rem 0; }
a { color: #0969da; }
`;
