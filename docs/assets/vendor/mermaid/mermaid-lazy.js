// Downhill's loader for the vendored Mermaid (not part of the Mermaid package).
//
// Material for MkDocs renders every <pre class="mermaid"> itself, and only
// fetches Mermaid from a CDN when no global `mermaid` exists yet. This script
// defines a small stand-in `mermaid` so that CDN request never happens, and
// imports the real Mermaid from this folder only when Material first renders a
// diagram: pages without diagrams never download it. It imports the ES module
// build, whose core then loads only the chunks of the diagram types a page
// uses (a flowchart: about 0.24 MB gzipped, against 1 MB for mermaid.min.js).
(() => {
  if (typeof window.mermaid !== "undefined") return
  const src = new URL("mermaid.esm.min.mjs", document.currentScript.src).href
  let config = {}
  let loading
  const load = () => loading ||= import(src).then(({ default: mermaid }) => {
    mermaid.initialize(config)
    return mermaid
  })
  window.mermaid = {
    initialize(options) { config = options },
    async render(...args) { return (await load()).render(...args) }
  }
})()
