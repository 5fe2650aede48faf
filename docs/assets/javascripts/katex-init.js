// Render the math that pymdownx.arithmatex (generic: true) leaves in the page
// as \( ... \) and \[ ... \] inside .arithmatex elements, with the vendored
// KaTeX (assets/vendor/katex). Material's document$ emits on the first load and
// again after every instant navigation, so math renders on both.
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
})
