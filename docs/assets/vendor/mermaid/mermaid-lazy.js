// Downhill's loader for the vendored Mermaid (not part of the Mermaid package).
//
// Material for MkDocs renders every <pre class="mermaid"> itself, and only
// fetches Mermaid from a CDN when no global `mermaid` exists yet. This script
// defines a small stand-in `mermaid` so that CDN request never happens. Only
// pages with a diagram load it (hooks/theme/main.html). It imports the ES
// module build, whose core then loads only the chunks of the diagram types a
// page uses (a flowchart: about 0.24 MB gzipped, against 1 MB for
// mermaid.min.js).
//
// Mermaid is off the critical path: it is imported, and diagrams drawn, only
// once a diagram comes within a screen of the viewport, or the browser is idle
// after the page has loaded, or the page is printed (print media, as the PDF
// uses, or beforeprint). Until then the diagram's source shows as text. The
// PDF waits for the drawing (tools/course_pdf.py), and a reader who prints a
// page has waited for the idle time that draws it.
(() => {
  if (typeof window.mermaid !== "undefined") return
  const src = new URL("mermaid.esm.min.mjs", document.currentScript.src).href
  let config = {}
  let allow
  const allowed = new Promise((resolve) => { allow = resolve })
  let loading
  const load = () => loading ||= allowed.then(() => import(src)).then(({ default: mermaid }) => {
    mermaid.initialize(config)
    return mermaid
  })

  const near = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) allow()
  }, { rootMargin: "100% 0px" })
  const whenIdle = () => window.requestIdleCallback ? requestIdleCallback(allow, { timeout: 5000 }) : setTimeout(allow, 1000)
  if (document.readyState === "complete") whenIdle()
  else window.addEventListener("load", whenIdle, { once: true })
  window.addEventListener("beforeprint", () => allow())
  const print = matchMedia("print")
  if (print.matches) allow()
  print.addEventListener("change", (query) => query.matches && allow())

  window.mermaid = {
    initialize(options) { config = options },
    async render(...args) {
      // Material has just put the diagram's <pre class="mermaid"> back in place: watch it come near.
      document.querySelectorAll("pre.mermaid").forEach((pre) => near.observe(pre))
      return (await load()).render(...args)
    }
  }
})()
