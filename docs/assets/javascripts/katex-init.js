// Render the math that pymdownx.arithmatex (generic: true) leaves in the page
// as \( ... \) and \[ ... \] inside .arithmatex elements, with the vendored
// KaTeX (assets/vendor/katex). Material's document$ emits on the first load and
// again after every instant navigation, so math renders on both.
// Notebook pages (mkdocs-jupyter) keep Jupyter's $ ... $ and $$ ... $$ in their
// Markdown cells, .jp-RenderedMarkdown; they are typeset here too, not by MathJax.
//
// A lesson holds a hundred formulas or more, and typesetting them all at load
// kept a phone's main thread busy for about 0.4 s. Each one is typeset when it
// comes within a screen or two of the viewport instead, and all that remain are
// typeset before printing (the browser's print, or print media as the PDF uses).
const DELIMITERS = {
  arithmatex: [
    { left: "\\(", right: "\\)", display: false },
    { left: "\\[", right: "\\]", display: true }
  ],
  notebook: [
    { left: "$$", right: "$$", display: true },
    { left: "$", right: "$", display: false }
  ]
}
const MATH = ".arithmatex, .jp-RenderedMarkdown"
let pending = new Set()
let observer

function typeset(el) {
  if (!pending.delete(el)) return
  observer.unobserve(el)
  const delimiters = el.classList.contains("arithmatex") ? DELIMITERS.arithmatex : DELIMITERS.notebook
  renderMathInElement(el, { delimiters, throwOnError: false })
}

function typesetAll() {
  for (const el of [...pending]) typeset(el)
  focusableWhenScrolling(document.body)
}

document$.subscribe(({ body }) => {
  observer?.disconnect()
  pending = new Set(body.querySelectorAll(MATH))
  observer = new IntersectionObserver((entries) => {
    const shown = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target)
    shown.forEach(typeset)
    // Widths are final only once KaTeX's fonts have loaded.
    if (shown.length) document.fonts.ready.then(() => focusableWhenScrolling(body))
  }, { rootMargin: "150% 0px" })
  if (matchMedia("print").matches) typesetAll()
  else pending.forEach((el) => observer.observe(el))
})
window.addEventListener("beforeprint", typesetAll)
matchMedia("print").addEventListener("change", (query) => query.matches && typesetAll())

// A formula wider than the column scrolls sideways; keyboard users must be able to focus it to scroll.
function focusableWhenScrolling(body) {
  for (const el of body.querySelectorAll("div.arithmatex")) {
    if (el.scrollWidth > el.clientWidth) el.tabIndex = 0
    else el.removeAttribute("tabindex")
  }
}
window.addEventListener("resize", () => focusableWhenScrolling(document.body))
