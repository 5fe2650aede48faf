// Render the math that pymdownx.arithmatex (generic: true) leaves in the page
// as \( ... \) and \[ ... \] inside .arithmatex elements, with the vendored
// KaTeX (assets/vendor/katex). Material's document$ emits on the first load and
// again after every instant navigation, so math renders on both.
// Notebook pages (mkdocs-jupyter) keep Jupyter's $ ... $ and $$ ... $$ in their
// Markdown cells, .jp-RenderedMarkdown; they are typeset here too, not by MathJax.
document$.subscribe(({ body }) => {
  for (const el of body.querySelectorAll(".arithmatex")) {
    renderMathInElement(el, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true }
      ],
      throwOnError: false
    })
  }
  for (const el of body.querySelectorAll(".jp-RenderedMarkdown")) {
    renderMathInElement(el, {
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "$", right: "$", display: false }
      ],
      throwOnError: false
    })
  }
  // Widths are final only once KaTeX's fonts have loaded.
  document.fonts.ready.then(() => focusableWhenScrolling(body))
})

// A formula wider than the column scrolls sideways; keyboard users must be able to focus it to scroll.
function focusableWhenScrolling(body) {
  for (const el of body.querySelectorAll("div.arithmatex")) {
    if (el.scrollWidth > el.clientWidth) el.tabIndex = 0
    else el.removeAttribute("tabindex")
  }
}
window.addEventListener("resize", () => focusableWhenScrolling(document.body))
