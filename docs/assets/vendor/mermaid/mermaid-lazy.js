// Downhill's loader for the vendored Mermaid (not part of the Mermaid package).
//
// Material for MkDocs renders every <pre class="mermaid"> itself, and only
// fetches Mermaid from a CDN when no global `mermaid` exists yet. This script
// defines a small stand-in `mermaid` so that CDN request never happens, and
// loads the real mermaid.min.js from this folder only when Material first
// renders a diagram: pages without diagrams never download it.
(() => {
  if (typeof window.mermaid !== "undefined") return
  const src = new URL("mermaid.min.js", document.currentScript.src).href
  let config = {}
  let loading
  const load = () => loading ||= new Promise((resolve, reject) => {
    const script = document.createElement("script")
    script.src = src
    script.onload = () => {
      window.mermaid.initialize(config) // the real one replaced this stand-in
      resolve(window.mermaid)
    }
    script.onerror = () => reject(new Error(`Could not load ${src}`))
    document.head.appendChild(script)
  })
  window.mermaid = {
    initialize(options) { config = options },
    async render(...args) { return (await load()).render(...args) }
  }
})()
